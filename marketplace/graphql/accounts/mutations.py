"""The account side a storefront needs, in Saleor's names and payloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from marketplace.accounts import address_book, services
from marketplace.accounts.tokens import TokenError, token_decode
from marketplace.core.client import client_ip
from marketplace.graphql.core.context import api_url
from marketplace.graphql.core.mutations import decode, run
from marketplace.graphql.core.types import LanguageCodeEnum, language_code_to_django

from .types import Address, AddressInput, AddressTypeEnum, address_data
from .user import User

ACCOUNT_ERROR_CODES = [
    "GRAPHQL_ERROR",
    "INACTIVE",
    "INVALID",
    "INVALID_PASSWORD",
    "INVALID_CREDENTIALS",
    "NOT_FOUND",
    "PASSWORD_ENTIRELY_NUMERIC",
    "PASSWORD_TOO_COMMON",
    "PASSWORD_TOO_SHORT",
    "PASSWORD_TOO_SIMILAR",
    "REQUIRED",
    "UNIQUE",
    "JWT_SIGNATURE_EXPIRED",
    "JWT_INVALID_TOKEN",
    "JWT_DECODE_ERROR",
    "JWT_MISSING_TOKEN",
    "LOGIN_ATTEMPT_DELAYED",
    "UNKNOWN_IP_ADDRESS",
    "PASSWORD_RESET_ALREADY_REQUESTED",
]
AccountErrorCode = graphene.Enum("AccountErrorCode", [(c, c) for c in ACCOUNT_ERROR_CODES])


class AccountError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(AccountErrorCode, required=True)
    address_type = graphene.Field(AddressTypeEnum)
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="Always null: accounts carry no attributes."
    )


def _errors() -> graphene.List:
    return graphene.List(graphene.NonNull(AccountError), required=True)


def _run(payload: type[graphene.ObjectType], work: Callable[[], dict[str, Any]]) -> Any:
    return run(
        payload,
        None,
        work,
        codes=ACCOUNT_ERROR_CODES,
        renamed={"PERMISSION_DENIED": "JWT_MISSING_TOKEN"},
    )


def _token_fields(issued: services.Tokens) -> dict[str, Any]:
    return {"token": issued.token, "refresh_token": issued.refresh_token, "user": issued.user}


class CreateToken(graphene.Mutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    errors = _errors()

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        audience = graphene.String()
        otp_code = graphene.String(
            description=(
                "The marketplace's own: the code from the authenticator app, or a recovery "
                "code, for an account with two-factor authentication on."
            )
        )

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        email: str,
        password: str,
        audience: str | None = None,
        otp_code: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            return _token_fields(
                services.token_create(
                    email=email,
                    password=password,
                    client_ip=client_ip(info.context),
                    issuer=api_url(info.context),
                    otp_code=otp_code,
                )
            )

        return _run(cls, work)


class RefreshToken(graphene.Mutation):
    token = graphene.String()
    user = graphene.Field(User)
    errors = _errors()

    class Arguments:
        refresh_token = graphene.String()
        csrf_token = graphene.String()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, refresh_token: str | None = None, csrf_token: str | None = None
    ) -> Any:
        def work() -> dict[str, Any]:
            user, token = services.token_refresh(
                refresh_token=refresh_token, issuer=api_url(info.context)
            )
            return {"token": token, "user": user}

        return _run(cls, work)


class VerifyToken(graphene.Mutation):
    user = graphene.Field(User)
    is_valid = graphene.Boolean(required=True)
    payload = GenericScalar()
    errors = _errors()

    class Arguments:
        token = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, token: str) -> Any:
        try:
            user, claims = token_decode(token, kind="access")
        except TokenError as error:
            return cls(
                is_valid=False,
                errors=[{"field": "token", "message": error.message, "code": error.code}],
            )
        return cls(is_valid=True, user=user, payload=claims, errors=[])


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.Field(LanguageCodeEnum)
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    redirect_url = graphene.String()
    channel = graphene.String()
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class AccountRegister(graphene.Mutation):
    user = graphene.Field(User)
    requires_confirmation = graphene.Boolean()
    errors = _errors()

    class Arguments:
        input = AccountRegisterInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        language = input.get("language_code")

        def work() -> dict[str, Any]:
            services.account_register(
                email=input["email"],
                password=input["password"],
                client_ip=client_ip(info.context),
                redirect_url=input.get("redirect_url") or "",
                first_name=input.get("first_name") or "",
                last_name=input.get("last_name") or "",
                language_code=language_code_to_django(language) if language else "en",
                metadata=[(m["key"], m["value"]) for m in input.get("metadata") or []],
            )
            # The same answer whether the address was free or already had an account (its
            # owner is mailed instead): no user in it, nothing to tell the two apart.
            return {"user": None, "requires_confirmation": False}

        return _run(cls, work)


class RequestPasswordReset(graphene.Mutation):
    errors = _errors()

    class Arguments:
        email = graphene.String(required=True)
        redirect_url = graphene.String(required=True)
        channel = graphene.String()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, email: str, redirect_url: str, channel: str | None = None
    ) -> Any:
        def work() -> dict[str, Any]:
            services.password_reset_request(
                email=email, redirect_url=redirect_url, client_ip=client_ip(info.context)
            )
            return {}

        return _run(cls, work)


class SetPassword(graphene.Mutation):
    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    errors = _errors()

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        token = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, password: str, token: str) -> Any:
        def work() -> dict[str, Any]:
            return _token_fields(
                services.password_set(
                    email=email, token=token, password=password, issuer=api_url(info.context)
                )
            )

        return _run(cls, work)


class PasswordChange(graphene.Mutation):
    user = graphene.Field(User)
    errors = _errors()

    class Arguments:
        new_password = graphene.String(required=True)
        old_password = graphene.String()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, new_password: str, old_password: str | None = None
    ) -> Any:
        return _run(
            cls,
            lambda: {
                "user": services.password_change(
                    actor=info.context.user,
                    old_password=old_password or "",
                    new_password=new_password,
                )
            },
        )


def _kind(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


class AccountAddressCreate(graphene.Mutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = _errors()

    class Arguments:
        input = AddressInput(required=True)
        type = graphene.Argument(AddressTypeEnum)
        customer_id = graphene.ID()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        input: dict[str, Any],
        type: Any = None,
        customer_id: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            address = address_book.account_address_create(
                actor=info.context.user, data=address_data(input), default_for=_kind(type)
            )
            return {"address": address, "user": info.context.user}

        return _run(cls, work)


class AccountAddressUpdate(graphene.Mutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = _errors()

    class Arguments:
        id = graphene.ID(required=True)
        input = AddressInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: dict[str, Any]) -> Any:
        return _run(
            cls,
            lambda: {
                "address": address_book.account_address_update(
                    actor=info.context.user,
                    address_id=decode(id, "Address", field="id"),
                    data=address_data(input),
                ),
                "user": info.context.user,
            },
        )


class AccountAddressDelete(graphene.Mutation):
    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = _errors()

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        return _run(
            cls,
            lambda: {
                "address": address_book.account_address_delete(
                    actor=info.context.user, address_id=decode(id, "Address", field="id")
                ),
                "user": info.context.user,
            },
        )


class AccountSetDefaultAddress(graphene.Mutation):
    user = graphene.Field(User)
    errors = _errors()

    class Arguments:
        id = graphene.ID(required=True)
        type = graphene.Argument(AddressTypeEnum, required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, type: Any) -> Any:
        return _run(
            cls,
            lambda: {
                "user": address_book.account_set_default_address(
                    actor=info.context.user,
                    address_id=decode(id, "Address", field="id"),
                    kind=_kind(type) or "",
                )
            },
        )
