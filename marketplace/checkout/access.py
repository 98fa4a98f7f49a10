"""Who may see and change a checkout (Saleor's rule), decided in one place.

A checkout attached to a user is that user's (and staff's); an anonymous checkout is whoever
holds its id. Anyone else is told the checkout does not exist, in the very words a missing
checkout gets, so a guessed or leaked id reveals nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.query_templates import QueryTemplate
from marketplace.payments.models import Transaction

from .models import Checkout, CheckoutLine

MISSING = "Couldn't resolve to a checkout."

# Every checkout mutation and query starts here: compiled once (core.query_templates).
_CHECKOUT = QueryTemplate(
    lambda token: (
        Checkout.objects.select_related("channel", "shipping_address")
        .filter(token=token)
        .order_by()
    ),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0de1"),
)


# Read before changing a basket (its lines, its address, paying, completing it).
_CHECKOUT_LOCKED = QueryTemplate(
    lambda token: (
        Checkout.objects.select_for_update(of=("self",))
        .select_related("channel", "shipping_address", "billing_address")
        .filter(token=token)
        .order_by()
    ),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0de4"),
)


_LINES = QueryTemplate(
    lambda token: CheckoutLine.objects.filter(checkout_id=token),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0d13"),
)


def checkout_lines_read(*, checkout: Checkout) -> list[CheckoutLine]:
    """The basket's lines in their order, each knowing ``checkout``."""
    return _LINES.rows(token=checkout.token, known={"checkout": checkout})


def checkout_read(*, token: UUID, lock: bool = False) -> Checkout | None:
    """The checkout with its channel and shipping address (what it costs depends on them);
    ``lock``: under its row lock (inside a transaction), the lock checkout_reserve takes,
    with its billing address too (what completing it copies)."""
    found = (_CHECKOUT_LOCKED if lock else _CHECKOUT).rows(token=token)
    return found[0] if found else None


def checkout_may_access(*, actor: Any, checkout: Checkout) -> bool:
    """True when ``actor`` (a user, anonymous, or None) may read and change ``checkout``."""
    if checkout.user_id is None:
        return True
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return bool(actor.pk == checkout.user_id or actor.is_staff)


def checkout_access(*, actor: Any, token: UUID, field: str = "id", lock: bool = False) -> Checkout:
    """The checkout, if ``actor`` may use it. Raises NotFound, the answer for a missing
    checkout, both when it does not exist and when it belongs to someone else. The shipping
    address comes along: what the checkout costs depends on it. ``lock``: see checkout_read."""
    checkout = checkout_read(token=token, lock=lock)
    if checkout is None or not checkout_may_access(actor=actor, checkout=checkout):
        raise NotFound(MISSING, field=field)
    return checkout


def checkout_order_owner(*, actor: Any, checkout: Checkout) -> Any:
    """Whose account the order placed from ``checkout`` goes to: the checkout's own user; for
    a guest checkout, the logged-in caller only when the checkout's e-mail is the caller's
    (so completing someone else's paid basket never takes their order); otherwise nobody."""
    if checkout.user_id is not None:
        return checkout.user
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if checkout.email and actor.email and checkout.email.lower() == actor.email.lower():
        return actor
    return None


def checkout_email_may_change(*, checkout: Checkout, email: str) -> None:
    """Once money was taken for a checkout, its e-mail (where the receipt goes, and whose
    account a guest order may join) stays: holding a paid basket's id is no way to take it."""
    changes = bool(checkout.email) and email.lower() != checkout.email.lower()
    if (
        changes
        and Transaction.objects.filter(checkout_token=checkout.token, charged__gt=0).exists()
    ):
        raise DomainError(
            "This checkout is paid: its e-mail address can no longer change.",
            field="email",
            code="INVALID",
        )
