"""The storefront editor: story, logo, banner, colours, contacts, a custom domain and the
making-of photos (``making_of.py``), beside a preview that follows the form as the artisan
types (workspace/vendors.js)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.vendors.models import Vendor
from marketplace.vendors.selectors import making_of_photos
from marketplace.vendors.services import ProfileChange, vendor_profile_update
from marketplace.vendors.validation import story_text
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here, workshop_or_404
from .forms import ProfileForm, add_domain_error
from .making_of import AddPhotosForm, DescribePhotoForm
from .messages import vendor_message


def _profile_form(request: HttpRequest, vendor: Vendor, *, bound: bool) -> ProfileForm:
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
    if bound:
        return ProfileForm(request.POST, request.FILES or None, initial=initial)
    return ProfileForm(initial=initial)


def editor_page(
    request: HttpRequest,
    vendor: Vendor,
    *,
    form: ProfileForm | None = None,
    photos_form: AddPhotosForm | None = None,
    describe_forms: dict[int, DescribePhotoForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The editor with whichever of its forms came back with errors bound (the others
    fresh), so nothing the artisan typed is lost."""
    photos = making_of_photos(vendor_id=vendor.pk, language_code=translation.get_language())
    bound = describe_forms or {}
    for photo in photos:
        photo.form = bound.get(photo.pk) or DescribePhotoForm(photo=photo)  # type: ignore[attr-defined]
    return page(
        request,
        "workspace/vendors/storefront.html",
        {
            "vendor": vendor,
            "cluster": vendor if vendor.is_cluster else None,
            "form": form or _profile_form(request, vendor, bound=False),
            "photos_form": photos_form or AddPhotosForm(),
            "photos": photos,
            "kind": "cluster" if vendor.is_cluster else "workshop",
            "paragraphs": story_text(vendor.story).split("\n\n"),
            "section": "storefront",
        },
        title=_("Your storefront"),
        status=status,
    )


def _edit(request: HttpRequest, vendor: Vendor) -> HttpResponse:
    if request.method != "POST":
        return editor_page(request, vendor)
    form = _profile_form(request, vendor, bound=True)
    if form.is_valid():
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
    return editor_page(request, vendor, form=form, status=400)


@login_required_here
def workshop_storefront(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, workshop_or_404(request, slug))


@login_required_here
def cluster_storefront(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, cluster_or_404(request, slug))
