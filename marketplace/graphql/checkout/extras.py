"""checkoutCustomerAttach/Detach, and updateMetadata/deleteMetadata for checkouts."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.customer import (
    checkout_customer_attach,
    checkout_customer_detach,
    checkout_metadata_delete,
    checkout_metadata_update,
)
from marketplace.core.errors import DomainError

from ..core.mutations import run
from ..core.types import ObjectWithMetadata
from .mutations import CheckoutIdArguments, CheckoutMutation, _checkout_token, _run

METADATA_CODES = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "NOT_UPDATED"]
MetadataErrorCode = graphene.Enum("MetadataErrorCode", [(c, c) for c in METADATA_CODES])


class MetadataError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(MetadataErrorCode, required=True)


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class CheckoutCustomerAttach(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        customer_id = graphene.ID()

    @classmethod
    def mutate(cls, root: Any, info: Any, customer_id: str | None = None, **checkout: Any) -> Any:
        def work() -> Any:
            if customer_id is not None:
                raise DomainError(
                    "Attaching another customer needs staff rights: leave customerId out.",
                    field="customerId",
                    code="INVALID",
                )
            return checkout_customer_attach(
                token=_checkout_token(info, **checkout), user=info.context.user
            )

        return _run(cls, work)


class CheckoutCustomerDetach(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        pass

    @classmethod
    def mutate(cls, root: Any, info: Any, **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_customer_detach(
                token=_checkout_token(info, **checkout), user=info.context.user
            ),
        )


class MetadataMutation(graphene.Mutation):
    class Meta:
        abstract = True

    item = graphene.Field(ObjectWithMetadata)
    errors = graphene.List(graphene.NonNull(MetadataError), required=True)


class UpdateMetadata(MetadataMutation):
    """Public metadata; checkouts for now (the checkout's id is the buyer's key to it)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(MetadataInput), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: list[dict[str, str]]) -> Any:
        return run(
            cls,
            "item",
            lambda: checkout_metadata_update(
                token=_checkout_token(info, id=id),
                items=[(item["key"], item["value"]) for item in input],
            ),
            codes=METADATA_CODES,
        )


class DeleteMetadata(MetadataMutation):
    class Arguments:
        id = graphene.ID(required=True)
        keys = graphene.List(graphene.NonNull(graphene.String), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, keys: list[str]) -> Any:
        return run(
            cls,
            "item",
            lambda: checkout_metadata_delete(token=_checkout_token(info, id=id), keys=keys),
            codes=METADATA_CODES,
        )
