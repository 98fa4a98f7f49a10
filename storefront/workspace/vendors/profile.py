"""The storefront editor: story, logo, banner, colours, contacts and a custom domain, beside
a preview that follows the form as the artisan types (workspace/vendors.js)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.vendors.models import Vendor
from marketplace.vendors.services import ProfileChange, vendor_profile_update
from marketplace.vendors.validation import story_text
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here, workshop_or_404
from .forms import ProfileForm, add_domain_error
from .messages import vendor_message


def _edit(request: HttpRequest, vendor: Vendor) -> HttpResponse:
    initial = {
        "tagline": vendor.tagline,
        "craft": vendor.craft,
        "story": story_text(vendor.story),
        "primary_color": vendor.primary_color,
        "secondary_color": vendor.secondary_color,
        "contact_phone": vendor.contact_phone,
        "website": vendor.website,
        "custom_domain": vendor.custom_domain,
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vendor_profile_update(
                actor=request.user,
                vendor_id=vendor.pk,
                change=ProfileChange(
                    tagline=data["tagline"],
                    craft=data["craft"],
                    story=data["story"],
                    primary_color=data["primary_color"],
                    secondary_color=data["secondary_color"],
                    contact_phone=data["contact_phone"],
                    website=data["website"],
                    custom_domain=data["custom_domain"],
                    logo=data["logo"],
                    banner=data["banner"],
                ),
            )
        except DomainError as error:
            add_domain_error(form, error, vendor_message(error))
        else:
            messages.success(request, _("Your storefront is saved."))
            return redirect(request.path)
    return page(
        request,
        "workspace/vendors/storefront.html",
        {
            "vendor": vendor,
            "cluster": vendor if vendor.is_cluster else None,
            "form": form,
            "paragraphs": story_text(vendor.story).split("\n\n"),
            "section": "storefront",
        },
        title=_("Your storefront"),
        status=400 if request.method == "POST" else 200,
    )


@login_required_here
def workshop_storefront(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, workshop_or_404(request, slug))


@login_required_here
def cluster_storefront(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, cluster_or_404(request, slug))
