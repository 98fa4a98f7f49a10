"""Paying by card with Stripe's Payment Element (when Stripe's keys are set).

Card data never reaches this server: Stripe.js draws the fields in Stripe's frames. The page
asks for a PaymentIntent only when the buyer presses Pay (Stripe's deferred-intent flow):

1. ``intent`` (POST, CSRF-checked, JSON): applies the delivery methods chosen on the page,
   then starts a transaction through the Stripe gateway as the API does
   (``checkout_payment_start``: the basket locked, its total due computed and its stock held
   under that lock); answers the intent's client secret. The same page, try and total give
   the same transaction back; a try after a decline gets a new intent.
2. Stripe.js confirms the intent in the browser (``stripe.confirmPayment``).
3. ``complete`` (GET, Stripe's ``return_url``): asks Stripe how the intent stands
   (``transaction_process``), then places the order (``checkout_complete``), which refuses
   an unpaid basket. A declined card leaves the basket as it was and nothing charged.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace.checkout.delivery import checkout_delivery_group_method_update
from marketplace.checkout.models import Checkout
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import Money
from marketplace.orders.complete import checkout_complete
from marketplace.orders.models import Order
from marketplace.payments.checkout_payment import checkout_payment_start
from marketplace.payments.models import Transaction
from marketplace.payments.services import payment_gateways, transaction_process

from ..csp import stripe_js_url
from .basket import parcels_of
from .common import ORDERS_KEY, basket_of, basket_remember, shop_channel
from .messages import domain_message

STRIPE_GATEWAY_ID = "marketplace.payments.stripe"
STRIPE_LOCALES = {"fr": "fr", "ar": "ar", "en": "en"}


def stripe_offered(currency: str) -> bool:
    """Stripe's Payment Element is the card form when Stripe is set up for this currency."""
    if not settings.STRIPE_PUBLISHABLE_KEY:
        return False
    return any(g.id == STRIPE_GATEWAY_ID for g in payment_gateways(currency=currency))


def stripe_context(totals: Any) -> dict[str, Any]:
    """What pay.js needs to draw the Payment Element (read from data- attributes)."""
    language = translation.get_language() or "en"
    return {
        "js_url": stripe_js_url(),
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "amount": Money.of(totals.total, totals.currency).minor_units,
        "currency": totals.currency.lower(),
        "locale": STRIPE_LOCALES.get(language, "auto"),
    }


def delivery_methods_apply(request: HttpRequest, checkout: Checkout) -> str | None:
    """The delivery methods chosen in the form (``method-<workshop id>``); an error message
    for the buyer, or None."""
    try:
        for key, value in request.POST.items():
            if key.startswith("method-"):
                checkout_delivery_group_method_update(
                    token=checkout.token,
                    vendor_id=int(key.removeprefix("method-")),
                    method_id=int(str(value)),
                )
    except DomainError as error:
        return domain_message(error)
    except ValueError:
        return _("Choose a delivery method for every parcel.")
    return None


def _refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def intent(request: HttpRequest) -> JsonResponse:
    checkout = basket_of(request, shop_channel(request))
    if checkout is None or not checkout.lines.exists():
        return _refusal(_("Your basket is empty."), status=409)
    if not checkout.email or checkout.shipping_address_id is None:
        return _refusal(_("Enter your details first."), status=409)
    if not stripe_offered(checkout.currency):
        return _refusal(_("Card payments are not available right now."), status=409)
    problem = delivery_methods_apply(request, checkout)
    if problem:
        return _refusal(problem)
    parcels, _totals = parcels_of(checkout)
    if any(p["quotes"] and p["chosen"] is None for p in parcels) or any(
        not p["quotes"] for p in parcels
    ):
        return _refusal(_("Choose a delivery method for every parcel."))
    # One intent per page, try and total: a repeated request gets the same one back; after
    # a decline the page asks for a fresh intent (the declined one stays unpaid), and so
    # does a new total (another delivery method, a new price). The total is the one due,
    # computed under the basket's lock (checkout_payment_start, as for the API), which ends
    # the key (key_names_total): web-stripe-<attempt>-<try>-<total>.
    attempt = str(request.POST.get("attempt", ""))[:40] or "page"
    attempt_try = str(request.POST.get("try", ""))[:6]
    try:
        txn, _event, data = checkout_payment_start(
            actor=request.user,
            token=checkout.token,
            gateway_id=STRIPE_GATEWAY_ID,
            data=None,
            idempotency_key=f"web-stripe-{attempt}-{attempt_try}",
            key_names_total=True,
            shortage_on_checkout=False,  # "not enough pieces left", in the buyer's words
        )
    except NotFound as error:
        if error.field == "id":  # gone meanwhile, or not this buyer's: as a missing basket
            return _refusal(_("Your basket is empty."), status=409)
        return _refusal(domain_message(error))
    except DomainError as error:
        return _refusal(domain_message(error))
    secret = (data or {}).get("client_secret")
    if not secret:
        return _refusal(_("Card payments are not available right now."), status=502)
    complete_url = request.build_absolute_uri(
        f"{reverse('shop:checkout-stripe-complete')}?transaction={txn.token}"
    )
    return JsonResponse(
        {
            "client_secret": secret,
            "return_url": complete_url,
            # What this intent charges: the locked total (less anything paid before).
            "amount": Money.of(txn.amount_requested, txn.currency).minor_units,
        }
    )


def _own_transaction(request: HttpRequest, checkout: Checkout | None) -> Transaction | None:
    try:
        token = UUID(str(request.GET.get("transaction", "")))
    except ValueError:
        return None
    if checkout is None:
        return None
    return Transaction.objects.filter(
        token=token, checkout_token=checkout.token, gateway_id=STRIPE_GATEWAY_ID
    ).first()


@require_GET
def complete(request: HttpRequest) -> HttpResponse:
    checkout = basket_of(request, shop_channel(request))
    txn = _own_transaction(request, checkout)
    if checkout is None or txn is None:
        messages.info(request, _("Your basket is empty."))
        return redirect("shop:basket")
    try:
        transaction_process(actor=request.user, transaction_token=txn.token, data=None)
    except DomainError as error:
        if error.code != "TRANSACTION_ALREADY_PROCESSED":  # the webhook was quicker: fine
            messages.error(request, domain_message(error))
            return redirect("shop:checkout-pay")
    txn.refresh_from_db()
    if txn.charged <= 0:
        messages.error(
            request,
            _(
                "Your card was declined. Nothing was charged and your basket is kept: "
                "try another card."
            ),
        )
        return redirect("shop:checkout-pay")
    try:
        order: Order = checkout_complete(token=checkout.token, user=request.user)
    except DomainError as error:
        messages.error(request, domain_message(error))
        return redirect("shop:checkout-pay")
    placed = list(request.session.get(ORDERS_KEY, []))
    request.session[ORDERS_KEY] = [*placed[-19:], str(order.pk)]
    basket_remember(request, checkout.channel, None)
    return redirect("shop:order", order_id=order.pk)
