"""The cluster's fee rate: what it keeps of each member's sale, shown with what a member
keeps of a 100.00 sale, with who may change it and every change so far."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError, NotFound
from marketplace.payouts.fees import (
    CLUSTER_FEE_RATE_MAX,
    CLUSTER_FEE_RATE_MIN,
    EXAMPLE_CURRENCY,
    EXAMPLE_SALE,
    cluster_fee,
    cluster_fee_rate_set,
    fee_rate_history,
)
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from .errors import error_onto
from .forms import FeeForm


def _percent(rate: Decimal) -> str:
    return f"{rate * 100:.2f}"


@login_required_here
def fee(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    current = cluster_fee(cluster=cluster)
    form = FeeForm(request.POST or None, initial={"rate_percent": _percent(current.rate)})
    if request.method == "POST" and form.is_valid():
        try:
            change = cluster_fee_rate_set(
                actor=request.user,
                cluster_id=cluster.pk,
                rate=form.cleaned_data["rate_percent"] / 100,
                note=form.cleaned_data["note"],
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_onto(form, error)
        else:
            if change is None:
                messages.info(request, _("The fee was already at this rate; nothing changed."))
            else:
                messages.success(
                    request,
                    _("The fee is now %(rate)s %%; it applies to orders placed from now on.")
                    % {"rate": _percent(change.new_rate)},
                )
            return redirect("workspace:cluster_settings:fee", slug=cluster.slug)
    history = fee_rate_history(cluster=cluster)
    for row in history:
        row.new_percent = _percent(row.new_rate)  # type: ignore[attr-defined]
        row.previous_percent = (  # type: ignore[attr-defined]
            None if row.previous_rate is None else _percent(row.previous_rate)
        )
    return page(
        request,
        "workspace/cluster_settings/fee.html",
        {
            "cluster": cluster,
            "current": current,
            "rate_percent": _percent(current.rate),
            "commission_percent": _percent(current.commission_rate),
            "min_percent": f"{CLUSTER_FEE_RATE_MIN * 100:.0f}",
            "max_percent": f"{CLUSTER_FEE_RATE_MAX * 100:.0f}",
            "example_sale": EXAMPLE_SALE,
            "example_currency": EXAMPLE_CURRENCY,
            "form": form,
            "history": history,
            "section": "fee",
        },
        title=_("Fee of %(cluster)s") % {"cluster": cluster.name},
        status=400 if request.method == "POST" else 200,
    )
