"""checkoutCreate, checkoutLinesAdd/Update/Delete, checkoutLineDelete, checkoutEmailUpdate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import graphene
from graphql_relay import from_global_id

from marketplace.checkout.delivery import (
    checkout_billing_address_update,
    checkout_delivery_group_method_update,
    checkout_delivery_method_update,
    checkout_shipping_address_update,
)
from marketplace.checkout.promo import checkout_add_promo_code, checkout_remove_promo_code
from marketplace.checkout.services import (
    LineInput,
    checkout_create,
    checkout_email_update,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
)
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import clip
from marketplace.graphql.core.mutations import decode, decode_optional, run
from marketplace.graphql.core.types import LanguageCodeEnum, language_code_to_django

from ..accounts.types import AddressInput, AddressTypeEnum, address_data
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


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)
    force_new_line = graphene.Boolean(default_value=False)
    packaging_option_id = graphene.ID(description="Marketplace extension: chosen packaging.")
    gift_message = graphene.String(description="Marketplace extension: a message for the gift.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    quantity = graphene.Int()
    line_id = graphene.ID()


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    language_code = graphene.Argument(LanguageCodeEnum)


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


def _lines(values: list[dict[str, Any]]) -> list[LineInput]:
    lines = []
    for value in values:
        variant_id = decode_optional(value["variant_id"], "ProductVariant", field="variantId")
        assert variant_id is not None
        lines.append(
            LineInput(
                variant_id=variant_id,
                quantity=value["quantity"],
                packaging_option_id=decode_optional(
                    value.get("packaging_option_id"), "PackagingOption", field="packagingOptionId"
                ),
                gift_message=value.get("gift_message") or "",
            )
        )
    return lines


class CheckoutMutation(graphene.Mutation):
    """Every checkout mutation answers with the checkout and Saleor's CheckoutError list."""

    class Meta:
        abstract = True

    checkout = graphene.Field(Checkout)
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)


def _run(payload: type[graphene.ObjectType], work: Callable[[], Any]) -> Any:
    return run(payload, "checkout", work, codes=CHECKOUT_ERROR_CODES)


class CheckoutCreate(CheckoutMutation):
    class Arguments:
        input = CheckoutCreateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        language = input.get("language_code")
        return _run(
            cls,
            lambda: checkout_create(
                channel_slug=input.get("channel"),
                lines=_lines(input["lines"]),
                email=input.get("email") or "",
                user=info.context.user,
                language_code=language_code_to_django(language) if language else "en",
            ),
        )


class CheckoutLinesAdd(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, lines: list[dict[str, Any]], id: str | None = None
    ) -> Any:
        return _run(
            cls, lambda: checkout_lines_add(token=_uuid(id, "Checkout", "id"), lines=_lines(lines))
        )


class CheckoutLinesUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, lines: list[dict[str, Any]], id: str | None = None
    ) -> Any:
        def work() -> Any:
            updates = []
            for line in lines:
                if line.get("quantity") is None:
                    raise DomainError("Give the new quantity.", field="quantity", code="REQUIRED")
                updates.append(
                    (_uuid(line.get("line_id"), "CheckoutLine", "lineId"), line["quantity"])
                )
            return checkout_lines_update(token=_uuid(id, "Checkout", "id"), quantities=updates)

        return _run(cls, work)


class CheckoutLinesDelete(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, lines_ids: list[str], id: str | None = None) -> Any:
        return _run(
            cls,
            lambda: checkout_lines_delete(
                token=_uuid(id, "Checkout", "id"),
                line_ids=[_uuid(line, "CheckoutLine", "linesIds") for line in lines_ids],
            ),
        )


class CheckoutLineDelete(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        line_id = graphene.ID()

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str | None = None, line_id: str | None = None) -> Any:
        return _run(
            cls,
            lambda: checkout_lines_delete(
                token=_uuid(id, "Checkout", "id"),
                line_ids=[_uuid(line_id, "CheckoutLine", "lineId")],
            ),
        )


class CheckoutEmailUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        email = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, id: str | None = None) -> Any:
        return _run(
            cls, lambda: checkout_email_update(token=_uuid(id, "Checkout", "id"), email=email)
        )


class CheckoutShippingAddressUpdate(CheckoutMutation):
    """Where the parcels go: checked against the country's address format and the channel."""

    class Arguments:
        id = graphene.ID()
        shipping_address = AddressInput(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, shipping_address: dict[str, Any], id: str | None = None
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_shipping_address_update(
                token=_uuid(id, "Checkout", "id"), address=address_data(shipping_address)
            ),
        )


class CheckoutBillingAddressUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        billing_address = AddressInput(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, billing_address: dict[str, Any], id: str | None = None
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_billing_address_update(
                token=_uuid(id, "Checkout", "id"), address=address_data(billing_address)
            ),
        )


class CheckoutAddPromoCode(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        promo_code = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, promo_code: str, id: str | None = None) -> Any:
        return _run(
            cls, lambda: checkout_add_promo_code(token=_uuid(id, "Checkout", "id"), code=promo_code)
        )


class CheckoutRemovePromoCode(CheckoutMutation):
    class Arguments:
        id = graphene.ID()
        promo_code = graphene.String()
        promo_code_id = graphene.ID()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        id: str | None = None,
        promo_code: str | None = None,
        promo_code_id: str | None = None,
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_remove_promo_code(token=_uuid(id, "Checkout", "id"), code=promo_code),
        )


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    """One shipping method for every parcel; it must serve them all."""

    class Arguments:
        id = graphene.ID()
        delivery_method_id = graphene.ID()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str | None = None, delivery_method_id: str | None = None
    ) -> Any:
        def work() -> Any:
            if not delivery_method_id:
                raise DomainError(
                    "Choose a delivery method.", field="deliveryMethodId", code="REQUIRED"
                )
            return checkout_delivery_method_update(
                token=_uuid(id, "Checkout", "id"),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
            )

        return _run(cls, work)


class CheckoutDeliveryGroupMethodUpdate(CheckoutMutation):
    """Marketplace extension: the shipping method of one workshop's parcel."""

    class Arguments:
        id = graphene.ID()
        vendor_id = graphene.ID(required=True)
        delivery_method_id = graphene.ID(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, vendor_id: str, delivery_method_id: str, id: str | None = None
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_delivery_group_method_update(
                token=_uuid(id, "Checkout", "id"),
                vendor_id=decode(vendor_id, "Vendor", field="vendorId"),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
            ),
        )


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(Checkout, id=graphene.ID())

    @staticmethod
    def resolve_checkout(root: Any, info: Any, id: str | None = None) -> Any:
        from marketplace.checkout.models import Checkout as CheckoutModel

        try:
            token = _uuid(id, "Checkout", "id")
        except DomainError:
            return None
        return CheckoutModel.objects.select_related("channel").filter(token=token).first()
