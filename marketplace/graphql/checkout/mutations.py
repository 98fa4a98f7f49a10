"""checkoutCreate, checkoutLinesAdd/Update/Delete, checkoutLineDelete, checkoutEmailUpdate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import graphene
from graphql_relay import from_global_id

from marketplace.accounts.address_rules import ALL_RULES, AddressRules
from marketplace.checkout.access import checkout_access
from marketplace.checkout.creation import checkout_create_with_details
from marketplace.checkout.delivery import (
    checkout_billing_address_update,
    checkout_delivery_group_method_update,
    checkout_delivery_method_update,
    checkout_shipping_address_update,
)
from marketplace.checkout.promo import checkout_add_promo_code, checkout_remove_promo_code
from marketplace.checkout.services import (
    LineInput,
    checkout_email_update,
    checkout_line_of_variant,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
)
from marketplace.core.client import client_ip
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
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId`.")
    quantity = graphene.Int()
    line_id = graphene.ID()
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(default_value=True)
    check_fields_format = graphene.Boolean(default_value=True)
    enable_fields_normalization = graphene.Boolean(default_value=True)


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.Field(CheckoutAddressValidationRules)
    billing_address = graphene.Field(CheckoutAddressValidationRules)


def _rules(value: dict[str, Any] | None) -> AddressRules:
    if not value:
        return ALL_RULES
    return AddressRules(
        check_required_fields=value.get("check_required_fields", True) is not False,
        check_fields_format=value.get("check_fields_format", True) is not False,
        enable_fields_normalization=value.get("enable_fields_normalization", True) is not False,
    )


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    save_shipping_address = graphene.Boolean()
    shipping_address = graphene.Field(AddressInput)
    save_billing_address = graphene.Boolean()
    billing_address = graphene.Field(AddressInput)
    language_code = graphene.Argument(LanguageCodeEnum)
    validation_rules = graphene.Field(CheckoutValidationRules)
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


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
                metadata=_pairs(value.get("metadata")),
            )
        )
    return lines


def _pairs(items: list[dict[str, str]] | None) -> list[tuple[str, str]]:
    return [(item["key"], item["value"]) for item in items or []]


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

    created = graphene.Boolean(deprecation_reason="Always true when a checkout is answered.")

    @staticmethod
    def resolve_created(root: Any, info: Any) -> bool | None:
        return True if getattr(root, "checkout", None) is not None else None

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        language = input.get("language_code")
        rules = input.get("validation_rules") or {}

        def work() -> Any:
            shipping, billing = input.get("shipping_address"), input.get("billing_address")
            return checkout_create_with_details(
                channel_slug=input.get("channel"),
                lines=_lines(input["lines"]),
                email=input.get("email") or "",
                user=info.context.user,
                language_code=language_code_to_django(language) if language else "en",
                shipping_address=address_data(shipping) if shipping is not None else None,
                billing_address=address_data(billing) if billing is not None else None,
                save_shipping_address=input.get("save_shipping_address") is not False,
                save_billing_address=input.get("save_billing_address") is not False,
                shipping_rules=_rules(rules.get("shipping_address")),
                billing_rules=_rules(rules.get("billing_address")),
                metadata=[(m["key"], m["value"]) for m in input.get("metadata") or []],
                client_ip=client_ip(info.context),
            )

        return _run(cls, work)


class CheckoutLinesAdd(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, lines: list[dict[str, Any]], **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_lines_add(
                token=_checkout_token(info, **checkout), lines=_lines(lines)
            ),
        )


class CheckoutLinesUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, lines: list[dict[str, Any]], **checkout: Any) -> Any:
        def work() -> Any:
            token = _checkout_token(info, **checkout)
            updates: list[Any] = []
            metadata: dict[Any, Any] = {}
            for line in lines:
                if line.get("quantity") is None:
                    raise DomainError("Give the new quantity.", field="quantity", code="REQUIRED")
                line_id = _line_id(token, line)
                updates.append((line_id, line["quantity"]))
                metadata[line_id] = _pairs(line.get("metadata"))
            return checkout_lines_update(token=token, quantities=updates, metadata=metadata)

        return _run(cls, work)


def _line_id(token: Any, line: dict[str, Any]) -> Any:
    """``lineId``, or the line of Saleor's deprecated ``variantId``."""
    if line.get("line_id") is None and line.get("variant_id") is not None:
        variant_id = decode_optional(line["variant_id"], "ProductVariant", field="variantId")
        assert variant_id is not None
        return checkout_line_of_variant(token=token, variant_id=variant_id)
    return _uuid(line.get("line_id"), "CheckoutLine", "lineId")


class CheckoutLinesDelete(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, lines_ids: list[str], **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_lines_delete(
                token=_checkout_token(info, **checkout),
                line_ids=[_uuid(line, "CheckoutLine", "linesIds") for line in lines_ids],
            ),
        )


class CheckoutLineDelete(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        line_id = graphene.ID()

    @classmethod
    def mutate(cls, root: Any, info: Any, line_id: str | None = None, **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_lines_delete(
                token=_checkout_token(info, **checkout),
                line_ids=[_uuid(line_id, "CheckoutLine", "lineId")],
            ),
        )


class CheckoutEmailUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        email = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, **checkout: Any) -> Any:
        return _run(
            cls, lambda: checkout_email_update(token=_checkout_token(info, **checkout), email=email)
        )


class CheckoutShippingAddressUpdate(CheckoutMutation):
    """Where the parcels go: checked against the country's address format and the channel."""

    class Arguments(CheckoutIdArguments):
        shipping_address = AddressInput(required=True)
        save_address = graphene.Boolean(default_value=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        shipping_address: dict[str, Any],
        save_address: bool = True,
        validation_rules: dict[str, Any] | None = None,
        **checkout: Any,
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, lock=True, **checkout)
            return checkout_shipping_address_update(
                token=loaded.token,
                address=address_data(shipping_address),
                save_address=save_address is not False,
                rules=_rules(validation_rules),
                loaded=loaded,
                locked=True,
            )

        return _run(cls, work)


class CheckoutBillingAddressUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        billing_address = AddressInput(required=True)
        save_address = graphene.Boolean(default_value=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        billing_address: dict[str, Any],
        save_address: bool = True,
        validation_rules: dict[str, Any] | None = None,
        **checkout: Any,
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, **checkout)
            return checkout_billing_address_update(
                token=loaded.token,
                address=address_data(billing_address),
                save_address=save_address is not False,
                rules=_rules(validation_rules),
                loaded=loaded,
            )

        return _run(cls, work)


class CheckoutAddPromoCode(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, promo_code: str, **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_add_promo_code(
                token=_checkout_token(info, **checkout), code=promo_code
            ),
        )


class CheckoutRemovePromoCode(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String()
        promo_code_id = graphene.ID()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        promo_code: str | None = None,
        promo_code_id: str | None = None,
        **checkout: Any,
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_remove_promo_code(
                token=_checkout_token(info, **checkout), code=promo_code
            ),
        )


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    """One shipping method for every parcel; it must serve them all."""

    class Arguments(CheckoutIdArguments):
        delivery_method_id = graphene.ID()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, delivery_method_id: str | None = None, **checkout: Any
    ) -> Any:
        def work() -> Any:
            if not delivery_method_id:
                raise DomainError(
                    "Choose a delivery method.", field="deliveryMethodId", code="REQUIRED"
                )
            return checkout_delivery_method_update(
                token=_checkout_token(info, **checkout),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
            )

        return _run(cls, work)


class CheckoutDeliveryGroupMethodUpdate(CheckoutMutation):
    """Marketplace extension: the shipping method of one workshop's parcel."""

    class Arguments(CheckoutIdArguments):
        vendor_id = graphene.ID(required=True)
        delivery_method_id = graphene.ID(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, vendor_id: str, delivery_method_id: str, **checkout: Any
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, **checkout)
            return checkout_delivery_group_method_update(
                token=loaded.token,
                vendor_id=decode(vendor_id, "Vendor", field="vendorId"),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
                loaded=loaded,
            )

        return _run(cls, work)


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(),
        token=graphene.UUID(deprecation_reason="Use `id` instead."),
    )

    @staticmethod
    def resolve_checkout(
        root: Any, info: Any, id: str | None = None, token: UUID | None = None
    ) -> Any:
        try:
            return checkout_access(actor=info.context.user, token=_checkout_ref(id=id, token=token))
        except DomainError:  # malformed, missing, or someone else's: all the same null
            return None
