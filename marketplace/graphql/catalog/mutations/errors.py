"""Saleor's product error types, and the one way a domain error becomes a payload error."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import graphene
from graphql_relay import to_global_id

from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode

PRODUCT_ERROR_CODES = [
    "ALREADY_EXISTS",
    "ATTRIBUTE_ALREADY_ASSIGNED",
    "ATTRIBUTE_CANNOT_BE_ASSIGNED",
    "ATTRIBUTE_VARIANTS_DISABLED",
    "MEDIA_ALREADY_ASSIGNED",
    "DUPLICATED_INPUT_ITEM",
    "GRAPHQL_ERROR",
    "INVALID",
    "INVALID_PRICE",
    "PRODUCT_WITHOUT_CATEGORY",
    "NOT_PRODUCTS_IMAGE",
    "NOT_PRODUCTS_VARIANT",
    "NOT_FOUND",
    "REQUIRED",
    "UNIQUE",
    "CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT",
    "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
    "UNSUPPORTED_MEDIA_PROVIDER",
    "PREORDER_VARIANT_CANNOT_BE_DEACTIVATED",
    "INVALID_FILE_TYPE",
    "UNSUPPORTED_MIME_TYPE",
    "FILE_SIZE_LIMIT_EXCEEDED",
]
BULK_VARIANT_ERROR_CODES = [
    "ATTRIBUTE_ALREADY_ASSIGNED",
    "ATTRIBUTE_CANNOT_BE_ASSIGNED",
    "ATTRIBUTE_VARIANTS_DISABLED",
    "DUPLICATED_INPUT_ITEM",
    "GRAPHQL_ERROR",
    "INVALID",
    "INVALID_PRICE",
    "NOT_PRODUCTS_VARIANT",
    "NOT_FOUND",
    "REQUIRED",
    "UNIQUE",
    "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
    "STOCK_ALREADY_EXISTS",
]
TRANSLATION_ERROR_CODES = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE"]
DEPRECATED = "Use `errors` field instead."


ProductErrorCode = graphene.Enum(
    "ProductErrorCode",
    [(code, code) for code in PRODUCT_ERROR_CODES],
    # Saleor deprecates this one value (preorders are not sold here either).
    deprecation_reason=lambda value: (
        "Not used." if value.name == "PREORDER_VARIANT_CANNOT_BE_DEACTIVATED" else None
    ),
)
ProductVariantBulkErrorCode = graphene.Enum(
    "ProductVariantBulkErrorCode", [(code, code) for code in BULK_VARIANT_ERROR_CODES]
)
TranslationErrorCode = graphene.Enum(
    "TranslationErrorCode", [(code, code) for code in TRANSLATION_ERROR_CODES]
)


class ErrorPolicyEnum(graphene.Enum):
    IGNORE_FAILED = "ignore_failed"
    REJECT_EVERYTHING = "reject_everything"
    REJECT_FAILED_ROWS = "reject_failed_rows"


def _ids() -> graphene.List:
    return graphene.List(graphene.NonNull(graphene.ID))


class ProductError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(ProductErrorCode, required=True)
    attributes = _ids()
    values = _ids()


class BulkProductError(ProductError):
    index = graphene.Int()
    warehouses = _ids()
    channels = _ids()


class ProductChannelListingError(ProductError):
    channels = _ids()
    variants = _ids()


class BulkStockError(ProductError):
    index = graphene.Int()


class TranslationError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(TranslationErrorCode, required=True)


class ProductVariantBulkError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(ProductVariantBulkErrorCode, required=True)
    path = graphene.String()
    attributes = _ids()
    values = _ids()
    warehouses = _ids()
    stocks = _ids()
    channels = _ids()
    channel_listings = _ids()


def _camel(field: str | None) -> str | None:
    if field and "_" in field:
        head, *rest = field.split("_")
        return head + "".join(part.title() for part in rest)
    return field


def problem(error: DomainError, codes: Collection[str], **extra: Any) -> dict[str, Any]:
    """One payload error from a domain error: field in camelCase, an unknown code INVALID,
    the channels a listing error is about as global ids."""
    answer: dict[str, Any] = {
        "field": _camel(error.field),
        "message": error.message,
        "code": error.code if error.code in codes else "INVALID",
    }
    channels = getattr(error, "channels", None)
    if channels:
        answer["channels"] = [to_global_id("Channel", pk) for pk in channels]
    if hasattr(error, "index"):
        answer["index"] = error.index
    answer.update(extra)
    return answer


def answer(
    payload: type[graphene.ObjectType],
    work: Callable[[], dict[str, Any]],
    *,
    legacy: str | None,
    codes: Collection[str] = PRODUCT_ERROR_CODES,
) -> Any:
    """Run ``work`` (which returns the payload's fields); a DomainError becomes its one
    error, also under Saleor's deprecated ``legacy`` list."""
    try:
        fields = work()
    except DomainError as error:
        errors = [problem(error, codes)]
        return payload(errors=errors, **({legacy: errors} if legacy else {}))
    return payload(errors=[], **({legacy: []} if legacy else {}), **fields)


def legacy_errors(error_type: Any) -> graphene.List:
    return graphene.List(graphene.NonNull(error_type), required=True, deprecation_reason=DEPRECATED)


def errors_field(error_type: Any) -> graphene.List:
    return graphene.List(graphene.NonNull(error_type), required=True)


def object_id(
    global_id: str | None,
    type_name: str,
    *,
    field: str = "id",
    external_reference: str | None = None,
) -> int:
    """The pk of ``global_id``; no id (only an external reference, which workshops' objects
    do not carry) is NOT_FOUND, as an unknown object."""
    from marketplace.core.errors import NotFound

    if global_id:
        return decode(global_id, type_name, field=field)
    if external_reference:
        raise NotFound(f"No {type_name} with this external reference.", field="externalReference")
    raise DomainError(f"Give the {type_name}'s id.", field=field, code="REQUIRED")
