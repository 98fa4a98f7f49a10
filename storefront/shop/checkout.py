"""Checkout: details (e-mail, address), delivery per parcel and payment, confirmation.

Every rule is the services': address formats by country (Google's i18n data), the channel's
countries, delivery methods, stock holds, payment and order placement.
"""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from marketplace.accounts.addresses import AddressData, address_validation_rules
from marketplace.checkout.delivery import (
    checkout_billing_address_update,
    checkout_delivery_group_method_update,
    checkout_shipping_address_update,
    lines_for_pricing,
)
from marketplace.checkout.models import Checkout
from marketplace.checkout.pricing import checkout_totals
from marketplace.checkout.services import checkout_email_update, checkout_get
from marketplace.core.errors import DomainError, NotFound
from marketplace.orders.complete import checkout_complete
from marketplace.orders.models import Order
from marketplace.payments.checkout_payment import checkout_payment_start
from marketplace.payments.services import FAILURE, payment_gateways
from marketplace.provenance.selectors import certificates_for_order

from ..csp import allow_stripe
from .basket import parcels_of
from .common import ORDERS_KEY, basket_of, basket_remember, page, shop_channel
from .forms import DetailsForm, PaymentForm
from .messages import domain_message
from .stripe_pay import (
    STRIPE_GATEWAY_ID,
    delivery_methods_apply,
    stripe_context,
    stripe_offered,
)
from .tracking import cancelable, parcels_tracking

# The services name fields as the API spells them; the form as Python does.
FORM_FIELDS = {
    "email": "email",
    "firstName": "first_name",
    "lastName": "last_name",
    "streetAddress1": "street_address_1",
    "streetAddress2": "street_address_2",
    "city": "city",
    "cityArea": "city",
    "postalCode": "postal_code",
    "country": "country",
    "countryArea": "country_area",
    "phone": "phone",
}
ADDRESS_FIELDS = [
    "first_name",
    "last_name",
    "street_address_1",
    "street_address_2",
    "postal_code",
    "city",
    "country_area",
    "country",
    "phone",
]


def _basket_or_redirect(request: HttpRequest) -> Checkout | None:
    checkout = basket_of(request, shop_channel(request))
    if checkout is None or not checkout.lines.exists():
        messages.info(request, _("Your basket is empty."))
        return None
    return checkout


def _countries(checkout: Checkout) -> list[tuple[str, str]]:
    served = [str(code) for code in checkout.channel.countries] or [
        str(checkout.channel.default_country)
    ]
    return sorted(((code, str(country_names.name(code))) for code in served), key=lambda c: c[1])


def _address_rules(country: str) -> dict[str, Any]:
    """Which address fields the country uses and requires, with its areas (states...)."""
    rules = address_validation_rules(country_code=country)
    return {
        "required": set(rules.required_fields),
        "allowed": set(rules.allowed_fields),
        "areas": list(rules.country_area_choices),
        "postal_example": (
            _("For example: %(example)s") % {"example": rules.postal_code_examples[0]}
            if rules.postal_code_examples
            else ""
        ),
    }


def details(request: HttpRequest) -> HttpResponse:
    checkout = _basket_or_redirect(request)
    if checkout is None:
        return redirect("shop:basket")
    countries = _countries(checkout)
    address = checkout.shipping_address
    default = str(checkout.channel.default_country)
    codes = {code for code, _name in countries}
    initial: dict[str, Any] = {
        "email": checkout.email,
        "country": default if default in codes else countries[0][0],
    }
    if address is not None:
        initial.update({name: getattr(address, name) for name in ADDRESS_FIELDS})
        initial["country"] = str(address.country)
    form = DetailsForm(request.POST or None, initial=initial, countries=countries)
    if request.method == "POST" and "refresh" not in request.POST and form.is_valid():
        data = form.cleaned_data
        address_data = AddressData(**{name: data.get(name) or "" for name in ADDRESS_FIELDS})
        try:
            checkout_email_update(token=checkout.token, email=data["email"])
            checkout_shipping_address_update(token=checkout.token, address=address_data)
            checkout_billing_address_update(token=checkout.token, address=address_data)
        except DomainError as error:
            field = FORM_FIELDS.get(error.field or "")
            message = (
                _("This field is required.")
                if error.code == "REQUIRED"
                else _("This value is not valid for an address in this country.")
                if field and field != "email"
                else domain_message(error)
            )
            form.add_error(field if field in form.fields else None, message)
        else:
            _choose_cheapest_delivery(checkout)
            return redirect("shop:checkout-pay")
    country = (form.data.get("country") if form.is_bound else None) or initial["country"]
    if country not in {code for code, _name in countries}:
        country = countries[0][0]
    return page(
        request,
        "shop/checkout_details.html",
        {"form": form, "rules": _address_rules(country), "step": 1},
        title=_("Checkout: your details"),
    )


def _choose_cheapest_delivery(checkout: Checkout) -> None:
    """Each parcel without a delivery method gets its cheapest, so the next page shows the
    real total; the buyer may change it there."""
    checkout = checkout_get(token=checkout.token)  # with the address just set
    totals = checkout_totals(checkout=checkout, lines=lines_for_pricing(checkout))
    for vendor_id, quotes in totals.quotes.items():
        if vendor_id not in totals.chosen and quotes:
            checkout_delivery_group_method_update(
                token=checkout.token, vendor_id=vendor_id, method_id=quotes[0].method_id
            )


def _demo_gateway(currency: str) -> Any:
    """A gateway that takes a card number in our own form: never Stripe's (its card data
    goes to Stripe's frames only, see stripe_pay.py)."""
    return next((g for g in payment_gateways(currency=currency) if g.id != STRIPE_GATEWAY_ID), None)


def pay(request: HttpRequest) -> HttpResponse:
    checkout = _basket_or_redirect(request)
    if checkout is None:
        return redirect("shop:basket")
    if not checkout.email or checkout.shipping_address_id is None:
        return redirect("shop:checkout")
    with_stripe = stripe_offered(checkout.currency)
    gateway = None if with_stripe else _demo_gateway(checkout.currency)
    form = PaymentForm(request.POST or None)
    if request.method == "POST":
        problem = delivery_methods_apply(request, checkout)
        if problem:
            messages.error(request, problem)
            return redirect("shop:checkout-pay")
        if "update" in request.POST:
            return redirect("shop:checkout-pay")
        parcels, totals = parcels_of(checkout)
        unchosen = [p for p in parcels if p["quotes"] and p["chosen"] is None]
        if unchosen:
            messages.error(request, _("Choose a delivery method for every parcel."))
        elif gateway is None:
            messages.error(request, _("Card payments are not available right now."))
        elif form.is_valid():
            order = _pay_and_place(request, checkout, form.cleaned_data["card"])
            if order is not None:
                return redirect("shop:order", order_id=order.pk)
            return redirect("shop:checkout-pay")
    parcels, totals = parcels_of(checkout)
    if with_stripe:
        allow_stripe(request)  # Stripe's hosts in this page's CSP, and only here
    return page(
        request,
        "shop/checkout_pay.html",
        {
            "checkout": checkout,
            "parcels": parcels,
            "totals": totals,
            "form": form,
            "gateway": gateway,
            "stripe": stripe_context(totals) if with_stripe else None,
            "attempt": uuid.uuid4().hex,
            "step": 2,
        },
        title=_("Checkout: delivery and payment"),
    )


def _pay_and_place(request: HttpRequest, checkout: Checkout, card: str) -> Order | None:
    """Charge the basket through the gateway, then place the order; a decline or an error
    leaves the basket as it was and nothing charged.

    The payment starts as the API's does (checkout_payment_start): the basket locked, its
    total due computed under that lock (not the figure this page priced a moment before),
    its stock held again (a failed attempt let go of it), then the gateway asked."""
    gateway = _demo_gateway(checkout.currency)
    attempt = request.POST.get("attempt", "")[:64] or uuid.uuid4().hex
    try:
        _txn, event, _data = checkout_payment_start(
            actor=request.user,
            token=checkout.token,
            gateway_id=gateway.id,
            data={"card": card},
            idempotency_key=f"web-{attempt}",
            shortage_on_checkout=False,  # "not enough pieces left", in the buyer's words
        )
    except NotFound as error:
        if error.field != "id":
            messages.error(request, _refusal_message(error))
        # Else the basket is gone, or not this buyer's: the pay page, next, answers as it
        # does for a missing basket ("Your basket is empty.", back to the basket).
        return None
    except DomainError as error:
        messages.error(request, _refusal_message(error))
        return None
    if event is not None and event.type in FAILURE:
        messages.error(
            request,
            _(
                "Your card was declined. Nothing was charged and your basket is kept: "
                "try another card."
            ),
        )
        return None
    try:
        order = checkout_complete(token=checkout.token, user=request.user)
    except DomainError as error:
        messages.error(request, _refusal_message(error))
        return None
    placed = list(request.session.get(ORDERS_KEY, []))
    request.session[ORDERS_KEY] = [*placed[-19:], str(order.pk)]
    basket_remember(request, checkout.channel, None)
    return order


def _refusal_message(error: DomainError) -> str:
    if error.field == "data":
        return _("This is not a valid card number.")
    return domain_message(error)


def order_placed(request: HttpRequest, order_id: UUID) -> HttpResponse:
    """The confirmation, shown only to the browser that placed the order (no personal data
    in the URL, and an order id alone reveals nothing)."""
    from marketplace.orders.selectors import order_for_confirmation

    order = order_for_confirmation(order_id=order_id)
    placed_here = str(order_id) in request.session.get(ORDERS_KEY, [])
    owner = order is not None and order.user_id is not None and order.user_id == request.user.pk
    if order is None or not (placed_here or owner):
        raise Http404(_("No order here."))
    return page(
        request,
        "shop/order.html",
        {
            "order": order,
            "certificates": certificates_for_order(order_number=order.number),
            "tracking": parcels_tracking(order),
            "cancelable": cancelable(order, request.user),
            "just_placed": placed_here,
        },
        title=_("Thank you: order %(number)s is placed") % {"number": order.number},
    )


def order_lookup(request: HttpRequest) -> HttpResponse:
    """A guest finds an order by its number and e-mail (no personal data in the URL)."""
    from django import forms

    from marketplace.core.client import client_ip
    from marketplace.orders.selectors import order_for_guest

    class LookupForm(forms.Form):
        number = forms.IntegerField(min_value=1, label=_("Order number"))
        email = forms.EmailField(label=_("E-mail"))

    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = order_for_guest(
                number=form.cleaned_data["number"],
                email=form.cleaned_data["email"],
                client_ip=client_ip(request),
            )
        except DomainError:
            form.add_error(None, _("Too many attempts. Wait a little and try again."))
        else:
            if order is not None:
                placed = list(request.session.get(ORDERS_KEY, []))
                request.session[ORDERS_KEY] = [*placed[-19:], str(order.pk)]
                return redirect("shop:order", order_id=order.pk)
            form.add_error(None, _("No order has this number and this e-mail."))
    return page(request, "shop/order_lookup.html", {"form": form}, title=_("Find an order"))
