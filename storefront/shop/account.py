"""The buyer's account: register, log in, log out, and the orders with each parcel's status.

Passwords, throttling and the no-enumeration rule are the accounts services' (the API's
own): the web login goes through the same checks and lockouts as tokenCreate.
"""

from __future__ import annotations

import contextlib

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.accounts.services import account_register, login_check
from marketplace.checkout.customer import checkout_customer_attach
from marketplace.core.client import client_ip
from marketplace.core.errors import DomainError
from marketplace.orders.selectors import orders_for_account

from .common import basket_token, page, shop_channel

LOGIN_EMAIL_KEY = "shop_login_email"


class LoginForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


class RegisterForm(LoginForm):
    first_name = forms.CharField(max_length=150, required=False, label=gettext_lazy("First name"))
    last_name = forms.CharField(max_length=150, required=False, label=gettext_lazy("Last name"))


def _account_message(error: DomainError) -> str:
    known = {
        "INVALID_CREDENTIALS": _("The e-mail or the password is wrong."),
        "LOGIN_ATTEMPT_DELAYED": _("Too many attempts. Wait a little and try again."),
        "INACTIVE": _("This account is inactive."),
        "UNKNOWN_IP_ADDRESS": _("We could not tell where your request comes from."),
    }
    if error.code in known:
        return known[error.code]
    if error.field == "password":
        return _("Choose a longer, less common password.")
    return error.message


def _start_session(request: HttpRequest, user: object) -> None:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    token = basket_token(request, shop_channel(request))
    if token is not None:  # the basket built before logging in becomes the buyer's
        with contextlib.suppress(DomainError):  # someone else's basket: it stays theirs
            checkout_customer_attach(token=token, user=request.user)


def login_view(request: HttpRequest) -> HttpResponse:
    # The address just given to the registration form, so the buyer need not type it again.
    initial = {"email": request.session.pop(LOGIN_EMAIL_KEY, "")}
    form = LoginForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = login_check(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                client_ip=client_ip(request),
            )
        except DomainError as error:
            form.add_error(None, _account_message(error))
        else:
            _start_session(request, user)
            return redirect(_next_page(request) or "shop:account")
    return page(request, "shop/login.html", {"form": form}, title=_("Log in"))


def _next_page(request: HttpRequest) -> str | None:
    """``?next=`` (the workspace's "log in and come back"), only to a path on this site."""
    wanted = request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted.startswith("/") and safe else None


def register_view(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_register(  # a new User, or None for a known address: see below
                email=data["email"],
                password=data["password"],
                client_ip=client_ip(request),
                first_name=data["first_name"],
                last_name=data["last_name"],
                language_code=translation.get_language() or "en",
            )
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, _account_message(error))
        else:
            # A new account and an address that already has one get the same answer: the
            # same redirect, message and session (nobody is logged in here), so this page
            # tells nobody whether an address is registered. The service mails the owner.
            request.session[LOGIN_EMAIL_KEY] = data["email"]
            messages.success(
                request,
                _(
                    "Thank you. Log in with this e-mail and your password. If the address "
                    "already had an account, we have sent its owner an e-mail."
                ),
            )
            return redirect("shop:login")
    return page(request, "shop/register.html", {"form": form}, title=_("Create an account"))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("shop:home")


def account_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("shop:login")
    orders = list(orders_for_account(user=request.user)[:50])
    return page(request, "shop/account.html", {"orders": orders}, title=_("Your orders"))
