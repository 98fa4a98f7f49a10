"""User fields of Saleor 3.23 beyond the profile itself: the buyer's open baskets (by id,
and the deprecated token list and single checkout), and the avatar Saleor clients ask for,
which is always empty here (accounts carry no picture)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql_relay import to_global_id

from marketplace.accounts.models import User as UserModel
from marketplace.channels.slugs import channel_slug_canonical
from marketplace.graphql.core.connection import connection_args, paginate_list
from marketplace.graphql.core.types import Image, ThumbnailFormatEnum

from .stored_payments import user_stored_payment_methods, user_stored_payment_sources


def _open_checkouts(info: Any, user: UserModel, channel: str | None) -> list[Any]:
    """The user's baskets, newest first; only the signed-in user sees their own."""
    from marketplace.checkout.models import Checkout

    viewer = info.context.user
    if not viewer.is_authenticated or viewer.pk != user.pk:
        return []
    found = Checkout.objects.filter(user_id=user.pk).select_related("channel")
    if channel is not None:
        found = found.filter(channel__slug=channel_slug_canonical(channel))
    return list(found.order_by("-updated_at", "pk"))


class UserSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    avatar = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
        description="Always null: accounts here carry no picture.",
    )
    checkout_ids = graphene.List(graphene.NonNull(graphene.ID), channel=graphene.String())
    checkout_tokens = graphene.List(
        graphene.NonNull(graphene.UUID),
        channel=graphene.String(),
        deprecation_reason="Use `checkoutIds`.",
    )
    checkout = graphene.Field(
        "marketplace.graphql.checkout.types.Checkout", deprecation_reason="Use `checkoutIds`."
    )
    checkouts = graphene.Field(
        "marketplace.graphql.checkout.types.CheckoutCountableConnection",
        channel=graphene.String(),
        **connection_args(),
    )
    external_reference = graphene.String()
    customer_type = graphene.Field(
        "marketplace.graphql.accounts.customer_type.CustomerType",
        description="Always null: the marketplace has no customer types.",
    )
    stored_payment_methods = user_stored_payment_methods()
    stored_payment_sources = user_stored_payment_sources()

    @staticmethod
    def resolve_avatar(root: UserModel, info: Any, **_args: Any) -> None:
        return None

    @staticmethod
    def resolve_customer_type(root: UserModel, info: Any) -> None:
        return None

    @staticmethod
    def resolve_checkout_ids(root: UserModel, info: Any, channel: str | None = None) -> list[str]:
        return [
            to_global_id("Checkout", str(c.token)) for c in _open_checkouts(info, root, channel)
        ]

    @staticmethod
    def resolve_checkout_tokens(
        root: UserModel, info: Any, channel: str | None = None
    ) -> list[Any]:
        return [c.token for c in _open_checkouts(info, root, channel)]

    @staticmethod
    def resolve_checkout(root: UserModel, info: Any) -> Any:
        found = _open_checkouts(info, root, None)
        return found[0] if found else None

    @staticmethod
    def resolve_checkouts(
        root: UserModel, info: Any, channel: str | None = None, **args: Any
    ) -> Any:
        from marketplace.graphql.checkout.types import CheckoutCountableConnection

        return paginate_list(
            _open_checkouts(info, root, channel),
            args,
            connection_type=CheckoutCountableConnection,
            info=info,
            connection_name="checkouts",
        )

    @staticmethod
    def resolve_external_reference(root: UserModel, info: Any) -> str | None:
        value = root.metadata.get("external_reference")
        return None if value is None else str(value)
