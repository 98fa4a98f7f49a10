"""Forms of the buyer's wholesale pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class BusinessForm(forms.Form):
    company_name = forms.CharField(max_length=255, label=_("Company name"))
    vat_number = forms.CharField(max_length=32, required=False, label=_("VAT number"))
    eori_number = forms.CharField(max_length=32, required=False, label=_("EORI number"))
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Address"))
    country = forms.CharField(
        max_length=2, min_length=2, label=_("Country"), help_text=_("Two letters: FR, DZ, TN…")
    )
    contact_name = forms.CharField(max_length=128, label=_("Contact name"))
    contact_email = forms.EmailField(label=_("Contact e-mail"))


class QuoteRequestForm(forms.Form):
    target_date = forms.DateField(widget=DateInput, label=_("Delivered by"))
    destination_country = forms.CharField(
        max_length=2, min_length=2, label=_("Destination country")
    )
    destination_address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Delivery address")
    )
    incoterm = forms.ChoiceField(label=_("Incoterm"), widget=forms.RadioSelect)
    packaging = forms.CharField(max_length=255, required=False, label=_("Packaging"))
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Message to the cluster")
    )
    custom_title = forms.CharField(max_length=255, required=False, label=_("Custom piece"))
    custom_specification = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("What to make")
    )
    custom_quantity = forms.IntegerField(min_value=1, required=False, label=_("Quantity"))
    custom_photo = forms.FileField(required=False, label=_("Reference photo"))

    def __init__(self, *args: object, incoterms: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = {"DAP": _("DAP: duties paid by you on arrival"), "DDP": _("DDP: duties included")}
        field: Any = self.fields["incoterm"]
        field.choices = [(t, labels.get(t, t)) for t in incoterms]
        if not self.is_bound:
            self.initial.setdefault("target_date", timezone.localdate() + timedelta(days=90))
            self.initial.setdefault("incoterm", incoterms[0] if incoterms else "")


class MessageForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Your message"))
