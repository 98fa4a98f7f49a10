"""Saleor's GiftCard, for the fields that hold them. The marketplace sells no gift cards (a
piece is paid by card or the demo gateway, and a promo code is a voucher), so every list of
them is empty: ``Checkout.giftCards``, ``Order.giftCards``, ``User.giftCards``. The type has
Saleor's storefront surface so a storefront's fragments on it validate; docs/api.md says so."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.connection import CountableConnection, connection_args
from marketplace.graphql.core.types import Money, ObjectWithMetadata


class GiftCardTag(graphene.ObjectType):
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)


class GiftCard(graphene.ObjectType):
    display_code = graphene.String(required=True)
    last_4_code_chars = graphene.String(required=True, name="last4CodeChars")
    code = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    assigned_to = graphene.Field("marketplace.graphql.accounts.user.User")
    assigned_to_email = graphene.String()
    last_used_on = graphene.DateTime()
    expiry_date = graphene.Date()
    product = graphene.Field("marketplace.graphql.catalog.products.Product")
    tags = graphene.List(graphene.NonNull(GiftCardTag), required=True)
    bought_in_channel = graphene.String()
    is_active = graphene.Boolean(required=True)
    initial_balance = graphene.Field(Money, required=True)
    current_balance = graphene.Field(Money, required=True)
    user = graphene.Field(
        "marketplace.graphql.accounts.user.User", deprecation_reason="Use createdBy field instead."
    )
    end_date = graphene.DateTime(deprecation_reason="Use expiryDate field instead.")
    start_date = graphene.DateTime(deprecation_reason="No longer supported")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


class GiftCardCountableConnection(CountableConnection):
    class Meta:
        node = GiftCard


def empty_gift_cards(info: Any, args: dict[str, Any]) -> Any:
    from marketplace.graphql.core.connection import paginate_list

    return paginate_list(
        [],
        args,
        connection_type=GiftCardCountableConnection,
        info=info,
        connection_name="giftCards",
    )


class GiftCardListFields(graphene.ObjectType):
    """``giftCards`` on a checkout or an order: always empty here."""

    class Meta:
        abstract = True

    gift_cards = graphene.List(
        graphene.NonNull(GiftCard),
        required=True,
        description="Always empty: the marketplace sells no gift cards.",
    )

    @staticmethod
    def resolve_gift_cards(root: Any, info: Any) -> list[Any]:
        return []


class UserGiftCardFields(graphene.ObjectType):
    class Meta:
        abstract = True

    gift_cards = graphene.Field(
        GiftCardCountableConnection,
        description="Always empty: the marketplace sells no gift cards.",
        **connection_args(),
    )

    @staticmethod
    def resolve_gift_cards(root: Any, info: Any, **args: Any) -> Any:
        return empty_gift_cards(info, args)
