"""The storefront editor's making-of photos: add several from the phone's camera, caption
them per language, move them, delete them. Each write is a POST through
``marketplace.vendors.making_of``; a photo or vendor that is not the user's answers 404."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import plain_int
from marketplace.vendors import making_of
from marketplace.vendors.models import MakingOfPhoto, Vendor

from ..access import cluster_or_404, login_required_here, workshop_or_404
from .forms import MultipleFileInput


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: object, initial: object = None) -> list[object]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            raise forms.ValidationError(_("Choose at least one photo."))
        if len(files) > making_of.MAX_PHOTOS:
            raise forms.ValidationError(
                _("A storefront shows at most %(n)s making-of photos.")
                % {"n": making_of.MAX_PHOTOS}
            )
        return list(files)


class AddPhotosForm(forms.Form):
    images = PhotosField(label=gettext_lazy("Photos of your work"))
    caption = forms.CharField(
        label=gettext_lazy("Caption"), max_length=making_of.MAX_CAPTION_CHARS, required=False
    )
    alt = forms.CharField(
        label=gettext_lazy("What the photo shows, for people who cannot see it"),
        max_length=making_of.MAX_ALT_CHARS,
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # image/* lets phones offer the camera as well as the gallery; the server checks
        # what each file really is.
        self.fields["images"].widget.attrs.update(accept="image/*", id="id_making_images")
        self.fields["caption"].widget.attrs.update(id="id_making_caption")
        self.fields["alt"].widget.attrs.update(id="id_making_alt")


class DescribePhotoForm(forms.Form):
    alt = forms.CharField(
        label=gettext_lazy("Description for screen readers"),
        max_length=making_of.MAX_ALT_CHARS,
        required=False,
    )

    def __init__(self, *args: object, photo: MakingOfPhoto, **kwargs: object) -> None:
        kwargs.setdefault("prefix", f"photo-{photo.pk}")
        initial = {f"caption_{code}": text for code, text in (photo.captions or {}).items()}
        kwargs.setdefault("initial", {**initial, "alt": photo.alt})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.photo = photo
        for code, name in settings.LANGUAGES:
            self.fields[f"caption_{code}"] = forms.CharField(
                label=_("Caption (%(language)s)") % {"language": name},
                max_length=making_of.MAX_CAPTION_CHARS,
                required=False,
            )
            self.fields[f"caption_{code}"].widget.attrs.update(
                lang=code, dir="rtl" if code == "ar" else "ltr", **{"data-caption": code}
            )
        self.order_fields([*(f"caption_{code}" for code, _name in settings.LANGUAGES), "alt"])

    def captions(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"caption_{code}"] for code, _name in settings.LANGUAGES}


def photo_message(error: DomainError) -> str:
    """The service's refusal in the page's language, naming the file at fault."""
    if isinstance(error, making_of.PhotoRefused):
        name = error.file_name
        if "larger than" in error.reason:
            return _("%(name)s is larger than 10 MB: send a smaller photo.") % {"name": name}
        if "megapixels" in error.reason:
            return _("%(name)s has more than 40 megapixels: send a smaller photo.") % {"name": name}
        return _(
            "%(name)s is not a photo we can use: send a JPEG, PNG or WebP image "
            "(a PDF or another document renamed .jpg is refused)."
        ) % {"name": name}
    if error.code == "TOO_MANY":
        return _("A storefront shows at most %(n)s making-of photos.") % {"n": making_of.MAX_PHOTOS}
    if error.code == "MAX_LENGTH":
        return _("This text is too long.")
    if error.code == "REQUIRED":
        return _("Choose at least one photo.")
    return _("This photo no longer exists; reload the page.")


def vendor_or_404(request: HttpRequest, kind: str, slug: str) -> Vendor:
    return cluster_or_404(request, slug) if kind == "cluster" else workshop_or_404(request, slug)


def editor_url(vendor: Vendor) -> str:
    name = "cluster-storefront" if vendor.is_cluster else "workshop-storefront"
    return reverse(f"workspace:vendors:{name}", args=[vendor.slug]) + "#making-of"


def _photo_or_404(vendor: Vendor, photo_id: int) -> MakingOfPhoto:
    photo = MakingOfPhoto.objects.filter(pk=photo_id, vendor=vendor).first()
    if photo is None:
        raise Http404
    return photo


@login_required_here
@require_POST
def photos_add(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    from .profile import editor_page

    vendor = vendor_or_404(request, kind, slug)
    form = AddPhotosForm(request.POST, request.FILES)
    if form.is_valid():
        language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        caption = form.cleaned_data["caption"]
        try:
            added = making_of.making_photos_add(
                actor=request.user,
                vendor_id=vendor.pk,
                images=form.cleaned_data["images"],
                captions={language: caption} if caption else {},
                alt=form.cleaned_data["alt"],
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error("images", photo_message(error))
        else:
            # The page's script sends the chosen photos one request each (a request carries
            # 11 MB at most); the last one says how many were sent, for a single message.
            sent = request.POST.get("announce", "")
            announced = plain_int(sent, max_digits=3)
            count = len(added) if announced is None else min(announced, making_of.MAX_PHOTOS)
            if request.headers.get("X-Requested-With") != "XMLHttpRequest" or sent:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s photo added to your storefront.",
                        "%(n)s photos added to your storefront.",
                        count,
                    )
                    % {"n": count},
                )
            if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                return JsonResponse({"redirect": editor_url(vendor), "added": len(added)})
            return redirect(editor_url(vendor))
    return editor_page(request, vendor, photos_form=form, status=400)


@login_required_here
@require_POST
def photo_describe(request: HttpRequest, kind: str, slug: str, photo_id: str) -> HttpResponse:
    from .profile import editor_page

    vendor = vendor_or_404(request, kind, slug)
    photo = _photo_or_404(vendor, int(photo_id))
    form = DescribePhotoForm(request.POST, photo=photo)
    if form.is_valid():
        try:
            making_of.making_photo_describe(
                actor=request.user,
                vendor_id=vendor.pk,
                photo_id=photo.pk,
                captions=form.captions(),
                alt=form.cleaned_data["alt"],
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error(None, photo_message(error))
        else:
            messages.success(request, _("The caption is saved."))
            return redirect(editor_url(vendor))
    return editor_page(request, vendor, describe_forms={photo.pk: form}, status=400)


@login_required_here
@require_POST
def photo_move(request: HttpRequest, kind: str, slug: str, photo_id: str) -> HttpResponse:
    vendor = vendor_or_404(request, kind, slug)
    photo = _photo_or_404(vendor, int(photo_id))
    offset = -1 if request.POST.get("direction") == "earlier" else 1
    try:
        making_of.making_photo_move(
            actor=request.user, vendor_id=vendor.pk, photo_id=photo.pk, offset=offset
        )
    except DomainError:
        raise Http404 from None
    return redirect(editor_url(vendor))


@login_required_here
@require_POST
def photo_delete(request: HttpRequest, kind: str, slug: str, photo_id: str) -> HttpResponse:
    vendor = vendor_or_404(request, kind, slug)
    photo = _photo_or_404(vendor, int(photo_id))
    try:
        making_of.making_photo_delete(actor=request.user, vendor_id=vendor.pk, photo_id=photo.pk)
    except DomainError:
        raise Http404 from None
    messages.success(request, _("The photo is deleted."))
    return redirect(editor_url(vendor))
