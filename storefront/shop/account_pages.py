"""The buyer's account beyond logging in: password reset, the address book, cancelling an
order before it ships. Every rule is the accounts and orders services' (the API's own)."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries as country_names

from marketplace.accounts.address_book import (
    account_address_create,
    account_address_delete,
    account_address_update,
    account_set_default_address,
)
from marketplace.accounts.addresses import AddressData
from marketplace.accounts.models import Address
from marketplace.accounts.services import password_reset_request, password_set
from marketplace.channels.selectors import channels_active
from marketplace.core.client import client_ip
from marketplace.core.errors import DomainError, NotFound
from marketplace.orders.services import order_cancel

from .checkout import ADDRESS_FIELDS, FORM_FIELDS, _address_rules
from .common import page, shop_channel
from .forms import DetailsForm
from .messages import domain_message

logger = logging.getLogger(__name__)
RESET_KEY = "shop_password_reset"  # session: the mailed link's e-mail and token


class ResetRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))


class NewPasswordForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("New password"), widget=forms.PasswordInput)
    password_again = forms.CharField(
        label=gettext_lazy("The new password again"), widget=forms.PasswordInput
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


def _own_link(request: HttpRequest) -> str:
    """The set-password page on this marketplace's own host: PUBLIC_URL when set, else the
    host this request reached (Django has checked it against ALLOWED_HOSTS)."""
    path = reverse("shop:password-reset-set")
    if settings.PUBLIC_URL:
        return f"{settings.PUBLIC_URL}{path}"
    return request.build_absolute_uri(path)


def password_reset_view(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_request(
                email=form.cleaned_data["email"],
                redirect_url=_own_link(request),
                client_ip=client_ip(request),
                # The mail speaks the page's language; the link opens this language's page.
                language_code=translation.get_language() or settings.LANGUAGE_CODE,
            )
        except DomainError as error:
            if error.code == "PASSWORD_RESET_ALREADY_REQUESTED":
                form.add_error(None, _("A link was sent a moment ago: check your mailbox."))
            elif error.code == "UNKNOWN_IP_ADDRESS":
                form.add_error(None, _("We could not tell where your request comes from."))
            else:  # this host is not one the links may name: a setup error, said plainly
                logger.error("Password reset link refused: %s", error.message)
                form.add_error(None, _("We cannot send a link right now. Try again later."))
        else:
            # The same words whether or not the address has an account.
            messages.success(
                request,
                _(
                    "If an account uses this address, a link to choose a new password is on "
                    "its way. It works for three days."
                ),
            )
            return redirect("shop:login")
    return page(
        request, "shop/password_reset.html", {"form": form}, title=_("Forgot your password?")
    )


def password_set_view(request: HttpRequest) -> HttpResponse:
    """The mailed link: its e-mail and token move into the session at once, so they do not
    stay in the address bar, the history or a Referer."""
    if "token" in request.GET:
        request.session[RESET_KEY] = {
            "email": str(request.GET.get("email", ""))[:254],
            "token": str(request.GET.get("token", ""))[:128],
        }
        return redirect("shop:password-reset-set")
    link = request.session.get(RESET_KEY) or {}
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tokens = password_set(
                email=link.get("email", ""),
                token=link.get("token", ""),
                password=form.cleaned_data["password"],
            )
        except DomainError as error:
            if error.field == "password":
                form.add_error("password", _("Choose a longer, less common password."))
            else:
                form.add_error(
                    None, _("This link has expired or was already used: ask for a new one.")
                )
        else:
            request.session.pop(RESET_KEY, None)
            login(request, tokens.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your new password is set."))
            return redirect("shop:account")
    return page(
        request,
        "shop/password_set.html",
        {"form": form, "has_link": bool(link)},
        title=_("Choose a new password"),
    )


# The address book --------------------------------------------------------------------------


def _countries() -> list[tuple[str, str]]:
    """Every country a market of the marketplace delivers to."""
    codes = {str(code) for channel in channels_active() for code in channel.countries}
    codes |= {str(channel.default_country) for channel in channels_active()}
    return sorted(((c, str(country_names.name(c))) for c in codes if c), key=lambda c: c[1])


class AddressForm(DetailsForm):
    default = forms.BooleanField(required=False, label=gettext_lazy("Deliver here by default"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email"]


def _login_required(request: HttpRequest) -> HttpResponse | None:
    return None if request.user.is_authenticated else redirect("shop:login")


def addresses_view(request: HttpRequest) -> HttpResponse:
    if (answer := _login_required(request)) is not None:
        return answer
    user: Any = request.user
    addresses = list(user.addresses.order_by("pk"))
    return page(
        request,
        "shop/addresses.html",
        {"addresses": addresses, "default_id": user.default_shipping_address_id},
        title=_("Your addresses"),
    )


def address_edit_view(request: HttpRequest, address_id: int | None = None) -> HttpResponse:
    if (answer := _login_required(request)) is not None:
        return answer
    user: Any = request.user
    address: Address | None = None
    if address_id is not None:
        address = user.addresses.filter(pk=address_id).first()
        if address is None:  # someone else's address answers as a missing one
            raise Http404(_("No address here."))
    countries = _countries()
    codes = [code for code, _name in countries]
    market = str(shop_channel(request).default_country)
    initial: dict[str, Any] = {"country": market if market in codes else (codes or [""])[0]}
    if address is not None:
        initial = {name: getattr(address, name) for name in ADDRESS_FIELDS}
        initial["country"] = str(address.country)
        initial["default"] = user.default_shipping_address_id == address.pk
    form = AddressForm(request.POST or None, initial=initial, countries=countries)
    if request.method == "POST" and "refresh" not in request.POST and form.is_valid():
        data = AddressData(**{name: form.cleaned_data.get(name) or "" for name in ADDRESS_FIELDS})
        try:
            if address is None:
                address = account_address_create(actor=user, data=data)
            else:
                account_address_update(actor=user, address_id=address.pk, data=data)
            if form.cleaned_data["default"]:
                account_set_default_address(actor=user, address_id=address.pk, kind="SHIPPING")
        except DomainError as error:
            field = FORM_FIELDS.get(error.field or "")
            form.add_error(
                field if field in form.fields else None,
                _("This field is required.")
                if error.code == "REQUIRED"
                else _("This value is not valid for an address in this country."),
            )
        else:
            messages.success(request, _("The address is saved."))
            return redirect("shop:addresses")
    country = (form.data.get("country") if form.is_bound else None) or initial.get("country")
    if country not in {code for code, _name in countries}:
        country = countries[0][0] if countries else "FR"
    return page(
        request,
        "shop/address_form.html",
        {"form": form, "rules": _address_rules(str(country)), "address": address},
        title=_("Edit the address") if address else _("Add an address"),
    )


@require_POST
def address_delete_view(request: HttpRequest, address_id: int) -> HttpResponse:
    if (answer := _login_required(request)) is not None:
        return answer
    try:
        account_address_delete(actor=request.user, address_id=address_id)
    except NotFound:
        raise Http404(_("No address here.")) from None
    messages.success(request, _("The address is deleted."))
    return redirect("shop:addresses")


@require_POST
def order_cancel_view(request: HttpRequest, order_id: UUID) -> HttpResponse:
    """The buyer cancels an order none of whose parcels has left (the service's rule): its
    stock comes back and its payments are refunded. Someone else's order is a missing one."""
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm the cancellation."))
        return redirect("shop:order", order_id=order_id)
    try:
        order_cancel(actor=request.user, order_id=order_id)
    except NotFound:
        raise Http404(_("No order here.")) from None
    except DomainError as error:
        messages.error(
            request,
            _("A parcel of this order has left the workshop: it can no longer be cancelled.")
            if error.code == "CANNOT_CANCEL_ORDER"
            else domain_message(error),
        )
    else:
        messages.success(request, _("Your order is cancelled. Your payment is refunded."))
    return redirect("shop:order", order_id=order_id)
