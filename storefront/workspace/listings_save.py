"""The editor's one save: a checked form handed to the catalog's and provenance's services
(product, markets and prices, variants and stock, provenance and HS code, translations,
photos), all in one transaction. A refusal from any service rolls every step back and
comes back as ``ListingRefused``, each message on the field it names.

The pieces it uses live beside it: ``listings_refused`` (the refusal and the field names),
``listings_description``, ``listings_provenance_save``, ``listings_packaging_save``; the
editor's first values are ``listings_initial.initial_for``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product
from marketplace.catalog.writes.listings import (
    ChannelError,
    ChannelPublication,
    PriceInput,
    product_channel_listing_update,
    variant_channel_listing_update,
)
from marketplace.catalog.writes.media import media_create, media_delete
from marketplace.catalog.writes.products import ProductData, product_create, product_update
from marketplace.catalog.writes.stocks import StockError, StockLine, workshop_warehouse
from marketplace.catalog.writes.translations import product_translate
from marketplace.catalog.writes.variants import (
    VariantData,
    variant_create,
    variant_delete,
    variant_update,
)
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError
from marketplace.provenance.models import Provenance
from marketplace.provenance.services import ProvenanceInput, provenance_set
from marketplace.vendors.models import ListingReview, ReviewStatus, Vendor
from marketplace.vendors.moderation import is_moderated, product_submit_for_review

from .listings_description import _paragraphs, plain
from .listings_forms import ListingForm
from .listings_initial import initial_for
from .listings_packaging_save import _packaging_set
from .listings_provenance_save import _hs_required_abroad, _materials
from .listings_reads import LANGUAGE_KEY
from .listings_refused import FIELDS, VARIANT_FIELDS, ListingRefused

# The names callers import from here, the moved ones included, so their imports keep working.
__all__ = [
    "FIELDS",
    "VARIANT_FIELDS",
    "ListingRefused",
    "initial_for",
    "listing_save",
    "photo_delete",
    "plain",
    "price_field_name_of",
]


@transaction.atomic
def _save(
    *,
    actor: Any,
    workshop: Vendor,
    product: Product | None,
    form: ListingForm,
    variants: list[dict[str, Any]],
    photos: list[Any],
    publish: bool | None,
    channels: list[Channel],
) -> Product:
    data = form.cleaned_data
    kind = data["availability"]
    prices = form.prices()
    by_slug = {c.slug: c for c in channels}
    fields = ProductData(
        name=data["name"],
        description=_paragraphs(data.get("description") or ""),
        category_id=data["category"],
        weight=data.get("weight_kg"),
        metadata=[
            {"key": LANGUAGE_KEY, "value": data["language"]},
            {"key": "one_of_a_kind", "value": "true" if kind == "one_of_a_kind" else "false"},
        ],
    )
    if product is None:
        product = product_create(
            actor=actor, product_type_id=data["product_type"], data=fields, vendor_id=workshop.pk
        )
    else:
        product = product_update(actor=actor, product_id=product.pk, data=fields)

    listed_now = {entry.channel_id: entry for entry in product.channel_listings.all()}
    if publish and not prices:
        raise ListingRefused(
            fields={"home_price": _("Give a price in at least one market to publish.")}
        )
    updates = [
        ChannelPublication(
            channel_id=by_slug[slug].pk,
            is_published=(
                publish
                if publish is not None
                else (
                    listed_now[by_slug[slug].pk].is_published
                    if by_slug[slug].pk in listed_now
                    else False
                )
            ),
            visible_in_listings=True,
            is_available_for_purchase=True,
        )
        for slug in prices
    ]
    removed = [pk for pk in listed_now if pk not in {u.channel_id for u in updates}]
    product_channel_listing_update(
        actor=actor, product_id=product.pk, update_channels=updates, remove_channel_ids=removed
    )

    warehouse = workshop_warehouse(vendor_id=workshop.pk)
    existing = {v.pk: v for v in product.variants.all()}
    removed_ids = [r["variant_id"] for r in variants if r.get("DELETE") and r.get("variant_id")]
    kept = [(index, row) for index, row in enumerate(variants) if not row.get("DELETE")]
    if not kept:
        raise ListingRefused(general=[_("A piece keeps at least one variant.")])
    for variant_id in removed_ids:
        if variant_id in existing:
            variant_delete(actor=actor, variant_id=variant_id)
    for position, (index, row) in enumerate(kept):
        delta = (row.get("price_delta") or Decimal(0)) if position else Decimal(0)
        row_prices = [
            PriceInput(channel_id=by_slug[slug].pk, price=amount + delta)
            for slug, amount in prices.items()
        ]
        quantity = 1 if kind == "one_of_a_kind" else (row.get("stock") or 0)
        stocks = [StockLine(warehouse_id=warehouse.pk, quantity=quantity)]
        sku = (row.get("sku") or "").strip() or f"{product.slug}-{position + 1}".upper()[:255]
        track = kind != "made_to_order"
        try:
            current = existing.get(row.get("variant_id") or 0)
            if current is None:
                variant_create(
                    actor=actor,
                    product_id=product.pk,
                    data=VariantData(
                        sku=sku,
                        name=row.get("name") or "",
                        track_inventory=track,
                        stocks=stocks,
                        prices=row_prices,
                    ),
                )
            else:
                variant_update(
                    actor=actor,
                    variant_id=current.pk,
                    data=VariantData(
                        sku=sku, name=row.get("name") or "", track_inventory=track, stocks=stocks
                    ),
                )
                if row_prices:
                    variant_channel_listing_update(
                        actor=actor, variant_id=current.pk, prices=row_prices
                    )
        except DomainError as error:
            name = VARIANT_FIELDS.get(error.field or "")
            if name:
                raise ListingRefused(variant_fields={(index, name): error.message}) from None
            raise

    record = Provenance.objects.filter(product=product, variant=None).first()
    hs_code = data.get("hs_code") or ""
    effective_hs = hs_code or product.product_type.hs_code
    if publish and not effective_hs and _hs_required_abroad(workshop, [by_slug[s] for s in prices]):
        raise ListingRefused(
            fields={"hs_code": _("Give the HS code: these markets ship the piece abroad.")}
        )
    provenance_set(
        actor=actor,
        product_id=product.pk,
        data=ProvenanceInput(
            town=record.town if record else "",
            region=record.region if record else "",
            country=str(record.country) if record and record.country else "",
            technique_slugs=list(data.get("techniques") or []),
            materials=_materials(record, list(data.get("materials") or [])),
            artisan_ids=list(data.get("artisans") or []),
            length_cm=record.length_cm if record else None,
            width_cm=record.width_cm if record else None,
            height_cm=record.height_cm if record else None,
            weight_kg=record.weight_kg if record else None,
            hours_of_work=data.get("hours_of_work"),
            year_made=data.get("year_made"),
            production_kind=kind,
            processing_days_min=data.get("lead_days_min") if kind == "made_to_order" else None,
            processing_days_max=data.get("lead_days_max") if kind == "made_to_order" else None,
            maker_story=record.maker_story if record else None,
            hs_code=hs_code,
            origin_country=str(record.origin_country) if record and record.origin_country else "",
        ),
    )
    _packaging_set(actor=actor, product=product, form=form)
    for code, (title, text) in form.translations().items():
        product_translate(
            actor=actor,
            product_id=product.pk,
            language_code=code,
            name=title,
            description=_paragraphs(text),
        )
    for photo in photos:
        try:
            media_create(actor=actor, product_id=product.pk, image=photo, alt=data["name"][:250])
        except DomainError as error:
            raise ListingRefused(photo_errors=[f"{photo.name}: {error.message}"]) from None
    if publish and not product.media.exists():
        raise ListingRefused(photo_errors=[_("Add at least one photo to publish the piece.")])
    if publish and is_moderated(product):
        review = ListingReview.objects.filter(product=product).first()
        if review is None or review.status == ReviewStatus.REJECTED:
            product_submit_for_review(actor=actor, product_id=product.pk)
    return product


def listing_save(
    *,
    actor: Any,
    workshop: Vendor,
    product: Product | None,
    form: ListingForm,
    variants: list[dict[str, Any]],
    photos: list[Any],
    publish: bool | None,
    channels: list[Channel],
) -> Product:
    """Create or change the listing; ``publish`` True/False publishes or unpublishes it in
    every market it has a price in, None keeps each market as it was (a new one: a draft)."""
    try:
        return _save(
            actor=actor,
            workshop=workshop,
            product=product,
            form=form,
            variants=variants,
            photos=photos,
            publish=publish,
            channels=channels,
        )
    except ListingRefused:
        raise
    except ChannelError as error:
        slug = next((c.slug for c in channels if c.pk in error.channels), None)
        if slug and error.field in ("price", "costPrice"):
            raise ListingRefused(fields={price_field_name_of(slug): error.message}) from None
        raise ListingRefused(general=[error.message]) from None
    except StockError as error:
        raise ListingRefused(variant_fields={(0, "stock"): error.message}) from None
    except DomainError as error:
        name = FIELDS.get(error.field or "")
        if name:
            raise ListingRefused(fields={name: error.message}) from None
        raise ListingRefused(general=[error.message]) from None


def price_field_name_of(slug: str) -> str:
    return f"price_{slug}"


def photo_delete(*, actor: Any, media_id: int) -> None:
    media_delete(actor=actor, media_id=media_id)
