"""Checkout writes: create, add/update/delete lines, e-mail. Each holds stock for the basket.

Errors carry Saleor's checkout error codes; a failed call changes nothing (one transaction).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connections, router, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing, ProductVariant
from marketplace.catalog.selectors import products_visible
from marketplace.channels.models import Channel
from marketplace.channels.slugs import channel_slug_canonical
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import echo, max_lengths_validate
from marketplace.core.query_templates import AnyOf, QueryTemplate
from marketplace.packaging.selectors import packaging_options_for_products

from .access import checkout_email_may_change, checkout_lines_read, checkout_read
from .holds import checkout_reserve
from .models import Checkout, CheckoutDelivery, CheckoutLine


class AddressError(DomainError):
    """An address at fault, and which one (SHIPPING or BILLING)."""

    def __init__(self, message: str, *, field: str | None, code: str, address_type: str) -> None:
        super().__init__(message, field=field, code=code)
        self.address_type = address_type


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int
    packaging_option_id: int | None = None
    gift_message: str = ""
    metadata: Sequence[tuple[str, str]] = ()


def checkout_get(*, token: UUID, loaded: Checkout | None = None) -> Checkout:
    """The checkout; ``loaded`` is that checkout as the caller has just read it in this
    transaction (with its channel, as checkout.access does), which saves reading it again."""
    if loaded is not None and loaded.token == token:
        return loaded
    checkout = checkout_read(token=token)
    if checkout is None:
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    return checkout


def _checkout_locked(token: UUID) -> Checkout:
    """The checkout under its row lock (the lock checkout_reserve takes), read once."""
    checkout = checkout_read(token=token, lock=True)
    if checkout is None:
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    return checkout


# Every basket creation asks it: compiled once (core.query_templates).
_CHANNEL_OF_SLUG = QueryTemplate(
    lambda slug: Channel.objects.filter(slug=slug).order_by("pk")[:1], slug="~probe-channel~"
)


def _channel(slug: str | None) -> Channel:
    slug = channel_slug_canonical(slug)
    found = _CHANNEL_OF_SLUG.rows(slug=slug)
    channel = found[0] if found else None
    if channel is None:
        raise DomainError(
            f"Channel with {echo(slug)} slug does not exist.", field="channel", code="NOT_FOUND"
        )
    if not channel.is_active:
        raise DomainError(
            f"Channel with {echo(slug)} slug is inactive.", field="channel", code="CHANNEL_INACTIVE"
        )
    return channel


def _email(value: str) -> str:
    value = value.strip().lower()
    max_lengths_validate(Checkout, {"email": value})
    try:
        validate_email(value)
    except ValidationError:
        raise DomainError(
            f"{echo(value)} is not a valid e-mail address.", field="email", code="INVALID"
        ) from None
    return value


def _buyable(ids: list[int], channel_id: int, now: datetime) -> QuerySet[ProductVariant]:
    """The variants buyers may see and that are listed in the channel (an active one), each
    with ``purchasable``: whether its product may be bought yet (asked in the same query)."""
    visible = products_visible(channel=Channel(pk=channel_id, is_active=True), now=now)
    purchasable = ProductChannelListing.objects.filter(
        channel_id=channel_id, product_id=OuterRef("product_id"), available_for_purchase_at__lte=now
    )
    return (
        ProductVariant.objects.filter(AnyOf(F("pk"), ids), product__in=visible)
        .filter(channel_listings__channel_id=channel_id)
        .annotate(purchasable=Exists(purchasable))
        .select_related("product")
    )


# Every basket creation and addition asks it: compiled once (core.query_templates).
_BUYABLE = QueryTemplate(
    _buyable,
    ids=[-2_000_000_041],
    channel_id=-2_000_000_042,
    now=datetime(1990, 1, 1, 0, 0, 7, tzinfo=UTC),
)


def _check_lines(channel: Channel, lines: Sequence[LineInput]) -> dict[int, ProductVariant]:
    """Every variant purchasable in the channel, quantities within limits, packaging valid."""
    if not lines:
        raise DomainError("Add at least one line.", field="lines", code="NO_LINES")
    for line in lines:
        if line.quantity <= 0:
            raise DomainError(
                "Quantity must be greater than 0.", field="quantity", code="ZERO_QUANTITY"
            )
        if line.quantity > settings.CHECKOUT_MAX_LINE_QUANTITY:
            raise DomainError(
                f"Cannot add more than {settings.CHECKOUT_MAX_LINE_QUANTITY} times this item.",
                field="quantity",
                code="QUANTITY_GREATER_THAN_LIMIT",
            )
        if len(line.gift_message) > 500:
            raise DomainError("Gift messages are 500 characters at most.", field="giftMessage")
    wanted = {line.variant_id for line in lines}
    found = (
        _BUYABLE.rows(ids=sorted(wanted), channel_id=channel.pk, now=timezone.now())
        if channel.is_active
        else []
    )
    variants: dict[int, ProductVariant] = {v.pk: v for v in found}
    missing = wanted - set(variants)
    if missing:
        raise DomainError(
            "Some variants are not available in this channel.",
            field="lines",
            code="UNAVAILABLE_VARIANT_IN_CHANNEL",
        )
    if not all(getattr(v, "purchasable") for v in variants.values()):  # noqa: B009
        raise DomainError(
            "This product is not available for purchase yet.",
            field="lines",
            code="PRODUCT_UNAVAILABLE_FOR_PURCHASE",
        )
    for line in lines:
        limit = variants[line.variant_id].quantity_limit_per_customer
        if limit is not None and line.quantity > limit:
            raise DomainError(
                f"Cannot buy more than {limit} of this item.",
                field="quantity",
                code="QUANTITY_GREATER_THAN_LIMIT",
            )
    _check_packaging(channel, lines, variants)
    return variants


def _check_packaging(
    channel: Channel, lines: Sequence[LineInput], variants: dict[int, ProductVariant]
) -> None:
    chosen = [line for line in lines if line.packaging_option_id is not None]
    if not chosen:
        return
    products = list({variants[line.variant_id].product for line in chosen})
    offered = packaging_options_for_products(products, channel_id=channel.pk)
    for line in chosen:
        product_id = variants[line.variant_id].product_id
        if line.packaging_option_id not in {o.pk for o in offered.get(product_id, [])}:
            raise DomainError(
                "This packaging is not offered for this product here.",
                field="packagingOptionId",
                code="INVALID",
            )


def _merge(
    checkout: Checkout, lines: Sequence[LineInput], *, is_new: bool = False
) -> list[CheckoutLine]:
    """Add ``lines`` to the basket (a line of the same piece and packaging grows); the
    basket's lines afterwards, in their order. New lines are written in one INSERT.
    ``is_new``: the checkout was just created, so it has no lines to read."""
    every = [] if is_new else checkout_lines_read(checkout=checkout)
    existing = {(line.variant_id, line.packaging_option_id): line for line in every}
    added: list[CheckoutLine] = []
    for line in lines:
        key = (line.variant_id, line.packaging_option_id)
        if key in existing:
            current = existing[key]
            current.quantity += line.quantity
            if current.quantity > settings.CHECKOUT_MAX_LINE_QUANTITY:
                raise DomainError(
                    f"Cannot add more than {settings.CHECKOUT_MAX_LINE_QUANTITY} times this item.",
                    field="quantity",
                    code="QUANTITY_GREATER_THAN_LIMIT",
                )
            if line.gift_message:
                current.gift_message = line.gift_message
            current.metadata = {**current.metadata, **_line_metadata(line.metadata)}
            if current not in added:  # a line added by this call is written below
                current.save(update_fields=["quantity", "gift_message", "metadata"])
        else:
            existing[key] = CheckoutLine(
                checkout=checkout,
                variant_id=line.variant_id,
                quantity=line.quantity,
                packaging_option_id=line.packaging_option_id,
                gift_message=line.gift_message.strip(),
                metadata=_line_metadata(line.metadata),
            )
            added.append(existing[key])
            every.append(existing[key])
    CheckoutLine.objects.bulk_create(added)
    return every


def _line_metadata(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    from .customer import metadata_items  # customer's writes build on this module

    return metadata_items(items) if items else {}


@transaction.atomic
def checkout_create(
    *,
    channel_slug: str | None,
    lines: Sequence[LineInput],
    email: str = "",
    user: Any = None,
    language_code: str = "en",
    client_ip: str | None = None,
) -> Checkout:
    """A new basket with its lines, stock held for CHECKOUT_RESERVATION_MINUTES. No lines
    is an empty basket, as Saleor creates it (storefronts start that way)."""
    channel = _channel(channel_slug)
    if lines:
        _check_lines(channel, lines)
    buyer = user if user is not None and user.is_authenticated else None
    checkout = Checkout.objects.create(
        channel=channel,
        currency=channel.currency_code,
        user=buyer,
        email=_email(email) if email else (buyer.email if buyer else ""),
        language_code=language_code,
        client_ip=client_ip,
    )
    current = _merge(checkout, lines, is_new=True)
    # Nobody else knows this basket yet: no lock to take, nothing to read again.
    checkout_reserve(checkout, locked=True, lines=current)
    return checkout


@transaction.atomic
def checkout_lines_add(*, token: UUID, lines: Sequence[LineInput]) -> Checkout:
    checkout = _checkout_locked(token)
    _check_lines(checkout.channel, lines)
    current = _merge(checkout, lines)
    checkout_reserve(checkout, locked=True, lines=current)
    checkout.save(update_fields=["updated_at"])
    return checkout


_DISCARD = (
    f'WITH parcels AS (DELETE FROM "{CheckoutDelivery._meta.db_table}" WHERE "checkout_id" = %s),'
    f' lines AS (DELETE FROM "{CheckoutLine._meta.db_table}" WHERE "checkout_id" = %s)'
    f' DELETE FROM "{Checkout._meta.db_table}" WHERE "token" = %s'
)


def checkout_discard(*, token: UUID) -> None:
    """Delete a basket that became an order, with its lines and parcel choices, in one
    statement. ``Model.delete()`` would read every related row first, because a post_delete
    receiver (core.catalog_version) listens on every model; no public answer reads these
    tables (catalog_version ignores them). The foreign keys between them are checked at
    commit (Django makes them deferred), so the order inside the statement does not matter.
    Call it under the checkout's row lock, its holds released (inventory.stock_allocate with
    its token does; a hold left fails the commit, by the reservations' foreign key)."""
    with connections[router.db_for_write(Checkout)].cursor() as cursor:
        cursor.execute(_DISCARD, [token, token, token])


def checkout_line_of_variant(*, token: UUID, variant_id: int) -> UUID:
    """The basket's line of this variant, for Saleor's deprecated ``variantId`` in updates."""
    found = CheckoutLine.objects.filter(checkout_id=token, variant_id=variant_id).order_by("pk")
    line_id = found.values_list("pk", flat=True).first()
    if line_id is None:
        raise DomainError(
            "This variant is not in the checkout.", field="variantId", code="NOT_FOUND"
        )
    return line_id


@transaction.atomic
def checkout_lines_update(
    *,
    token: UUID,
    quantities: Sequence[tuple[UUID, int]],
    metadata: Mapping[UUID, Sequence[tuple[str, str]]] | None = None,
) -> Checkout:
    """Set line quantities (0 removes the line) and add to lines' metadata."""
    checkout = checkout_get(token=token)
    Checkout.objects.select_for_update().filter(token=checkout.token).first()
    lines = {line.pk: line for line in checkout.lines.all()}
    for line_id, items in (metadata or {}).items():
        if line_id in lines and items:
            tagged = lines[line_id]
            tagged.metadata = {**tagged.metadata, **_line_metadata(items)}
            tagged.save(update_fields=["metadata"])
    for line_id, quantity in quantities:
        line = lines.get(line_id)
        if line is None:
            raise DomainError(
                "Couldn't resolve to a checkout line.", field="lineId", code="NOT_FOUND"
            )
        if quantity < 0:
            raise DomainError("Quantity must not be negative.", field="quantity", code="INVALID")
        if quantity == 0:
            line.delete()
            continue
        _check_lines(
            checkout.channel, [LineInput(line.variant_id, quantity, line.packaging_option_id)]
        )
        line.quantity = quantity
        line.save(update_fields=["quantity"])
    checkout_reserve(checkout)
    checkout.save(update_fields=["updated_at"])
    return checkout


@transaction.atomic
def checkout_lines_delete(*, token: UUID, line_ids: Sequence[UUID]) -> Checkout:
    checkout = checkout_get(token=token)
    found = set(checkout.lines.filter(pk__in=line_ids).values_list("pk", flat=True))
    if found != set(line_ids):
        raise DomainError("Couldn't resolve to a checkout line.", field="lineId", code="NOT_FOUND")
    checkout.lines.filter(pk__in=line_ids).delete()  # their reservations go with them
    checkout.save(update_fields=["updated_at"])
    return checkout


@transaction.atomic
def checkout_email_update(*, token: UUID, email: str) -> Checkout:
    checkout = checkout_get(token=token)
    clean = _email(email)
    checkout_email_may_change(checkout=checkout, email=clean)
    checkout.email = clean
    checkout.save(update_fields=["email", "updated_at"])
    checkout_reserve(checkout, strict=False)  # a committed buyer's basket starts holding
    return checkout
