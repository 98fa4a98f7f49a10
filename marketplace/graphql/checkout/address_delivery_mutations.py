"""checkoutShippingAddressUpdate, checkoutBillingAddressUpdate, checkoutDeliveryMethodUpdate
and the marketplace's checkoutDeliveryGroupMethodUpdate."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.delivery import (
    checkout_billing_address_update,
    checkout_delivery_group_method_update,
    checkout_delivery_method_update,
    checkout_shipping_address_update,
)
from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode

from ..accounts.types import AddressInput, address_data
from .inputs import CheckoutAddressValidationRules, _rules
from .mutation_base import (
    CheckoutIdArguments,
    CheckoutMutation,
    _checkout_checked,
    _checkout_token,
    _run,
)


class CheckoutShippingAddressUpdate(CheckoutMutation):
    """Where the parcels go: checked against the country's address format and the channel."""

    class Arguments(CheckoutIdArguments):
        shipping_address = AddressInput(required=True)
        save_address = graphene.Boolean(default_value=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        shipping_address: dict[str, Any],
        save_address: bool = True,
        validation_rules: dict[str, Any] | None = None,
        **checkout: Any,
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, lock=True, **checkout)
            return checkout_shipping_address_update(
                token=loaded.token,
                address=address_data(shipping_address),
                save_address=save_address is not False,
                rules=_rules(validation_rules),
                loaded=loaded,
                locked=True,
            )

        return _run(cls, work)


class CheckoutBillingAddressUpdate(CheckoutMutation):
    class Arguments(CheckoutIdArguments):
        billing_address = AddressInput(required=True)
        save_address = graphene.Boolean(default_value=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        billing_address: dict[str, Any],
        save_address: bool = True,
        validation_rules: dict[str, Any] | None = None,
        **checkout: Any,
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, **checkout)
            return checkout_billing_address_update(
                token=loaded.token,
                address=address_data(billing_address),
                save_address=save_address is not False,
                rules=_rules(validation_rules),
                loaded=loaded,
            )

        return _run(cls, work)


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    """One shipping method for every parcel; it must serve them all."""

    class Arguments(CheckoutIdArguments):
        delivery_method_id = graphene.ID()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, delivery_method_id: str | None = None, **checkout: Any
    ) -> Any:
        def work() -> Any:
            if not delivery_method_id:
                raise DomainError(
                    "Choose a delivery method.", field="deliveryMethodId", code="REQUIRED"
                )
            return checkout_delivery_method_update(
                token=_checkout_token(info, **checkout),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
            )

        return _run(cls, work)


class CheckoutDeliveryGroupMethodUpdate(CheckoutMutation):
    """Marketplace extension: the shipping method of one workshop's parcel."""

    class Arguments(CheckoutIdArguments):
        vendor_id = graphene.ID(required=True)
        delivery_method_id = graphene.ID(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, vendor_id: str, delivery_method_id: str, **checkout: Any
    ) -> Any:
        def work() -> Any:
            loaded = _checkout_checked(info, **checkout)
            return checkout_delivery_group_method_update(
                token=loaded.token,
                vendor_id=decode(vendor_id, "Vendor", field="vendorId"),
                method_id=decode(delivery_method_id, "ShippingMethod", field="deliveryMethodId"),
                loaded=loaded,
            )

        return _run(cls, work)
