"""checkoutEmailUpdate, checkoutAddPromoCode, checkoutRemovePromoCode."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.promo import checkout_add_promo_code, checkout_remove_promo_code
from marketplace.checkout.services import checkout_email_update

from .mutation_base import CheckoutIdArguments, CheckoutMutation, _checkout_token, _run


class CheckoutEmailUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        email = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, email: str, **checkout: Any) -> Any:
        return _run(
            cls, lambda: checkout_email_update(token=_checkout_token(info, **checkout), email=email)
        )


class CheckoutAddPromoCode(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, promo_code: str, **checkout: Any) -> Any:
        return _run(
            cls,
            lambda: checkout_add_promo_code(
                token=_checkout_token(info, **checkout), code=promo_code
            ),
        )


class CheckoutRemovePromoCode(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String()
        promo_code_id = graphene.ID()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        promo_code: str | None = None,
        promo_code_id: str | None = None,
        **checkout: Any,
    ) -> Any:
        return _run(
            cls,
            lambda: checkout_remove_promo_code(
                token=_checkout_token(info, **checkout), code=promo_code
            ),
        )
