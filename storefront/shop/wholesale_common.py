"""What the wholesale pages of the shop and of the workspace share: a domain error said in the
visitor's language, and the labels of each status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.core.errors import DomainError

QUOTE_STATUS = {
    "REQUESTED": gettext_lazy("Requested"),
    "ALLOCATING": gettext_lazy("Being shared among workshops"),
    "SENT": gettext_lazy("Quote sent"),
    "CHANGES_REQUESTED": gettext_lazy("Changes asked"),
    "ACCEPTED": gettext_lazy("Accepted"),
    "DECLINED": gettext_lazy("Declined"),
    "IN_PRODUCTION": gettext_lazy("In production"),
    "SHIPPED": gettext_lazy("Shipped"),
}
SHARE_STATUS = {
    "OFFERED": gettext_lazy("Waiting for the workshop"),
    "ACCEPTED": gettext_lazy("Accepted"),
    "COUNTERED": gettext_lazy("Countered"),
    "DECLINED": gettext_lazy("Declined"),
    "WITHDRAWN": gettext_lazy("Taken back"),
}
POOL_STATUS = {
    "OPEN": gettext_lazy("Open for commitments"),
    "ORDERED": gettext_lazy("Ordered from the supplier"),
    "CANCELLED": gettext_lazy("No tier reached"),
}
BUSINESS_STATUS = {
    "PENDING": gettext_lazy("Waiting for review"),
    "APPROVED": gettext_lazy("Approved"),
    "REJECTED": gettext_lazy("Not approved"),
}


def error_text(error: DomainError) -> str:
    """The domain's codes in the visitor's language; the service's words otherwise."""
    known = {
        "NOT_FOUND": _("This is not available to you."),
        "QUANTITY_BELOW_MINIMUM": _("A line is below the cluster's minimum quantity."),
        "ORDER_BELOW_MINIMUM": _("These lines are below the cluster's minimum order value."),
        "QUANTITY_EXCEEDS_LINE": _("More pieces than are left to share on this line."),
        "LINES_NOT_ALLOCATED": _("Every line must be fully accepted by workshops first."),
        "QUOTE_EXPIRED": _("This quote has expired: ask for a new one."),
        "NET_TERMS_NOT_APPROVED": _("Net terms are for businesses approved for them."),
        "BALANCE_DUE": _("The balance must be paid before the shipment leaves."),
        "NOT_RECEIVED": _("Some shares are not fully received yet."),
        "POOL_CLOSED": _("Commitments are closed."),
        "POOL_OPEN": _("Wait for the deadline."),
        "PAYMENT_DECLINED": _("The payment was not charged."),
    }
    return str(known.get(error.code, error.message))


def attempt(request: HttpRequest, work: Callable[[], Any], done: str) -> bool:
    """Run a service; say what happened in the page's messages."""
    try:
        work()
    except DomainError as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, done)
    return True
