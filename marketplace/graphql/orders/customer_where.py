"""``User.orders(where: CustomerOrderWhereInput)`` as Saleor 3.23 has it: a buyer's own orders
filtered by number, dates, status, payment, voucher, parcels shipped, lines, totals, addresses
and metadata (AND/OR nest). Gift cards, invoices and collection points do not exist here, so
asking for them matches nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import graphene
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from graphql import GraphQLError
from graphql_relay import from_global_id

from marketplace.graphql.catalog.filters import (
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    IntRangeInput,
    StringFilterInput,
)
from marketplace.graphql.content.page_where import MetadataFilterInput
from marketplace.graphql.core.ids import decode_ids
from marketplace.orders.models import OrderLine, VendorOrder
from marketplace.payments.models import Transaction

from .saleor_fields import OrderAuthorizeStatusEnum
from .types import OrderChargeStatusEnum, OrderStatusEnum

MAX_NESTING = 5


class IntFilterInput(graphene.InputObjectType):
    eq = graphene.Int()
    one_of = graphene.List(graphene.NonNull(graphene.Int))
    range = graphene.Field(IntRangeInput)


def _enum_filter(name: str, enum: Any) -> type[graphene.InputObjectType]:
    return type(
        name,
        (graphene.InputObjectType,),
        {"eq": graphene.Field(enum), "one_of": graphene.List(graphene.NonNull(enum))},
    )


OrderAuthorizeStatusEnumFilterInput = _enum_filter(
    "OrderAuthorizeStatusEnumFilterInput", OrderAuthorizeStatusEnum
)
OrderChargeStatusEnumFilterInput = _enum_filter(
    "OrderChargeStatusEnumFilterInput", OrderChargeStatusEnum
)
OrderStatusEnumFilterInput = _enum_filter("OrderStatusEnumFilterInput", OrderStatusEnum)


class CountryCodeEnumFilterInput(graphene.InputObjectType):
    eq = graphene.Field("marketplace.graphql.accounts.types.CountryCode")
    one_of = graphene.List(graphene.NonNull("marketplace.graphql.accounts.types.CountryCode"))
    not_one_of = graphene.List(graphene.NonNull("marketplace.graphql.accounts.types.CountryCode"))


class UUIDFilterInput(graphene.InputObjectType):
    eq = graphene.UUID()
    one_of = graphene.List(graphene.NonNull(graphene.UUID))


class InvoiceFilterInput(graphene.InputObjectType):
    created_at = graphene.Field(DateTimeRangeInput)


class PriceFilterInput(graphene.InputObjectType):
    currency = graphene.String()
    amount = graphene.Field(DecimalFilterInput, required=True)


class AddressFilterInput(graphene.InputObjectType):
    phone_number = graphene.Field(StringFilterInput)
    country = graphene.Field(CountryCodeEnumFilterInput)


class CustomerOrderWhereInput(graphene.InputObjectType):
    metadata = graphene.Field(MetadataFilterInput)
    ids = graphene.List(graphene.NonNull(graphene.ID))
    number = graphene.Field(IntFilterInput)
    channel_id = graphene.Field(GlobalIDFilterInput)
    created_at = graphene.Field(DateTimeRangeInput)
    updated_at = graphene.Field(DateTimeRangeInput)
    user_email = graphene.Field(StringFilterInput)
    authorize_status = graphene.Field(OrderAuthorizeStatusEnumFilterInput)
    charge_status = graphene.Field(OrderChargeStatusEnumFilterInput)
    status = graphene.Field(OrderStatusEnumFilterInput)
    checkout_token = graphene.Field(UUIDFilterInput)
    checkout_id = graphene.Field(GlobalIDFilterInput)
    is_click_and_collect = graphene.Boolean()
    is_gift_card_used = graphene.Boolean()
    is_gift_card_bought = graphene.Boolean()
    voucher_code = graphene.Field(StringFilterInput)
    has_invoices = graphene.Boolean()
    invoices = graphene.List(graphene.NonNull(InvoiceFilterInput))
    has_fulfillments = graphene.Boolean()
    lines_count = graphene.Field(IntFilterInput)
    total_gross = graphene.Field(PriceFilterInput)
    total_net = graphene.Field(PriceFilterInput)
    product_type_id = graphene.Field(GlobalIDFilterInput)
    billing_address = graphene.Field(AddressFilterInput)
    shipping_address = graphene.Field(AddressFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: CustomerOrderWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: CustomerOrderWhereInput), name="OR")


NOTHING = Q(pk__in=[])


def _value(item: Any) -> Any:
    return getattr(item, "value", item)


def _choice(field: str, wanted: dict[str, Any] | None) -> Q:
    if not wanted:
        return Q()
    if wanted.get("eq") is not None:
        return Q(**{field: _value(wanted["eq"])})
    if wanted.get("one_of") is not None:
        return Q(**{f"{field}__in": [_value(v) for v in wanted["one_of"]]})
    return Q()


def _range(field: str, bounds: dict[str, Any] | None) -> Q:
    q = Q()
    for key in ("gte", "lte"):
        if (bounds or {}).get(key) is not None:
            q &= Q(**{f"{field}__{key}": bounds[key]})  # type: ignore[index]
    return q


def _number(field: str, wanted: dict[str, Any] | None) -> Q:
    return _choice(field, wanted) & _range(field, (wanted or {}).get("range"))


def _uuids(values: list[str], type_name: str, field: str) -> list[UUID]:
    found = []
    for value in values:
        try:
            kind, raw = from_global_id(value)
            if kind != type_name:
                raise ValueError
            found.append(UUID(raw))
        except (ValueError, TypeError, UnicodeDecodeError):
            raise GraphQLError(f"Invalid ID in `where.{field}`: not a {type_name}.") from None
    return found


def _global(wanted: dict[str, Any] | None) -> list[str]:
    if not wanted:
        return []
    return [wanted["eq"]] if wanted.get("eq") is not None else list(wanted.get("one_of") or [])


def _address(prefix: str, wanted: dict[str, Any] | None) -> Q:
    if not wanted:
        return Q()
    country = wanted.get("country") or {}
    q = _choice(f"{prefix}__phone", wanted.get("phone_number")) & _choice(
        f"{prefix}__country", country
    )
    if country.get("not_one_of") is not None:
        q &= ~Q(**{f"{prefix}__country__in": [_value(c) for c in country["not_one_of"]]})
    return q


def _price(wanted: dict[str, Any] | None) -> Q:
    if not wanted:
        return Q()
    q = Q(currency=wanted["currency"].upper()) if wanted.get("currency") else Q()
    return q & _number("total", wanted.get("amount"))


def _metadata(wanted: dict[str, Any] | None) -> Q:
    if not wanted:
        return Q()
    value = wanted.get("value") or {}
    if value.get("eq") is not None:
        return Q(metadata__contains={wanted["key"]: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"metadata__{wanted['key']}__in": value["one_of"]})
    return Q(metadata__has_key=wanted["key"])


def where_q(data: dict[str, Any], depth: int = 0) -> Q:
    """The orders ``data`` asks for; within one input every given condition must hold."""
    if depth > MAX_NESTING:
        raise GraphQLError(f"`where` nests AND/OR more than {MAX_NESTING} levels deep.")
    q = _metadata(data.get("metadata"))
    if data.get("ids") is not None:
        q &= Q(pk__in=_uuids(data["ids"], "Order", "ids"))
    q &= _number("number", data.get("number"))
    if data.get("channel_id"):
        q &= Q(channel_id__in=decode_ids(_global(data["channel_id"]), "Channel"))
    q &= _range("created_at", data.get("created_at")) & _range("updated_at", data.get("updated_at"))
    q &= _choice("user_email", data.get("user_email"))
    q &= _choice("voucher_code", data.get("voucher_code"))
    q &= _choice("status", data.get("status"))
    q &= _choice("charge_status_now", data.get("charge_status"))
    q &= _choice("authorize_status_now", data.get("authorize_status"))
    q &= _choice("checkout_token", data.get("checkout_token"))
    if data.get("checkout_id"):
        q &= Q(checkout_token__in=_uuids(_global(data["checkout_id"]), "Checkout", "checkoutId"))
    for absent in (
        "is_click_and_collect",
        "is_gift_card_used",
        "is_gift_card_bought",
        "has_invoices",
    ):
        if data.get(absent):
            q &= NOTHING  # no collection points, gift cards or invoices here
    if data.get("invoices"):
        q &= NOTHING
    if data.get("has_fulfillments") is not None:
        shipped = Exists(
            VendorOrder.objects.filter(order=OuterRef("pk"), fulfilled_at__isnull=False)
        )
        q &= Q(shipped) if data["has_fulfillments"] else ~Q(shipped)
    q &= _number("lines_now", data.get("lines_count"))
    q &= _price(data.get("total_gross")) & _price(data.get("total_net"))  # prices are untaxed
    if data.get("product_type_id"):
        type_ids = decode_ids(_global(data["product_type_id"]), "ProductType")
        typed = OrderLine.objects.filter(
            order=OuterRef("pk"), variant__product__product_type_id__in=type_ids
        )
        q &= Q(Exists(typed))
    q &= _address("billing_address", data.get("billing_address"))
    q &= _address("shipping_address", data.get("shipping_address"))
    for part in data.get("AND") or []:
        q &= where_q(part, depth + 1)
    if data.get("OR"):
        either = NOTHING
        for part in data["OR"]:
            either |= where_q(part, depth + 1)
        q &= either
    return q


def _money_sum(column: str) -> Any:
    rows = (
        Transaction.objects.filter(order=OuterRef("pk"))
        .values("order")
        .annotate(amount=Sum(column))
        .values("amount")
    )
    return Coalesce(Subquery(rows), Value(Decimal(0)), output_field=DecimalField())


def orders_where(orders: QuerySet[Any], where: dict[str, Any]) -> QuerySet[Any]:
    """``orders`` narrowed by Saleor's ``CustomerOrderWhereInput``; payment states and line
    counts are computed in the same query, as the order type computes them."""
    lines = (
        OrderLine.objects.filter(order=OuterRef("pk"))
        .values("order")
        .annotate(n=Count("pk"))
        .values("n")
    )
    annotated = orders.annotate(
        paid_now=_money_sum("charged") - _money_sum("refunded"),
        authorized_now=_money_sum("authorized"),
        lines_now=Coalesce(Subquery(lines), Value(0)),
    ).annotate(
        charge_status_now=Case(
            When(paid_now__lte=0, total__gt=0, then=Value("NONE")),
            When(paid_now__lte=0, then=Value("FULL")),
            When(paid_now__lt=F("total"), then=Value("PARTIAL")),
            When(paid_now=F("total"), then=Value("FULL")),
            default=Value("OVERCHARGED"),
            output_field=CharField(),
        ),
        authorize_status_now=Case(
            When(total__lte=0, then=Value("FULL")),
            When(Q(total__lte=F("paid_now") + F("authorized_now")), then=Value("FULL")),
            When(Q(paid_now__gt=-F("authorized_now")), then=Value("PARTIAL")),
            default=Value("NONE"),
            output_field=CharField(),
        ),
    )
    return annotated.filter(where_q(where))
