"""The services' errors in the buyer's language: by error code (and field) where the shop
knows it, the service's own words otherwise."""

from __future__ import annotations

from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError


def domain_message(error: DomainError) -> str:
    field, code = error.field or "", error.code
    if field == "promoCode":
        if code == "VOUCHER_NOT_APPLICABLE":
            return _("This promo code does not apply to your basket (check its minimum spend).")
        return _("This promo code is not valid.")
    known = {
        "INSUFFICIENT_STOCK": _("Sorry, there are not enough pieces left in stock."),
        "QUANTITY_GREATER_THAN_LIMIT": _("That is more of this piece than one basket may hold."),
        "UNAVAILABLE_VARIANT_IN_CHANNEL": _("This piece is not sold in your market."),
        "PRODUCT_UNAVAILABLE_FOR_PURCHASE": _("This piece is not for sale yet."),
        "ZERO_QUANTITY": _("Choose at least one piece."),
        "NOT_FOUND": _("This item is no longer in your basket."),
        "DELIVERY_METHOD_NOT_APPLICABLE": _("This delivery method does not serve this parcel."),
        "SHIPPING_METHOD_NOT_SET": _("Choose a delivery method for every parcel."),
        "CHECKOUT_NOT_FULLY_PAID": _("The payment did not cover the whole order."),
    }
    if code in known:
        return known[code]
    if field == "packagingOptionId":
        return _("This packaging is not offered for this piece here.")
    if field == "giftMessage":
        return _("Gift messages are 500 characters at most.")
    return error.message
