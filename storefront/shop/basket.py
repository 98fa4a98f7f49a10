"""The basket: lines grouped by workshop parcel, quantities, promo code, totals."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalog.selectors import products_first_picture, products_named
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.models import Checkout
from marketplace.checkout.pricing import CheckoutTotals, checkout_totals
from marketplace.checkout.promo import checkout_add_promo_code, checkout_remove_promo_code
from marketplace.checkout.services import (
    LineInput,
    checkout_create,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
)
from marketplace.core.client import client_ip
from marketplace.core.errors import DomainError
from marketplace.packaging.selectors import packaging_names
from marketplace.shipping.selectors import shipping_method_names

from .common import basket_of, basket_remember, page, shop_channel
from .forms import AddToBasketForm, PromoForm
from .messages import domain_message


def parcels_of(checkout: Checkout) -> tuple[list[dict[str, Any]], CheckoutTotals]:
    """The basket's lines, one parcel per workshop, priced by the checkout's own pricing
    (the same figures the API gives, to the cent)."""
    lines = lines_for_pricing(checkout)
    totals = checkout_totals(checkout=checkout, lines=lines)
    product_ids = {line.variant.product_id for line in lines}
    lang = translation.get_language() or "en"
    names = products_named(product_ids=list(product_ids), language_code=lang)
    pictures = products_first_picture(product_ids=list(product_ids))
    wraps = packaging_names(
        option_ids=[line.packaging_option_id for line in lines if line.packaging_option_id],
        language_code=lang,
    )
    parcels: dict[int, dict[str, Any]] = {}
    for line in lines:
        vendor = line.variant.product.vendor
        parcel = parcels.setdefault(
            vendor.pk, {"vendor": vendor, "lines": [], "quotes": [], "chosen": None}
        )
        parcel["lines"].append(
            {
                "line": line,
                "name": names.get(line.variant.product_id, line.variant.product.name),
                "picture": pictures.get(line.variant.product_id),
                "price": totals.lines[line.pk],
                "packaging_name": wraps.get(
                    line.packaging_option_id or 0,
                    line.packaging_option.name if line.packaging_option else "",
                ),
            }
        )
    methods = shipping_method_names(
        method_ids=[q.method_id for quotes in totals.quotes.values() for q in quotes],
        language_code=lang,
    )
    for vendor_id, parcel in parcels.items():
        parcel["quotes"] = [
            replace(q, name=methods.get(q.method_id, q.name))
            for q in totals.quotes.get(vendor_id, [])
        ]
        parcel["chosen"] = totals.chosen.get(vendor_id)
        parcel["customs"] = totals.customs.get(vendor_id)
    return list(parcels.values()), totals


def basket(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    checkout = basket_of(request, channel)
    parcels, totals = parcels_of(checkout) if checkout else ([], None)
    count = sum(p["line"].quantity for parcel in parcels for p in parcel["lines"])
    return page(
        request,
        "shop/basket.html",
        {
            "checkout": checkout,
            "parcels": parcels,
            "totals": totals,
            "promo_form": PromoForm(),
            "basket_count": count,
        },
        title=_("Your basket"),
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # Only a path on this site: never an open redirect.
    return target if target.startswith("/") and not target.startswith("//") else fallback


@require_POST
def basket_add(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    form = AddToBasketForm(request.POST)
    back = _back(request, reverse("shop:basket"))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, str(errors[0]))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    line = LineInput(
        variant_id=data["variant"],
        quantity=data["quantity"],
        packaging_option_id=data.get("packaging"),
        gift_message=data.get("gift_message") or "",
    )
    checkout = basket_of(request, channel)
    try:
        if checkout is None:
            checkout = checkout_create(
                channel_slug=channel.slug,
                lines=[line],
                user=request.user,
                language_code=translation.get_language() or "en",
                client_ip=client_ip(request),  # counts its stock holds (checkout.holds)
            )
            basket_remember(request, channel, checkout.token)
        else:
            checkout_lines_add(token=checkout.token, lines=[line])
    except DomainError as error:
        messages.error(request, domain_message(error))
        return HttpResponseRedirect(back)
    messages.success(request, _("Added to your basket."))
    return redirect("shop:basket")


@require_POST
def basket_update(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    checkout = basket_of(request, channel)
    if checkout is None:
        return redirect("shop:basket")
    try:
        line_id = UUID(request.POST.get("line", ""))
        if "remove" in request.POST:
            checkout_lines_delete(token=checkout.token, line_ids=[line_id])
            messages.success(request, _("Removed from your basket."))
        else:
            quantity = int(request.POST.get("quantity", ""))
            checkout_lines_update(token=checkout.token, quantities=[(line_id, quantity)])
            messages.success(request, _("Basket updated."))
    except ValueError:
        messages.error(request, _("Give a whole number of pieces."))
    except DomainError as error:
        messages.error(request, domain_message(error))
    return redirect("shop:basket")


@require_POST
def basket_promo(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    checkout = basket_of(request, channel)
    if checkout is None:
        return redirect("shop:basket")
    try:
        if "remove" in request.POST:
            checkout_remove_promo_code(token=checkout.token)
            messages.success(request, _("Promo code removed."))
        else:
            form = PromoForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give a promo code."))
                return redirect("shop:basket")
            checkout_add_promo_code(token=checkout.token, code=form.cleaned_data["code"])
            messages.success(request, _("Promo code applied."))
    except DomainError as error:
        messages.error(request, domain_message(error))
    return redirect("shop:basket")
