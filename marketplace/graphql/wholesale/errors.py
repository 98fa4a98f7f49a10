"""One error type for every wholesale payload, with the domain's own codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene

from marketplace.graphql.core.mutations import ERROR_CODES, error_type, run

WHOLESALE_CODES = [
    *ERROR_CODES,
    "QUANTITY_BELOW_MINIMUM",
    "ORDER_BELOW_MINIMUM",
    "QUANTITY_EXCEEDS_LINE",
    "LINES_NOT_ALLOCATED",
    "QUOTE_EXPIRED",
    "NET_TERMS_NOT_APPROVED",
    "PAYMENT_DECLINED",
    "BALANCE_DUE",
    "NOT_RECEIVED",
    "CANNOT_REFUND",
    "POOL_CLOSED",
    "POOL_OPEN",
]

WholesaleErrorCode, WholesaleError = error_type("Wholesale", WHOLESALE_CODES)


def mutation(
    name: str,
    *,
    doc: str,
    arguments: dict[str, Any],
    payload: dict[str, Any],
    call: Callable[..., Any],
) -> type[graphene.Mutation]:
    """A thin mutation: ``call(user, **arguments)`` runs the service and returns the payload's
    fields as a mapping; a DomainError becomes ``errors`` (and nothing was written: every
    service is one transaction)."""

    def mutate(cls: Any, root: Any, info: Any, **kwargs: Any) -> Any:
        return run(cls, None, lambda: call(info.context.user, **kwargs), codes=WHOLESALE_CODES)

    return type(
        name,
        (graphene.Mutation,),
        {
            "__doc__": doc,
            "Arguments": type("Arguments", (), arguments),
            "errors": graphene.List(graphene.NonNull(WholesaleError), required=True),
            **payload,
            "mutate": classmethod(mutate),
        },
    )
