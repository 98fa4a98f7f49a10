"""The workspace's vendor forms: they check shapes in the user's language; the services
check the rules (and the files) and their errors come back onto the same fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from marketplace.core.errors import DomainError

MAX_DOCUMENTS = 5
ACCEPT_DOCUMENTS = "application/pdf,image/jpeg,image/png"
ACCEPT_IMAGES = "image/jpeg,image/png,image/webp"
# Where the marketplace's artisans work first; every country stays available below them.
FIRST_COUNTRIES = ("DZ", "TN", "MA")


def country_choices() -> list[tuple[str, str]]:
    names = dict(countries)
    first = [(code, str(names[code])) for code in FIRST_COUNTRIES]
    rest = [(code, str(name)) for code, name in countries if code not in FIRST_COUNTRIES]
    return [("", "—"), *first, *rest]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            raise forms.ValidationError(_("Add a photo or a scan of your artisan card."))
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(_("Send at most %(n)s documents.") % {"n": MAX_DOCUMENTS})
        return [super(DocumentsField, self).clean(f, initial) for f in files]


class ApplyForm(forms.Form):
    name = forms.CharField(label=_("Workshop name"), max_length=120)
    craft = forms.CharField(label=_("Craft"), max_length=128, required=False)
    town = forms.CharField(label=_("Town"), max_length=128)
    region = forms.CharField(label=_("Wilaya or governorate"), max_length=128)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    cluster = forms.TypedChoiceField(
        label=_("Cluster"), coerce=int, required=False, empty_value=None
    )
    artisan_card_number = forms.CharField(label=_("Artisan card number"), max_length=32)
    contact_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    story = forms.CharField(
        label=_("Your story"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    documents = DocumentsField(label=_("Artisan card and documents"))
    invitation = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, clusters: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cluster"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Independent workshop"))] + [
            (c.pk, f"{c.name} · {c.town}") for c in clusters
        ]
        self.fields["documents"].widget.attrs.update(accept=ACCEPT_DOCUMENTS, capture="environment")
        self.fields["contact_phone"].widget.attrs.update(
            inputmode="tel", autocomplete="tel", dir="ltr"
        )
        self.fields["artisan_card_number"].widget.attrs.update(dir="ltr", autocomplete="off")


class ProfileForm(forms.Form):
    tagline = forms.CharField(label=_("Tagline"), max_length=255, required=False)
    craft = forms.CharField(label=_("Craft"), max_length=128, required=False)
    story = forms.CharField(
        label=_("Your story"), widget=forms.Textarea(attrs={"rows": 7}), required=False
    )
    primary_color = forms.CharField(
        label=_("Main colour"), widget=forms.TextInput(attrs={"type": "color"}), max_length=7
    )
    secondary_color = forms.CharField(
        label=_("Background colour"), widget=forms.TextInput(attrs={"type": "color"}), max_length=7
    )
    logo = forms.ImageField(label=_("Logo"), required=False)
    banner = forms.ImageField(label=_("Banner"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    custom_domain = forms.CharField(label=_("Your own domain"), max_length=253, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("logo", "banner"):
            self.fields[name].widget.attrs.update(accept=ACCEPT_IMAGES)
        for name in ("website", "custom_domain", "contact_phone"):
            self.fields[name].widget.attrs.update(dir="ltr")
        self.fields["custom_domain"].widget.attrs.update(placeholder="atelier-souika.com")


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the workshop"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


def add_domain_error(form: forms.Form, error: DomainError, message: str) -> None:
    """Put a service's error on its field when the form has it, else on the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, message)
