"""The cluster's packaging options: listed, created, edited and retired through the same
services as the API's packagingOption mutations. An option of another vendor is missing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalog.models import Product, ProductType
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import quantize
from marketplace.packaging.models import PackagingOption
from marketplace.packaging.services import (
    PackagingInput,
    packaging_option_create,
    packaging_option_retire,
    packaging_option_update,
)
from marketplace.vendors.models import Vendor
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from .errors import error_onto
from .forms import KIND_LABELS, PackagingForm

MAX_PRODUCT_CHOICES = 300  # members' pieces offered by name; kinds of piece cover the rest


def _option_or_404(cluster: Vendor, option_id: int) -> PackagingOption:
    option = PackagingOption.objects.filter(pk=option_id, vendor=cluster).first()
    if option is None:
        raise Http404
    return option


def _channels() -> list[Channel]:
    return list(Channel.objects.order_by("-is_active", "slug"))


@login_required_here
def packaging_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    options = list(
        PackagingOption.objects.filter(vendor=cluster)
        .prefetch_related("channel_listings__channel", "product_types", "products")
        .order_by("-is_active", "sort_order", "pk")
    )
    for option in options:
        option.kind_label = KIND_LABELS.get(option.kind, option.kind)  # type: ignore[attr-defined]
    return page(
        request,
        "workspace/cluster_settings/packaging_list.html",
        {
            "cluster": cluster,
            "active": [o for o in options if o.is_active],
            "retired": [o for o in options if not o.is_active],
            "section": "packaging",
        },
        title=_("Packaging of %(cluster)s") % {"cluster": cluster.name},
    )


def _initial(option: PackagingOption | None) -> dict[str, Any]:
    if option is None:
        return {"kind": "cluster_branded", "added_weight_kg": Decimal("0"), "extra_lead_days": 0}
    initial: dict[str, Any] = {
        name: getattr(option, name)
        for name in (
            "name",
            "kind",
            "description",
            "material",
            "recyclable",
            "length_cm",
            "width_cm",
            "height_cm",
            "added_weight_kg",
            "extra_lead_days",
        )
    }
    initial["product_types"] = [t.pk for t in option.product_types.all()]
    initial["products"] = [p.pk for p in option.products.all()]
    for listing in option.channel_listings.select_related("channel"):
        initial[f"price_{listing.channel.slug}"] = quantize(listing.price_amount, listing.currency)
    for row in option.translations.all():
        initial[f"tr_{row.language_code}_name"] = row.name
        initial[f"tr_{row.language_code}_description"] = row.description
    return initial


def _edit(request: HttpRequest, cluster: Vendor, option: PackagingOption | None) -> HttpResponse:
    products = (
        Product.objects.filter(vendor__cluster=cluster)
        .select_related("vendor")
        .order_by("vendor__name", "name")[:MAX_PRODUCT_CHOICES]
    )
    form = PackagingForm(
        request.POST or None,
        channels=_channels(),
        product_types=list(ProductType.objects.order_by("name").values_list("pk", "name")),
        products=[(p.pk, f"{p.name} · {p.vendor.name}") for p in products],
        initial=_initial(option),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = PackagingInput(
            name=data["name"],
            kind=data["kind"],
            length_cm=data["length_cm"],
            width_cm=data["width_cm"],
            height_cm=data["height_cm"],
            added_weight_kg=data["added_weight_kg"],
            description=data["description"],
            material=data["material"],
            recyclable=data["recyclable"],
            extra_lead_days=data["extra_lead_days"],
            is_active=option.is_active if option else True,
            prices=form.prices(),
            product_type_ids=data["product_types"],
            product_ids=data["products"],
            translations=form.translations(),
        )
        try:
            if option is None:
                saved = packaging_option_create(
                    actor=request.user, vendor_id=cluster.pk, data=change
                )
            else:
                saved = packaging_option_update(
                    actor=request.user, option_id=option.pk, data=change
                )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_onto(form, error)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
            return redirect("workspace:cluster_settings:packaging", slug=cluster.slug)
    return page(
        request,
        "workspace/cluster_settings/packaging_form.html",
        {"cluster": cluster, "option": option, "form": form, "section": "packaging"},
        title=_("New packaging") if option is None else option.name,
        status=400 if request.method == "POST" else 200,
    )


@login_required_here
def packaging_new(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, cluster_or_404(request, slug), None)


@login_required_here
def packaging_edit(request: HttpRequest, slug: str, option_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    return _edit(request, cluster, _option_or_404(cluster, option_id))


@login_required_here
@require_POST
def packaging_retire(request: HttpRequest, slug: str, option_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    option = _option_or_404(cluster, option_id)
    retired = request.POST.get("retired") != "0"
    try:
        packaging_option_retire(actor=request.user, option_id=option.pk, retired=retired)
    except NotFound:
        raise Http404 from None
    messages.success(
        request,
        (_("“%(name)s” is no longer offered.") if retired else _("“%(name)s” is offered again."))
        % {"name": option.name},
    )
    return redirect("workspace:cluster_settings:packaging", slug=cluster.slug)
