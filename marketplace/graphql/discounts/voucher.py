"""Saleor's Voucher type, for the voucher a checkout or an order carries.

A voucher here takes a percentage or a fixed amount off the marketplace's pieces, or off one
workshop's or cluster's pieces. In Saleor's terms the first is an ENTIRE_ORDER voucher and the
second a SPECIFIC_PRODUCT one whose products are that vendor's; vouchers here have one code, no
category, collection or variant scope and no translations, so those lists answer empty."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.db.models.functions import Lower
from graphql_relay import to_global_id

from marketplace.discounts.models import Voucher as VoucherModel
from marketplace.discounts.models import VoucherChannelListing as VoucherListingModel
from marketplace.discounts.models import VoucherKind
from marketplace.graphql.core.connection import CountableConnection, connection_args, paginate_list
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.types import (
    CountryDisplay,
    LanguageCodeEnum,
    LanguageDisplay,
    Money,
    MoneyValue,
    ObjectWithMetadata,
    unwrap,
)
from marketplace.vendors.models import VendorKind

from ..orders.saleor_totals import DiscountValueTypeEnum

VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum", [(s, s) for s in ("SHIPPING", "ENTIRE_ORDER", "SPECIFIC_PRODUCT")]
)


class VoucherCode(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String()
    used = graphene.Int()
    is_active = graphene.Boolean()
    created_at = graphene.DateTime(required=True)

    @staticmethod
    def resolve_id(root: VoucherModel, info: Any) -> str:
        return to_global_id("VoucherCode", root.pk)

    @staticmethod
    def resolve_created_at(root: VoucherModel, info: Any) -> Any:
        return root.starts_at


class VoucherCodeCountableConnection(CountableConnection):
    class Meta:
        node = VoucherCode


class VoucherTranslatableContent(graphene.ObjectType):
    voucher_id = graphene.ID(required=True)
    name = graphene.String()
    translation = graphene.Field(
        lambda: VoucherTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )
    voucher = graphene.Field(
        lambda: Voucher, deprecation_reason="Get model fields from the root level queries."
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: VoucherModel, info: Any) -> int:
        return int(root.pk)

    @staticmethod
    def resolve_voucher_id(root: VoucherModel, info: Any) -> str:
        return to_global_id("Voucher", root.pk)

    @staticmethod
    def resolve_translation(root: VoucherModel, info: Any, language_code: Any) -> None:
        return None  # vouchers carry one name, untranslated

    @staticmethod
    def resolve_voucher(root: VoucherModel, info: Any) -> ChannelContext[VoucherModel]:
        return ChannelContext(node=root, channel_slug=None)


class VoucherTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    translatable_content = graphene.Field(VoucherTranslatableContent)

    class Meta:
        interfaces = (graphene.relay.Node,)


class VoucherChannelListing(graphene.ObjectType):
    channel = graphene.Field("marketplace.graphql.channels.types.Channel", required=True)
    discount_value = graphene.Float(required=True)
    currency = graphene.String(required=True)
    min_spent = graphene.Field(Money)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: VoucherListingModel, info: Any) -> int:
        return int(root.pk)

    @staticmethod
    def resolve_discount_value(root: VoucherListingModel, info: Any) -> float:
        return float(_value(root.voucher, root))

    @staticmethod
    def resolve_min_spent(root: VoucherListingModel, info: Any) -> MoneyValue:
        return Money.build(root.min_spend, root.currency)


def _listings(voucher: VoucherModel) -> list[VoucherListingModel]:
    cached = getattr(voucher, "_listings", None)
    if cached is None:
        cached = list(voucher.channel_listings.select_related("channel", "voucher"))
        voucher._listings = cached  # type: ignore[attr-defined]
    return cached


def _listing(root: ChannelContext[VoucherModel]) -> VoucherListingModel | None:
    listings = _listings(root.node)
    if root.channel_slug is None:
        return listings[0] if len(listings) == 1 else None
    return next((x for x in listings if x.channel.slug == root.channel_slug), None)


def _value(voucher: VoucherModel, listing: VoucherListingModel | None) -> Decimal:
    if voucher.kind == VoucherKind.PERCENTAGE:
        return voucher.percentage or Decimal(0)
    return (listing.amount if listing is not None else None) or Decimal(0)


def _empty(
    info: Any, args: dict[str, Any], connection: type[CountableConnection], name: str
) -> Any:
    return paginate_list([], args, connection_type=connection, info=info, connection_name=name)


class Voucher(graphene.ObjectType):
    name = graphene.String()
    codes = graphene.Field(VoucherCodeCountableConnection, **connection_args())
    code = graphene.String()
    usage_limit = graphene.Int()
    used = graphene.Int(required=True)
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    apply_once_per_order = graphene.Boolean(required=True)
    apply_once_per_customer = graphene.Boolean(required=True)
    single_use = graphene.Boolean(required=True)
    only_for_staff = graphene.Boolean(required=True)
    min_checkout_items_quantity = graphene.Int()
    categories = graphene.Field(
        "marketplace.graphql.catalog.taxonomy.CategoryCountableConnection", **connection_args()
    )
    collections = graphene.Field(
        "marketplace.graphql.catalog.taxonomy.CollectionCountableConnection", **connection_args()
    )
    products = graphene.Field(
        "marketplace.graphql.catalog.products.ProductCountableConnection", **connection_args()
    )
    variants = graphene.Field(
        "marketplace.graphql.catalog.variants.ProductVariantCountableConnection",
        **connection_args(),
    )
    countries = graphene.List(graphene.NonNull(CountryDisplay))
    translation = graphene.Field(
        VoucherTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
    )
    discount_value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    discount_value = graphene.Float()
    currency = graphene.String()
    min_spent = graphene.Field(Money)
    type = graphene.Field(VoucherTypeEnum, required=True)
    channel_listings = graphene.List(graphene.NonNull(VoucherChannelListing))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: ChannelContext[VoucherModel], info: Any) -> int:
        return int(root.node.pk)

    @staticmethod
    def resolve_name(root: ChannelContext[VoucherModel], info: Any) -> str:
        return root.node.name

    @staticmethod
    def resolve_code(root: ChannelContext[VoucherModel], info: Any) -> str:
        return root.node.code

    @staticmethod
    def resolve_codes(root: ChannelContext[VoucherModel], info: Any, **args: Any) -> Any:
        return paginate_list(
            [root.node],
            args,
            connection_type=VoucherCodeCountableConnection,
            info=info,
            connection_name="codes",
        )

    @staticmethod
    def resolve_usage_limit(root: ChannelContext[VoucherModel], info: Any) -> int | None:
        return root.node.usage_limit

    @staticmethod
    def resolve_used(root: ChannelContext[VoucherModel], info: Any) -> int:
        return root.node.used

    @staticmethod
    def resolve_start_date(root: ChannelContext[VoucherModel], info: Any) -> Any:
        return root.node.starts_at

    @staticmethod
    def resolve_end_date(root: ChannelContext[VoucherModel], info: Any) -> Any:
        return root.node.ends_at

    @staticmethod
    def resolve_apply_once_per_order(root: Any, info: Any) -> bool:
        return False  # the amount comes off every eligible piece, not the cheapest one

    @staticmethod
    def resolve_apply_once_per_customer(root: Any, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_single_use(root: ChannelContext[VoucherModel], info: Any) -> bool:
        return root.node.usage_limit == 1

    @staticmethod
    def resolve_only_for_staff(root: Any, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_categories(root: Any, info: Any, **args: Any) -> Any:
        from marketplace.graphql.catalog.taxonomy import CategoryCountableConnection

        return _empty(info, args, CategoryCountableConnection, "categories")

    @staticmethod
    def resolve_collections(root: Any, info: Any, **args: Any) -> Any:
        from marketplace.graphql.catalog.taxonomy import CollectionCountableConnection

        return _empty(info, args, CollectionCountableConnection, "collections")

    @staticmethod
    def resolve_variants(root: Any, info: Any, **args: Any) -> Any:
        from marketplace.graphql.catalog.variants import ProductVariantCountableConnection

        return _empty(info, args, ProductVariantCountableConnection, "variants")

    @staticmethod
    def resolve_products(root: ChannelContext[VoucherModel], info: Any, **args: Any) -> Any:
        """The pieces of the workshop or cluster the voucher is for, visible in the channel."""
        from marketplace.catalog.selectors import ProductFilters
        from marketplace.graphql.catalog.product_list import resolve_product_connection
        from marketplace.graphql.catalog.products import ProductCountableConnection

        vendor = root.node.vendor
        if vendor is None or root.channel_slug is None:
            return _empty(info, args, ProductCountableConnection, "products")
        restrict = (
            ProductFilters(cluster_ids=[vendor.pk])
            if vendor.kind == VendorKind.CLUSTER
            else ProductFilters(vendor_ids=[vendor.pk])
        )
        return resolve_product_connection(
            info, {**args, "channel": root.channel_slug}, restrict=restrict
        )

    @staticmethod
    def resolve_countries(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: Any) -> None:
        return None

    @staticmethod
    def resolve_discount_value_type(root: ChannelContext[VoucherModel], info: Any) -> str:
        return "PERCENTAGE" if root.node.kind == VoucherKind.PERCENTAGE else "FIXED"

    @staticmethod
    def resolve_discount_value(root: ChannelContext[VoucherModel], info: Any) -> float | None:
        listing = _listing(root)
        if root.node.kind != VoucherKind.PERCENTAGE and listing is None:
            return None
        return float(_value(root.node, listing))

    @staticmethod
    def resolve_currency(root: ChannelContext[VoucherModel], info: Any) -> str | None:
        listing = _listing(root)
        return listing.currency if listing is not None else None

    @staticmethod
    def resolve_min_spent(root: ChannelContext[VoucherModel], info: Any) -> MoneyValue | None:
        listing = _listing(root)
        return Money.build(listing.min_spend, listing.currency) if listing is not None else None

    @staticmethod
    def resolve_type(root: ChannelContext[VoucherModel], info: Any) -> str:
        return "ENTIRE_ORDER" if root.node.vendor_id is None else "SPECIFIC_PRODUCT"

    @staticmethod
    def resolve_channel_listings(
        root: ChannelContext[VoucherModel], info: Any
    ) -> list[VoucherListingModel]:
        return _listings(unwrap(root))


def voucher_of(info: Any, root: Any, *, channel_slug: str | None) -> Any:
    """The voucher a checkout or an order names by its code, read in that one's channel.

    The codes of every sibling in the list load in one query, so a list of orders costs the
    same queries whatever its length."""
    from marketplace.graphql.core.context import request_state, siblings_of

    code = (root.voucher_code or "").lower()
    if not code:
        return None
    known = request_state(info.context).setdefault("vouchers", {})
    if code not in known:
        codes = {(s.voucher_code or "").lower() for s in siblings_of(info.context, root)}
        codes = {c for c in codes | {code} if c and c not in known}
        found = (
            VoucherModel.objects.select_related("vendor")
            .annotate(code_lower=Lower("code"))
            .filter(code_lower__in=sorted(codes))
        )
        known.update(dict.fromkeys(codes))
        known.update({v.code.lower(): v for v in found})
    voucher = known[code]
    return ChannelContext(node=voucher, channel_slug=channel_slug) if voucher else None
