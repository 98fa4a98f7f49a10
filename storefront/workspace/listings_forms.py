"""Forms of the listing editor and the bulk import: they check the shape of what was typed
(numbers, lengths, one of the offered choices); the catalog's write services check the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from marketplace.channels.models import Channel
from marketplace.core.money import currency_precision

HS_CODE = RegexValidator(r"^\d{6}(\d{2}){0,2}$", _("An HS code has 6, 8 or 10 digits."))
SKU = RegexValidator(r"^[A-Za-z0-9._-]+$", _("Letters, digits, dot, dash or underscore."))
MAX_VARIANTS = 20
CHOICE_FIELDS = ("category", "product_type", "artisans", "techniques", "materials", "packaging")
IMPORT_MAX_BYTES = 10 * 1024 * 1024

AVAILABILITY = [
    ("ready_to_ship", _("Ready to ship: I have it in stock")),
    ("made_to_order", _("Made to order: I make it when it is ordered")),
    ("one_of_a_kind", _("One of a kind: there is only this one")),
]


def price_field_name(channel: Channel) -> str:
    return f"price_{channel.slug}"


class ListingForm(forms.Form):
    """The piece itself, its availability, provenance and customs facts."""

    language = forms.ChoiceField(label=_("Language you write in"), choices=settings.LANGUAGES)
    name = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    product_type = forms.TypedChoiceField(label=_("Kind of piece"), coerce=int)
    availability = forms.ChoiceField(
        label=_("Availability"), choices=AVAILABILITY, widget=forms.RadioSelect
    )
    lead_days_min = forms.IntegerField(
        label=_("Made in, at least (days)"), required=False, min_value=0, max_value=365
    )
    lead_days_max = forms.IntegerField(
        label=_("Made in, at most (days)"), required=False, min_value=0, max_value=365
    )
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=3,
    )
    home_price = forms.DecimalField(
        label=_("Your price"),
        required=False,
        min_value=Decimal("0"),
        max_digits=17,
        decimal_places=3,
    )
    hs_code = forms.CharField(
        label=_("HS customs code"), required=False, max_length=10, validators=[HS_CODE]
    )
    artisans = forms.TypedMultipleChoiceField(
        label=_("Made by"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    techniques = forms.MultipleChoiceField(
        label=_("Techniques"), required=False, widget=forms.CheckboxSelectMultiple
    )
    materials = forms.MultipleChoiceField(
        label=_("Materials"), required=False, widget=forms.CheckboxSelectMultiple
    )
    hours_of_work = forms.IntegerField(
        label=_("Hours of work"), required=False, min_value=0, max_value=100000
    )
    year_made = forms.IntegerField(
        label=_("Year made"), required=False, min_value=1800, max_value=2100
    )

    packaging = forms.TypedMultipleChoiceField(
        label=_("Packaging of yours offered with this piece"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        channels: list[Channel],
        home_currency: str,
        choices: dict[str, list[tuple[Any, str]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.channels = channels
        self.home_currency = home_currency
        for name in CHOICE_FIELDS:
            self.fields[name].choices = choices.get(name, [])  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", "—"), *self.fields["category"].choices]  # type: ignore[attr-defined]
        self.fields["product_type"].choices = [("", "—"), *self.fields["product_type"].choices]  # type: ignore[attr-defined]
        for code, name in settings.LANGUAGES:
            self.fields[f"tr_{code}_name"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=False,
                max_length=250,
            )
            self.fields[f"tr_{code}_description"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        home = self.fields["home_price"]
        home.decimal_places = currency_precision(home_currency)  # type: ignore[attr-defined]
        home.label = _("Your price (%(currency)s)") % {"currency": home_currency}
        for channel in channels:
            places = currency_precision(channel.currency_code)
            self.fields[price_field_name(channel)] = forms.DecimalField(
                label=f"{channel.name} ({channel.currency_code})",
                required=False,
                min_value=Decimal("0"),
                max_digits=17,
                decimal_places=places,
                widget=forms.NumberInput(
                    attrs={
                        "step": str(Decimal(1).scaleb(-places)),
                        "inputmode": "decimal",
                        "data-currency": channel.currency_code,
                        "data-places": str(places),
                    }
                ),
            )

    def translation_fields(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(code, language name, title field, description field) for every language."""
        return [
            (code, name, self[f"tr_{code}_name"], self[f"tr_{code}_description"])
            for code, name in settings.LANGUAGES
        ]

    def translations(self) -> dict[str, tuple[str, str]]:
        """Language → (title, description) typed for the languages other than the listing's."""
        base = self.cleaned_data.get("language")
        out = {}
        for code, _name in settings.LANGUAGES:
            title = (self.cleaned_data.get(f"tr_{code}_name") or "").strip()
            text = (self.cleaned_data.get(f"tr_{code}_description") or "").strip()
            if code != base and (title or text):
                out[code] = (title, text)
        return out

    def price_fields(self) -> list[tuple[Channel, forms.BoundField]]:
        return [(c, self[price_field_name(c)]) for c in self.channels]

    def prices(self) -> dict[str, Decimal]:
        """Channel slug → price, only for the channels given a price."""
        out = {}
        for channel in self.channels:
            value = self.cleaned_data.get(price_field_name(channel))
            if value is not None:
                out[channel.slug] = value
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("lead_days_min"), data.get("lead_days_max")
        if data.get("availability") == "made_to_order" and high is None:
            self.add_error("lead_days_max", _("Say how many days you need to make it."))
        if low is not None and high is not None and low > high:
            self.add_error(
                "lead_days_max", _("The longest time cannot be shorter than the shortest.")
            )
        return data


class VariantForm(forms.Form):
    """One variant (a size, a finish): its name, SKU and stock."""

    variant_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Variant"), required=False, max_length=255)
    sku = forms.CharField(
        label=_("Reference (SKU)"),
        required=False,
        max_length=255,
        validators=[SKU],
    )
    stock = forms.IntegerField(label=_("In stock"), required=False, min_value=0, max_value=100000)
    price_delta = forms.DecimalField(
        label=_("Price difference"),
        required=False,
        max_digits=17,
        decimal_places=3,
        help_text=_("Added to the piece's price in every market (may be negative)."),
    )


VariantFormSet = forms.formset_factory(
    VariantForm,
    extra=0,
    min_num=1,
    max_num=MAX_VARIANTS,
    validate_max=True,
    validate_min=True,
    can_delete=True,
    can_delete_extra=False,
)


class PhotoForm(forms.Form):
    photo = forms.ImageField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    alt = forms.CharField(label=_("What the photo shows"), required=False, max_length=250)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: split it in parts."))
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Send a .csv or an .xlsx file."))
        return upload
