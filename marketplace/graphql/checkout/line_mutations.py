"""checkoutCreate (a checkout with its first lines), checkoutLinesAdd/Update/Delete,
checkoutLineDelete."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.creation import checkout_create_with_details
from marketplace.checkout.services import (
    checkout_line_of_variant,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
)
from marketplace.core.client import client_ip
from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode_optional
from marketplace.graphql.core.types import language_code_to_django

from ..accounts.types import address_data
from .inputs import (
    CheckoutCreateInput,
    CheckoutLineInput,
    CheckoutLineUpdateInput,
    _lines,
    _pairs,
    _rules,
)
from .mutation_base import CheckoutIdArguments, CheckoutMutation, _checkout_token, _run, _uuid


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
