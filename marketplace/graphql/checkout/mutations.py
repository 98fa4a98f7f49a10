"""The checkout mutations in Saleor's shape, gathered in one place: api.py and the orders'
and payments' mutations import them from here, each defined in its own module:

- ``mutation_base``: CheckoutError, the payload every mutation answers with, the arguments
  naming the checkout;
- ``inputs``: the input types and their parsing;
- ``line_mutations``: checkoutCreate, checkoutLinesAdd/Update/Delete, checkoutLineDelete;
- ``address_delivery_mutations``: the addresses and the delivery methods;
- ``email_promo_mutations``: checkoutEmailUpdate and the promo codes;
- ``queries``: the ``checkout`` query."""

from __future__ import annotations

from .address_delivery_mutations import (
    CheckoutBillingAddressUpdate,
    CheckoutDeliveryGroupMethodUpdate,
    CheckoutDeliveryMethodUpdate,
    CheckoutShippingAddressUpdate,
)
from .email_promo_mutations import (
    CheckoutAddPromoCode,
    CheckoutEmailUpdate,
    CheckoutRemovePromoCode,
)
from .inputs import (
    CheckoutAddressValidationRules,
    CheckoutCreateInput,
    CheckoutLineInput,
    CheckoutLineUpdateInput,
    CheckoutValidationRules,
    _lines,
    _pairs,
    _rules,
)
from .line_mutations import (
    CheckoutCreate,
    CheckoutLineDelete,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
    _line_id,
)
from .mutation_base import (
    CHECKOUT_ERROR_CODES,
    CheckoutError,
    CheckoutErrorCode,
    CheckoutIdArguments,
    CheckoutMutation,
    _checkout_checked,
    _checkout_ref,
    _checkout_token,
    _run,
    _uuid,
)
from .queries import CheckoutQueries

__all__ = [
    "CHECKOUT_ERROR_CODES",
    "CheckoutAddPromoCode",
    "CheckoutAddressValidationRules",
    "CheckoutBillingAddressUpdate",
    "CheckoutCreate",
    "CheckoutCreateInput",
    "CheckoutDeliveryGroupMethodUpdate",
    "CheckoutDeliveryMethodUpdate",
    "CheckoutEmailUpdate",
    "CheckoutError",
    "CheckoutErrorCode",
    "CheckoutIdArguments",
    "CheckoutLineDelete",
    "CheckoutLineInput",
    "CheckoutLineUpdateInput",
    "CheckoutLinesAdd",
    "CheckoutLinesDelete",
    "CheckoutLinesUpdate",
    "CheckoutMutation",
    "CheckoutQueries",
    "CheckoutRemovePromoCode",
    "CheckoutShippingAddressUpdate",
    "CheckoutValidationRules",
    "_checkout_checked",
    "_checkout_ref",
    "_checkout_token",
    "_line_id",
    "_lines",
    "_pairs",
    "_rules",
    "_run",
    "_uuid",
]
