"""accountUpdate, confirmAccount, requestEmailChange/confirmEmailChange,
accountRequestDeletion and accountDelete, in Saleor's names and payloads (thin: the rules
live in marketplace.accounts.lifecycle)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import lifecycle
from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode
from marketplace.graphql.core.types import LanguageCodeEnum, language_code_to_django

from .mutations import _errors, _run
from .types import AddressInput, address_data
from .user import User


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.Argument(LanguageCodeEnum)
    default_billing_address = graphene.Field(AddressInput)
    default_shipping_address = graphene.Field(AddressInput)
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class AccountUpdate(graphene.Mutation):
    """The signed-in user's own profile."""

    class Arguments:
        customer_id = graphene.ID(description="Only the caller's own id: others need staff rights.")
        input = AccountInput(required=True)

    errors = _errors()
    user = graphene.Field(User)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, input: dict[str, Any], customer_id: str | None = None
    ) -> Any:
        def work() -> dict[str, Any]:
            user = info.context.user
            if (
                customer_id is not None
                and user.is_authenticated
                and decode(customer_id, "User", field="customerId") != user.pk
            ):
                raise DomainError(
                    "Updating another customer needs staff rights: leave customerId out.",
                    field="customerId",
                    code="INVALID",
                )
            language = input.get("language_code")
            shipping = input.get("default_shipping_address")
            billing = input.get("default_billing_address")
            changes = lifecycle.ProfileChanges(
                first_name=input.get("first_name"),
                last_name=input.get("last_name"),
                language_code=language_code_to_django(language) if language else None,
                default_shipping_address=address_data(shipping) if shipping else None,
                default_billing_address=address_data(billing) if billing else None,
                metadata=[(m["key"], m["value"]) for m in input.get("metadata") or []],
            )
            return {"user": lifecycle.account_update(actor=user, changes=changes)}

        return _run(cls, work)


class ConfirmAccount(graphene.Mutation):
    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True)
        password = graphene.String()

    errors = _errors()
    user = graphene.Field(User)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, email: str, token: str, password: str | None = None
    ) -> Any:
        return _run(cls, lambda: {"user": lifecycle.account_confirm(email=email, token=token)})


class RequestEmailChange(graphene.Mutation):
    class Arguments:
        channel = graphene.String()
        new_email = graphene.String(required=True)
        password = graphene.String(required=True)
        redirect_url = graphene.String(required=True)

    errors = _errors()
    user = graphene.Field(User)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        new_email: str,
        password: str,
        redirect_url: str,
        channel: str | None = None,
    ) -> Any:
        return _run(
            cls,
            lambda: {
                "user": lifecycle.email_change_request(
                    actor=info.context.user,
                    new_email=new_email,
                    password=password,
                    redirect_url=redirect_url,
                )
            },
        )


class ConfirmEmailChange(graphene.Mutation):
    class Arguments:
        channel = graphene.String()
        token = graphene.String(required=True)

    errors = _errors()
    user = graphene.Field(User)

    @classmethod
    def mutate(cls, root: Any, info: Any, token: str, channel: str | None = None) -> Any:
        return _run(
            cls,
            lambda: {"user": lifecycle.email_change_confirm(actor=info.context.user, token=token)},
        )


class AccountRequestDeletion(graphene.Mutation):
    class Arguments:
        channel = graphene.String()
        redirect_url = graphene.String(required=True)

    errors = _errors()

    @classmethod
    def mutate(cls, root: Any, info: Any, redirect_url: str, channel: str | None = None) -> Any:
        def work() -> dict[str, Any]:
            lifecycle.account_deletion_request(actor=info.context.user, redirect_url=redirect_url)
            return {}

        return _run(cls, work)


class AccountDelete(graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True)

    errors = _errors()
    user = graphene.Field(User)

    @classmethod
    def mutate(cls, root: Any, info: Any, token: str) -> Any:
        return _run(
            cls, lambda: {"user": lifecycle.account_delete(actor=info.context.user, token=token)}
        )
