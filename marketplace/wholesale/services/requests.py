"""A business buyer's request for quote to a cluster, checked against its terms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import quantize
from marketplace.core.uploads import PHOTO, upload_accept
from marketplace.vendors.models import Vendor, VendorKind

from ..access import approved_business
from ..models import QuoteLine, QuoteStatus, ReferencePhoto, WholesaleQuote, WholesaleTerms
from .terms import tier_price


@dataclass
class LineInput:
    quantity: int
    product_id: int | None = None
    title: str = ""
    specification: str = ""
    photos: Sequence[Any] = field(default_factory=list)


def _lines_checked(
    lines: Sequence[LineInput], terms: WholesaleTerms, cluster: Vendor
) -> tuple[list[QuoteLine], Decimal]:
    """Unsaved lines and the value of the listed ones at their tier prices."""
    if not lines:
        raise DomainError("Ask for at least one line.", field="lines", code="REQUIRED")
    ids = [line.product_id for line in lines if line.product_id]
    products = {
        p.pk: p
        for p in Product.objects.filter(pk__in=ids, vendor__cluster=cluster).select_related(
            "product_type"
        )
    }
    tiers = list(terms.tiers.all())
    built, value = [], Decimal(0)
    for index, line in enumerate(lines):
        where = f"lines.{index}"
        if line.quantity < terms.min_quantity_per_product:
            raise DomainError(
                f"At least {terms.min_quantity_per_product} pieces per product.",
                field=f"{where}.quantity",
                code="QUANTITY_BELOW_MINIMUM",
            )
        if line.product_id:
            product = products.get(line.product_id)
            if product is None:
                raise NotFound("No such product in this cluster.", field=f"{where}.product")
            price = tier_price(tiers, product_id=product.pk, quantity=line.quantity)
            value += (price or Decimal(0)) * line.quantity
            built.append(
                QuoteLine(
                    product=product,
                    title=product.name,
                    quantity=line.quantity,
                    hs_code=product.product_type.hs_code,
                    unit_weight_kg=product.weight_kg or product.product_type.weight_kg,
                    sort_order=index,
                )
            )
        else:
            spec = (line.specification or "").strip()
            title = (line.title or "").strip()
            if not spec or not title:
                raise DomainError(
                    "A custom line needs a title and a specification.",
                    field=f"{where}.specification",
                    code="REQUIRED",
                )
            built.append(
                QuoteLine(
                    title=title[:255], specification=spec, quantity=line.quantity, sort_order=index
                )
            )
    return built, quantize(value, terms.currency)


@transaction.atomic
def quote_request(
    *,
    user: Any,
    cluster_id: int,
    lines: Sequence[LineInput],
    target_date: date,
    destination_country: str,
    destination_address: str,
    incoterm: str,
    packaging: str = "",
    message: str = "",
    channel_slug: str | None = None,
) -> WholesaleQuote:
    business = approved_business(user, field="user")
    cluster = Vendor.objects.filter(pk=cluster_id, kind=VendorKind.CLUSTER).first()
    terms = WholesaleTerms.objects.filter(vendor_id=cluster_id).first()
    if cluster is None or terms is None:
        raise NotFound("No cluster taking wholesale orders with this id.", field="cluster")
    if incoterm not in terms.incoterms:
        raise DomainError(
            f"This cluster ships {' or '.join(terms.incoterms)}.",
            field="incoterm",
            code="INVALID",
        )
    if target_date <= timezone.localdate():
        raise DomainError("The target date must be in the future.", field="targetDate")
    country = (destination_country or "").strip().upper()
    if len(country) != 2 or not (destination_address or "").strip():
        raise DomainError("A destination country and address.", field="destination")
    channel = Channel.objects.filter(currency_code=terms.currency, is_active=True)
    channel = channel.filter(slug=channel_slug) if channel_slug else channel
    chosen = channel.order_by("pk").first()
    if chosen is None:
        raise NotFound("No channel sells in the cluster's currency.", field="channel")
    built, value = _lines_checked(lines, terms, cluster)
    reorder = WholesaleQuote.objects.filter(
        business=business, cluster=cluster, accepted_version__isnull=False
    ).exists()
    minimum = terms.min_reorder if reorder else terms.min_first_order
    listed_only = all(line.product_id for line in built)
    if listed_only and value < minimum:
        raise DomainError(
            f"The {'reorder' if reorder else 'first order'} minimum is {minimum} "
            f"{terms.currency}; these lines come to {value}.",
            field="lines",
            code="ORDER_BELOW_MINIMUM",
        )
    quote = WholesaleQuote.objects.create(
        number=f"WQ-{uuid.uuid4().hex[:8].upper()}",
        business=business,
        cluster=cluster,
        channel=chosen,
        currency=terms.currency,
        target_date=target_date,
        packaging=packaging.strip()[:255],
        destination_country=country,
        destination_address=destination_address.strip(),
        incoterm=incoterm,
        message=message.strip(),
        status=QuoteStatus.REQUESTED,
    )
    for line in built:
        line.quote = quote
    QuoteLine.objects.bulk_create(built)
    for index, (line, raw) in enumerate(zip(built, lines, strict=True)):
        for number, upload in enumerate(raw.photos):
            accepted = upload_accept(
                upload=upload, field=f"lines.{index}.photos.{number}", policy=PHOTO
            )
            photo = ReferencePhoto(line=line)
            photo.image.save(accepted.name, accepted.content, save=True)
    return quote
