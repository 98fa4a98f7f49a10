"""What every checkout mutation shares: Saleor's CheckoutError list, the payload that
answers with the checkout and those errors, and how the arguments name the checkout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import graphene
from graphql_relay import from_global_id

from marketplace.checkout.access import checkout_access
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import clip
from marketplace.graphql.core.mutations import run

from ..accounts.types import AddressTypeEnum
from .types import Checkout

CHECKOUT_ERROR_CODES = [
    "GRAPHQL_ERROR",
    "INSUFFICIENT_STOCK",
    "INVALID",
    "NOT_FOUND",
    "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
    "QUANTITY_GREATER_THAN_LIMIT",
    "REQUIRED",
    "ZERO_QUANTITY",
    "CHANNEL_INACTIVE",
    "UNAVAILABLE_VARIANT_IN_CHANNEL",
    "NO_LINES",
    "EMAIL_NOT_SET",
    "UNIQUE",
    "VOUCHER_NOT_APPLICABLE",
    "SHIPPING_ADDRESS_NOT_SET",
    "SHIPPING_NOT_REQUIRED",
    "DELIVERY_METHOD_NOT_APPLICABLE",
    "BILLING_ADDRESS_NOT_SET",
    "CHECKOUT_NOT_FULLY_PAID",
    "SHIPPING_METHOD_NOT_SET",
    "PAYMENT_ERROR",
]
CheckoutErrorCode = graphene.Enum("CheckoutErrorCode", [(c, c) for c in CHECKOUT_ERROR_CODES])


class CheckoutError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(CheckoutErrorCode, required=True)
    variants = graphene.List(graphene.NonNull(graphene.ID))
    lines = graphene.List(graphene.NonNull(graphene.ID))
    address_type = graphene.Field(AddressTypeEnum)


class CheckoutIdArguments:
    """How Saleor's checkout mutations name the checkout: ``id``, or the deprecated
    ``checkoutId`` (the same global id) and ``token`` (its UUID) that 3.23 still accepts."""

    id = graphene.ID()
    checkout_id = graphene.ID(deprecation_reason="Use `id` instead.")
    token = graphene.UUID(deprecation_reason="Use `id` instead.")


def _checkout_ref(
    id: str | None = None, checkout_id: str | None = None, token: UUID | None = None
) -> UUID:
    """Which checkout the arguments name; nothing checked about who asks (see below)."""
    given = [name for name, v in (("id", id), ("checkoutId", checkout_id), ("token", token)) if v]
    if len(given) > 1:
        raise DomainError(
            f"Give one of `id`, `checkoutId` or `token`, not {' and '.join(given)}.",
            field=given[1],
            code="GRAPHQL_ERROR",
        )
    if token is not None:
        return token
    if checkout_id is not None:
        return _uuid(checkout_id, "Checkout", "checkoutId")
    return _uuid(id, "Checkout", "id")


def _checkout_token(info: Any, **ids: Any) -> UUID:
    """The named checkout's token, once the caller is allowed to use it (Saleor's rule, in
    checkout_access); someone else's checkout answers NOT_FOUND like a missing one."""
    token = _checkout_ref(**ids)
    checkout_access(actor=info.context.user, token=token)
    return token


def _checkout_checked(info: Any, *, lock: bool = False, **ids: Any) -> Any:
    """As _checkout_token, but the checkout itself: the services take it as ``loaded``
    (``lock``: read under its row lock, which the service then need not take again)."""
    return checkout_access(actor=info.context.user, token=_checkout_ref(**ids), lock=lock)


def _uuid(global_id: str | None, type_name: str, field: str) -> UUID:
    if not global_id:
        raise DomainError(f"Provide the {type_name.lower()} id.", field=field, code="REQUIRED")
    try:
        found_type, raw = from_global_id(global_id)
        if found_type != type_name:
            raise ValueError
        return UUID(raw)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise DomainError(
            f"Couldn't resolve to a {type_name}: {clip(global_id)}",
            field=field,
            code="GRAPHQL_ERROR",
        ) from None


class CheckoutMutation(graphene.Mutation):
    """Every checkout mutation answers with the checkout and Saleor's CheckoutError list."""

    class Meta:
        abstract = True

    checkout = graphene.Field(Checkout)
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)


def _run(payload: type[graphene.ObjectType], work: Callable[[], Any]) -> Any:
    return run(payload, "checkout", work, codes=CHECKOUT_ERROR_CODES)
