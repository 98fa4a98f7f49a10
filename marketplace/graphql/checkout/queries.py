"""The ``checkout`` query."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import graphene

from marketplace.checkout.access import checkout_access
from marketplace.core.errors import DomainError

from .mutation_base import _checkout_ref
from .types import Checkout


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(),
        token=graphene.UUID(deprecation_reason="Use `id` instead."),
    )

    @staticmethod
    def resolve_checkout(
        root: Any, info: Any, id: str | None = None, token: UUID | None = None
    ) -> Any:
        try:
            return checkout_access(actor=info.context.user, token=_checkout_ref(id=id, token=token))
        except DomainError:  # malformed, missing, or someone else's: all the same null
            return None
