"""Where the parcels go and how: addresses and shipping methods of a checkout."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from marketplace.accounts.address_rules import ALL_RULES, AddressRules, address_validate_by_rules
from marketplace.accounts.addresses import AddressData, address_store
from marketplace.core.errors import DomainError
from marketplace.core.query_templates import QueryTemplate

from .holds import checkout_reserve
from .models import Checkout, CheckoutDelivery, CheckoutLine
from .pricing import checkout_delivery_offer, checkout_totals, with_channel_prices
from .services import AddressError, checkout_get


def _address_update(
    token: UUID,
    data: AddressData,
    *,
    kind: str,
    save: bool,
    rules: AddressRules,
    loaded: Checkout | None,
) -> Checkout:
    checkout = checkout_get(token=token, loaded=loaded)
    try:
        normal = address_validate_by_rules(data, rules)
    except DomainError as error:
        raise AddressError(
            error.message, field=error.field, code=error.code, address_type=kind.upper()
        ) from error
    served = {str(code) for code in checkout.channel.countries}
    if kind == "shipping" and served and normal.country not in served:
        raise DomainError(
            f"The {checkout.channel.name} channel does not ship to {normal.country}.",
            field="country",
            code="INVALID",
        )
    address = address_store(normal)
    if kind == "shipping":
        checkout.shipping_address = address
    else:
        checkout.billing_address = address
    setattr(checkout, f"save_{kind}_address", save)
    checkout.save(update_fields=[f"{kind}_address", f"save_{kind}_address", "updated_at"])
    return checkout


@transaction.atomic
def checkout_shipping_address_update(
    *,
    token: UUID,
    address: AddressData,
    save_address: bool = True,
    rules: AddressRules = ALL_RULES,
    loaded: Checkout | None = None,
    locked: bool = False,
) -> Checkout:
    """Where the parcels go: validated for its country (as ``rules`` ask) and served by the
    channel; ``save_address`` copies it into the buyer's address book at completion. With an
    e-mail too, the basket starts holding its stock (checkout.holds). ``loaded``: see
    checkout_get; ``locked``: ``loaded`` was read under the checkout's row lock (in this
    transaction), so the hold need not take it and read the checkout again."""
    checkout = _address_update(
        token, address, kind="shipping", save=save_address, rules=rules, loaded=loaded
    )
    checkout_reserve(checkout, strict=False, locked=locked and checkout is loaded)
    return checkout


@transaction.atomic
def checkout_billing_address_update(
    *,
    token: UUID,
    address: AddressData,
    save_address: bool = True,
    rules: AddressRules = ALL_RULES,
    loaded: Checkout | None = None,
) -> Checkout:
    return _address_update(
        token, address, kind="billing", save=save_address, rules=rules, loaded=loaded
    )


def _lines_priced(token: UUID, channel_id: int) -> QuerySet[CheckoutLine]:
    lines = CheckoutLine.objects.filter(checkout_id=token).select_related(
        "variant__product__product_type", "variant__product__vendor", "packaging_option"
    )
    return with_channel_prices(lines, channel_id=channel_id)


# Read on every step of the checkout path: compiled once (core.query_templates).
_LINES_PRICED = QueryTemplate(
    _lines_priced, token=UUID("5e1ec7ed-0000-4000-8000-00000000c0de"), channel_id=-2_000_000_017
)


def lines_for_pricing(checkout: Checkout) -> list[CheckoutLine]:
    """What checkout_totals needs of the lines, prices in the checkout's channel included."""
    return _LINES_PRICED.rows(
        token=checkout.token, channel_id=checkout.channel_id, known={"checkout": checkout}
    )


@transaction.atomic
def checkout_delivery_method_update(*, token: UUID, method_id: int) -> Checkout:
    """One method for every parcel (Saleor's single delivery method): it must serve them all."""
    checkout = checkout_get(token=token)
    totals = checkout_totals(checkout=checkout, lines=lines_for_pricing(checkout))
    if checkout.shipping_address_id is None:
        raise DomainError(
            "Set the shipping address first.",
            field="deliveryMethodId",
            code="SHIPPING_ADDRESS_NOT_SET",
        )
    if not totals.groups:
        raise DomainError(
            "Nothing here needs shipping.", field="deliveryMethodId", code="SHIPPING_NOT_REQUIRED"
        )
    if any(
        method_id not in {q.method_id for q in totals.quotes.get(g.vendor.pk, [])}
        for g in totals.groups
    ):
        raise DomainError(
            "This shipping method does not serve every parcel.",
            field="deliveryMethodId",
            code="DELIVERY_METHOD_NOT_APPLICABLE",
        )
    _choose(checkout, {group.vendor.pk: method_id for group in totals.groups})
    checkout.save(update_fields=["updated_at"])
    return checkout


def checkout_delivery_group_method_update(
    *, token: UUID, vendor_id: int, method_id: int, loaded: Checkout | None = None
) -> Checkout:
    """A method for one workshop's parcel (marketplace extension). ``loaded``: see
    checkout_get. Every check comes before the atomic block of the two writes: a refusal
    raised inside one without a savepoint would doom the caller's whole transaction (the
    other mutations of the same request), and a savepoint costs two statements."""
    checkout = checkout_get(token=token, loaded=loaded)
    groups, quotes = checkout_delivery_offer(checkout=checkout, lines=lines_for_pricing(checkout))
    group = next((g for g in groups if g.vendor.pk == vendor_id), None)
    if group is None:
        raise DomainError("No parcel from this workshop.", field="vendorId", code="NOT_FOUND")
    if method_id not in {q.method_id for q in quotes.get(vendor_id, [])}:
        raise DomainError(
            "This shipping method does not serve the parcel.",
            field="deliveryMethodId",
            code="DELIVERY_METHOD_NOT_APPLICABLE",
        )
    with transaction.atomic(savepoint=False):
        _choose(checkout, {vendor_id: method_id})
        checkout.save(update_fields=["updated_at"])
    return checkout


def _choose(checkout: Checkout, methods: dict[int, int]) -> None:
    """Record the method of each workshop's parcel: one INSERT … ON CONFLICT UPDATE, where
    update_or_create would read, then write, each under two savepoints."""
    CheckoutDelivery.objects.bulk_create(
        [
            CheckoutDelivery(checkout=checkout, vendor_id=vendor_id, method_id=method)
            for vendor_id, method in methods.items()
        ],
        update_conflicts=True,
        unique_fields=["checkout", "vendor"],
        update_fields=["method"],
    )
