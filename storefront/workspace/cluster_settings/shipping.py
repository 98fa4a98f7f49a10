"""The cluster's shipping: zones (countries) and their methods, each priced per market by
weight brackets with a free-shipping threshold. Every member's parcels are offered them at
checkout (``shipping.quotes``). Writes go through ``marketplace.shipping.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries as all_countries

from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import plain_int
from marketplace.core.money import quantize
from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.shipping.services import (
    ChannelRatesInput,
    MethodInput,
    ZoneInput,
    shipping_method_create,
    shipping_method_delete,
    shipping_method_update,
    shipping_zone_create,
    shipping_zone_delete,
    shipping_zone_update,
)
from marketplace.vendors.models import Vendor
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from .errors import error_onto
from .forms import MethodForm, ZoneForm


def _zone_or_404(cluster: Vendor, zone_id: int) -> ShippingZone:
    zone = ShippingZone.objects.filter(pk=zone_id, vendor=cluster).first()
    if zone is None:
        raise Http404
    return zone


def _method_or_404(cluster: Vendor, method_id: int) -> ShippingMethod:
    method = (
        ShippingMethod.objects.filter(pk=method_id, zone__vendor=cluster)
        .select_related("zone")
        .first()
    )
    if method is None:
        raise Http404
    return method


def _done(request: HttpRequest, cluster: Vendor, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("workspace:cluster_settings:shipping", slug=cluster.slug)


@login_required_here
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    zones = list(
        ShippingZone.objects.filter(vendor=cluster).prefetch_related(
            "methods__channel_listings__channel", "methods__channel_listings__rates"
        )
    )
    names = dict(all_countries)
    for zone in zones:
        zone.country_names = [str(names.get(c.code, c.code)) for c in zone.countries]  # type: ignore[attr-defined]
    return page(
        request,
        "workspace/cluster_settings/shipping.html",
        {"cluster": cluster, "zones": zones, "section": "shipping"},
        title=_("Shipping of %(cluster)s") % {"cluster": cluster.name},
    )


def _zone_edit(request: HttpRequest, cluster: Vendor, zone: ShippingZone | None) -> HttpResponse:
    initial = {"name": zone.name, "countries": [c.code for c in zone.countries]} if zone else {}
    form = ZoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = ZoneInput(name=form.cleaned_data["name"], countries=form.cleaned_data["countries"])
        try:
            if zone is None:
                saved = shipping_zone_create(actor=request.user, vendor_id=cluster.pk, data=data)
            else:
                saved = shipping_zone_update(actor=request.user, zone_id=zone.pk, data=data)
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_onto(form, error)
        else:
            return _done(
                request, cluster, _("The zone “%(name)s” is saved.") % {"name": saved.name}
            )
    return page(
        request,
        "workspace/cluster_settings/zone_form.html",
        {"cluster": cluster, "zone": zone, "form": form, "section": "shipping"},
        title=_("New shipping zone") if zone is None else zone.name,
        status=400 if request.method == "POST" else 200,
    )


@login_required_here
def zone_new(request: HttpRequest, slug: str) -> HttpResponse:
    return _zone_edit(request, cluster_or_404(request, slug), None)


@login_required_here
def zone_edit(request: HttpRequest, slug: str, zone_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    return _zone_edit(request, cluster, _zone_or_404(cluster, zone_id))


@login_required_here
@require_POST
def zone_delete(request: HttpRequest, slug: str, zone_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    zone = _zone_or_404(cluster, zone_id)
    try:
        shipping_zone_delete(actor=request.user, zone_id=zone.pk)
    except NotFound:
        raise Http404 from None
    return _done(request, cluster, _("The zone “%(name)s” is deleted.") % {"name": zone.name})


def _method_initial(method: ShippingMethod | None, zone_id: int | None) -> dict[str, Any]:
    if method is None:
        return {"zone": zone_id, "is_active": True}
    initial: dict[str, Any] = {
        "zone": method.zone_id,
        "name": method.name,
        "carrier": method.carrier,
        "service": method.service,
        "min_delivery_days": method.min_delivery_days,
        "max_delivery_days": method.max_delivery_days,
        "is_active": method.is_active,
    }
    for row in method.translations.all():
        initial[f"tr_{row.language_code}_name"] = row.name
    for listing in method.channel_listings.select_related("channel").prefetch_related("rates"):
        slug = listing.channel.slug
        free = listing.free_above
        initial[f"free_{slug}"] = None if free is None else quantize(free, listing.currency)
        for i, rate in enumerate(listing.rates.all()):
            kg = rate.max_weight_kg
            initial[f"kg_{slug}_{i}"] = None if kg is None else f"{kg.normalize():f}"
            initial[f"price_{slug}_{i}"] = quantize(rate.price, listing.currency)
    return initial


def _bracket_rows(method: ShippingMethod | None) -> int:
    """One empty row more than the longest rate table, so a bracket can always be added."""
    if method is None:
        return 0
    counts = [listing.rates.count() for listing in method.channel_listings.all()]
    return max(counts, default=0) + 1


def _method_edit(
    request: HttpRequest, cluster: Vendor, method: ShippingMethod | None, zone_id: int | None
) -> HttpResponse:
    zones = list(ShippingZone.objects.filter(vendor=cluster).values_list("pk", "name"))
    if not zones:
        messages.info(request, _("Add a zone first: the countries the method ships to."))
        return redirect("workspace:cluster_settings:zone-new", slug=cluster.slug)
    form = MethodForm(
        request.POST or None,
        zones=zones,
        channels=list(Channel.objects.order_by("-is_active", "slug")),
        rows=_bracket_rows(method),
        initial=_method_initial(method, zone_id),
    )
    live = bool(method and method.rated_by)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tables = form.rate_tables()
        change = MethodInput(
            name=data["name"],
            carrier=data["carrier"],
            service=data["service"],
            min_delivery_days=data["min_delivery_days"],
            max_delivery_days=data["max_delivery_days"],
            is_active=data["is_active"],
            translations=form.translations(),
            # a method a plugin prices live keeps its listings: it has no rate table here
            listings=None
            if live
            else {
                slug: ChannelRatesInput(rates=rates, free_above=free)
                for slug, (rates, free) in tables.items()
            },
        )
        try:
            if method is None:
                saved = shipping_method_create(
                    actor=request.user, zone_id=data["zone"], data=change
                )
            else:
                saved = shipping_method_update(
                    actor=request.user, method_id=method.pk, data=change, zone_id=data["zone"]
                )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_onto(form, error)
        else:
            if not live and not tables:
                messages.warning(
                    request, _("This method has no price in any market: buyers will not see it.")
                )
            return _done(request, cluster, _("“%(name)s” is saved.") % {"name": saved.name})
    return page(
        request,
        "workspace/cluster_settings/method_form.html",
        {
            "cluster": cluster,
            "method": method,
            "form": form,
            "live": live,
            "section": "shipping",
        },
        title=_("New shipping method") if method is None else method.name,
        status=400 if request.method == "POST" else 200,
    )


@login_required_here
def method_new(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    zone = plain_int(request.GET.get("zone", ""))
    zone_id = _zone_or_404(cluster, zone).pk if zone is not None else None
    return _method_edit(request, cluster, None, zone_id)


@login_required_here
def method_edit(request: HttpRequest, slug: str, method_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    return _method_edit(request, cluster, _method_or_404(cluster, method_id), None)


@login_required_here
@require_POST
def method_delete(request: HttpRequest, slug: str, method_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    method = _method_or_404(cluster, method_id)
    try:
        shipping_method_delete(actor=request.user, method_id=method.pk)
    except NotFound:
        raise Http404 from None
    return _done(request, cluster, _("“%(name)s” is deleted.") % {"name": method.name})
