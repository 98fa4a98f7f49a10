"""Entries for checkouts and their payments (issue 8, item 7: a checkout attached to a user is
visible and changeable by that user and staff; a guest's by whoever holds its id)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.commerce import ADDRESS, Shop

from .core import EVERYONE, GATED, Entry, found, only, payload_ok
from .world import World, missing_gid

ERRORS = "errors { field code message }"
CHECKOUT = "checkout { id email lines { quantity } }"
OWNERS = only("buyer_a", "staff")
MISSING_CHECKOUT = missing_gid("Checkout", uuid_pk=True)


def _on(key: str, **extra: Any):  # type: ignore[no-untyped-def]
    """Variables naming buyer A's checkout (``key`` in world.ids), and the missing one."""

    def target(world: World) -> dict[str, Any]:
        return {
            "id": world.ids[key],
            **{k: v(world) if callable(v) else v for k, v in extra.items()},
        }

    def missing(world: World) -> dict[str, Any]:
        return {**target(world), "id": MISSING_CHECKOUT}

    return target, missing


def checkout_entry(
    field: str,
    document: str,
    key: str = "buyer_a_checkout",
    result: str = "checkout",
    allowed: frozenset[str] = OWNERS,
    **extra: Any,
) -> Entry:
    target, missing = _on(key, **extra)
    return Entry(
        f"mutation.{field}",
        document,
        target,
        allowed=allowed,
        ok=payload_ok(field, result),
        missing=missing,
    )


def _bracelet(world: World) -> str:
    return Shop.variant_id(world.shop.bracelet)


ENTRIES = [
    checkout_entry(
        "checkoutLinesAdd",
        f"mutation($id: ID, $v: ID!) {{ checkoutLinesAdd(id: $id, lines: [{{variantId: $v, quantity: 1}}]) {{ {CHECKOUT} {ERRORS} }} }}",
        v=_bracelet,
    ),
    checkout_entry(
        "checkoutLinesUpdate",
        f"mutation($id: ID, $l: ID) {{ checkoutLinesUpdate(id: $id, lines: [{{lineId: $l, quantity: 2}}]) {{ {CHECKOUT} {ERRORS} }} }}",
        l=lambda w: w.ids["buyer_a_checkout_line"],
    ),
    checkout_entry(
        "checkoutLinesDelete",
        f"mutation($id: ID, $l: ID!) {{ checkoutLinesDelete(id: $id, linesIds: [$l]) {{ {CHECKOUT} {ERRORS} }} }}",
        l=lambda w: w.ids["buyer_a_checkout_line"],
    ),
    checkout_entry(
        "checkoutLineDelete",
        f"mutation($id: ID, $l: ID) {{ checkoutLineDelete(id: $id, lineId: $l) {{ {CHECKOUT} {ERRORS} }} }}",
        l=lambda w: w.ids["buyer_a_checkout_line"],
    ),
    checkout_entry(
        "checkoutEmailUpdate",
        f'mutation($id: ID) {{ checkoutEmailUpdate(id: $id, email: "taken@example.com") {{ {CHECKOUT} {ERRORS} }} }}',
    ),
    checkout_entry(
        "checkoutShippingAddressUpdate",
        f"mutation($id: ID, $a: AddressInput!) {{ checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {{ {CHECKOUT} {ERRORS} }} }}",
        a={**ADDRESS, "city": "Marseille", "postalCode": "13001"},
    ),
    checkout_entry(
        "checkoutBillingAddressUpdate",
        f"mutation($id: ID, $a: AddressInput!) {{ checkoutBillingAddressUpdate(id: $id, billingAddress: $a) {{ {CHECKOUT} {ERRORS} }} }}",
        a={**ADDRESS, "city": "Marseille", "postalCode": "13001"},
    ),
    checkout_entry(
        "checkoutDeliveryMethodUpdate",
        f"mutation($id: ID, $m: ID) {{ checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) {{ {CHECKOUT} {ERRORS} }} }}",
        m=lambda w: w.ids["buyer_a_parcel_method"],
    ),
    checkout_entry(
        "checkoutDeliveryGroupMethodUpdate",
        f"mutation($id: ID, $v: ID!, $m: ID!) {{ checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $v, deliveryMethodId: $m) {{ {CHECKOUT} {ERRORS} }} }}",
        v=lambda w: w.ids["buyer_a_parcel_vendor"],
        m=lambda w: w.ids["buyer_a_parcel_method"],
    ),
    checkout_entry(
        "checkoutAddPromoCode",
        f'mutation($id: ID) {{ checkoutAddPromoCode(id: $id, promoCode: "MATRIX10") {{ {CHECKOUT} {ERRORS} }} }}',
    ),
    checkout_entry(
        "checkoutRemovePromoCode",
        f'mutation($id: ID) {{ checkoutRemovePromoCode(id: $id, promoCode: "MATRIX10") {{ {CHECKOUT} {ERRORS} }} }}',
        key="buyer_a_promo_checkout",
    ),
    # Attaching names no customer: it means "give it to me", so not even staff may take A's;
    # only A may let go of it (Saleor: the checkout's own user, or impersonation).
    checkout_entry(
        "checkoutCustomerAttach",
        f"mutation($id: ID) {{ checkoutCustomerAttach(id: $id) {{ {CHECKOUT} {ERRORS} }} }}",
        allowed=only("buyer_a"),
    ),
    checkout_entry(
        "checkoutCustomerDetach",
        f"mutation($id: ID) {{ checkoutCustomerDetach(id: $id) {{ {CHECKOUT} {ERRORS} }} }}",
        allowed=only("buyer_a"),
    ),
    checkout_entry(
        "updateMetadata",
        f'mutation($id: ID!) {{ updateMetadata(id: $id, input: [{{key: "gift", value: "yes"}}]) {{ item {{ metadata {{ key }} }} {ERRORS} }} }}',
        result="item",
    ),
    checkout_entry(
        "deleteMetadata",
        f'mutation($id: ID!) {{ deleteMetadata(id: $id, keys: ["gift"]) {{ item {{ metadata {{ key }} }} {ERRORS} }} }}',
        result="item",
    ),
    checkout_entry(
        "paymentGatewayInitialize",
        f"mutation($id: ID!) {{ paymentGatewayInitialize(id: $id) {{ gatewayConfigs {{ id data }} {ERRORS} }} }}",
        result="gatewayConfigs",
    ),
    checkout_entry(
        "transactionInitialize",
        f'mutation($id: ID!) {{ transactionInitialize(id: $id, paymentGateway: {{id: "marketplace.payments.demo"}}) {{ transaction {{ chargedAmount {{ amount }} }} {ERRORS} }} }}',
        result="transaction",
    ),
    Entry(
        "mutation.transactionProcess",
        f"mutation($t: UUID) {{ transactionProcess(token: $t) {{ transaction {{ chargedAmount {{ amount }} }} {ERRORS} }} }}",
        lambda w: {"t": w.ids["buyer_a_declined_transaction"]},
        allowed=OWNERS,
        ok=lambda data: bool((data or {}).get("transactionProcess", {}).get("transaction")),
        missing=lambda w: {"t": str(uuid.UUID(int=1))},
    ),
    checkout_entry(
        "checkoutComplete",
        f"mutation($id: ID) {{ checkoutComplete(id: $id) {{ order {{ number }} {ERRORS} }} }}",
        key="buyer_a_paid_checkout",
        result="order",
    ),
    Entry(
        "query.checkout",
        "query($id: ID) { checkout(id: $id) { id email lines { quantity } } }",
        lambda w: {"id": w.ids["buyer_a_checkout"]},
        allowed=OWNERS,
        ok=found("checkout"),
        missing=lambda w: {"id": MISSING_CHECKOUT},
    ),
    Entry(
        "query.checkout",
        "query($id: ID) { checkout(id: $id) { id email lines { quantity } } }",
        lambda w: {"id": w.ids["guest_checkout"]},
        allowed=EVERYONE,
        ok=found("checkout"),
        label="guest",
    ),
    Entry(
        "mutation.checkoutEmailUpdate",
        f'mutation($id: ID) {{ checkoutEmailUpdate(id: $id, email: "guest2@example.com") {{ {CHECKOUT} {ERRORS} }} }}',
        lambda w: {"id": w.ids["guest_checkout"]},
        allowed=EVERYONE,
        ok=payload_ok("checkoutEmailUpdate", "checkout"),
        label="guest",
    ),
    Entry(
        "mutation.checkoutCreate",
        f'mutation($v: ID!) {{ checkoutCreate(input: {{channel: "international", lines: [{{variantId: $v, quantity: 1}}]}}) {{ checkout {{ id }} {ERRORS} }} }}',
        lambda w: {"v": Shop.variant_id(w.shop.tray)},
        allowed=EVERYONE,
        ok=payload_ok("checkoutCreate", "checkout"),
        kind=GATED,  # names no existing object: anyone may start a basket
    ),
]
