from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts.models import User as UserModel
from marketplace.graphql.catalog.assigned_attributes import ObjectWithAttributes, WithoutAttributes
from marketplace.graphql.core.types import LanguageCodeEnum, ObjectWithMetadata
from marketplace.graphql.giftcards.types import UserGiftCardFields

from .types import Address
from .user_saleor_fields import UserSaleorFields


class User(WithoutAttributes, UserSaleorFields, UserGiftCardFields):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True)
    addresses = graphene.List(graphene.NonNull(Address), required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    last_login = graphene.DateTime()
    date_joined = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    orders = graphene.Field(
        "marketplace.graphql.orders.order.OrderCountableConnection",
        where=graphene.Argument(
            "marketplace.graphql.orders.customer_where.CustomerOrderWhereInput"
        ),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)

    @staticmethod
    def resolve_orders(root: UserModel, info: Any, **args: Any) -> Any:
        from marketplace.graphql.orders.queries import resolve_my_orders

        return resolve_my_orders(root, info, **args)

    @staticmethod
    def resolve_is_confirmed(root: UserModel, info: Any) -> bool:
        return True

    @staticmethod
    def resolve_addresses(root: UserModel, info: Any) -> Any:
        return root.addresses.all()

    @staticmethod
    def resolve_language_code(root: UserModel, info: Any) -> Any:
        return LanguageCodeEnum.get(root.language_code.upper())


class MeQueries(graphene.ObjectType):
    me = graphene.Field(User)

    @staticmethod
    def resolve_me(root: Any, info: Any) -> Any:
        user = info.context.user
        return user if user.is_authenticated else None
