"""Account security pages: two-factor authentication (TOTP app and recovery codes) and the
signed-in sessions, listed and ended. /<lang>/account/security/…"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.core.errors import DomainError
from marketplace.provenance.qr import qr_svg
from marketplace.security.sessions import session_revoke, sessions_for, sessions_revoke_others
from marketplace.security.two_factor import (
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_disable,
    second_factor_enabled,
    second_factor_required,
    second_factor_verify,
    session_passed_second_factor,
    totp_setup_confirm,
    totp_setup_pending,
    totp_setup_start,
)

from .common import page

CODES_KEY = "_security_new_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _to_overview(request: HttpRequest) -> HttpResponse:
    target = _next(request)
    response = redirect("shop:security")
    if target:
        response["Location"] += "?" + urlencode({"next": target})
    return response


def _apply(form: CodeForm, action: object) -> bool:
    try:
        action()  # type: ignore[operator]
    except DomainError as error:
        form.add_error("code", error.message)
        return False
    return True


@login_required(login_url="shop:login")
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "enabled": second_factor_enabled(user),
        "required": second_factor_required(user),
        "verified": session_passed_second_factor(request),
        "codes_left": recovery_codes_left(user=user),
        "new_codes": request.session.pop(CODES_KEY, None),
        "sessions": sessions_for(user=user),
        "current_key": request.session.session_key,
        "next": _next(request) or "",
        "disable_form": CodeForm(),
    }
    return page(request, "shop/security/overview.html", context, title=_("Security"))


@login_required(login_url="shop:login")
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes: list[str] = []

        def confirm() -> None:
            codes.extend(
                totp_setup_confirm(user=user, request=request, code=form.cleaned_data["code"])
            )

        if _apply(form, confirm):
            request.session[CODES_KEY] = codes  # shown once, on the next page
            messages.success(request, _("Two-factor authentication is on."))
            return _to_overview(request)
    setup = totp_setup_pending(user=user) if request.method == "POST" else None
    setup = setup or totp_setup_start(user=user)
    context = {
        "form": form,
        "secret": setup.secret,
        "qr": mark_safe(qr_svg(setup.config_url)),
        "next": _next(request) or "",
    }
    return page(
        request, "shop/security/totp.html", context, title=_("Turn on two-factor authentication")
    )


@login_required(login_url="shop:login")
def verify(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if _apply(form, lambda: second_factor_verify(request=request, code=code)):
            return redirect(_next(request) or "shop:account")
    context = {"form": form, "next": _next(request) or ""}
    return page(request, "shop/security/verify.html", context, title=_("Two-factor code"))


@require_POST
@login_required(login_url="shop:login")
def recovery_renew(request: HttpRequest) -> HttpResponse:
    if second_factor_enabled(request.user) and session_passed_second_factor(request):
        request.session[CODES_KEY] = recovery_codes_renew(user=request.user)
    return redirect("shop:security")


@require_POST
@login_required(login_url="shop:login")
def disable(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if _apply(form, lambda: second_factor_disable(user=request.user, code=code)):
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("shop:security")
    for error in form.errors.get("code", []):
        messages.error(request, str(error))
    return redirect("shop:security")


@require_POST
@login_required(login_url="shop:login")
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        session_revoke(user=request.user, session_id=session_id)
    except DomainError:
        from django.http import Http404

        raise Http404 from None
    messages.success(request, _("The session was ended."))
    return redirect("shop:security")


@require_POST
@login_required(login_url="shop:login")
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    ended = sessions_revoke_others(user=request.user, keep_key=request.session.session_key)
    messages.success(request, _("%(n)s other sessions were ended.") % {"n": ended})
    return redirect("shop:security")
