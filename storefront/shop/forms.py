"""Forms of the shop: they check the shape of input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

SORTS = {
    "": ("NAME", False),
    "price": ("PRICE", False),
    "-price": ("PRICE", True),
    "new": ("PUBLISHED_AT", True),
}


class CatalogFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    category = forms.SlugField(required=False, label=_("Category"))
    cluster = forms.SlugField(required=False, label=_("Cluster"))
    material = forms.SlugField(required=False, label=_("Material"))
    technique = forms.SlugField(required=False, label=_("Technique"))
    region = forms.CharField(required=False, max_length=128, label=_("Region"))
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=12, label=_("From"))
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=12, label=_("To"))
    availability = forms.ChoiceField(
        required=False,
        label=_("Availability"),
        choices=[
            ("", _("All pieces")),
            ("ready", _("Ready to ship")),
            ("made", _("Made to order")),
        ],
    )
    unique = forms.BooleanField(required=False, label=_("One-of-a-kind only"))
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("", _("Name")),
            ("price", _("Price: low to high")),
            ("-price", _("Price: high to low")),
            ("new", _("Newest")),
        ],
    )


class AddToBasketForm(forms.Form):
    variant = forms.IntegerField(min_value=1, label=_("Variant"))
    quantity = forms.IntegerField(min_value=1, max_value=50, initial=1, label=_("Quantity"))
    packaging = forms.IntegerField(required=False, min_value=1, label=_("Packaging"))
    gift_message = forms.CharField(
        required=False,
        max_length=500,
        label=_("Gift message"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PromoForm(forms.Form):
    code = forms.CharField(max_length=32, label=_("Promo code"))


class DetailsForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(max_length=256, label=_("First name"))
    last_name = forms.CharField(max_length=256, label=_("Last name"))
    street_address_1 = forms.CharField(max_length=256, label=_("Street address"))
    street_address_2 = forms.CharField(
        max_length=256, required=False, label=_("Apartment, floor (optional)")
    )
    postal_code = forms.CharField(max_length=20, required=False, label=_("Postal code"))
    city = forms.CharField(max_length=256, label=_("City"))
    country_area = forms.CharField(max_length=128, required=False, label=_("State or province"))
    country = forms.ChoiceField(label=_("Country"))
    phone = forms.CharField(max_length=32, required=False, label=_("Phone (for the courier)"))

    def __init__(self, *args: object, countries: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = countries


class PaymentForm(forms.Form):
    card = forms.CharField(
        max_length=30,
        label=_("Card number"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "cc-number"}),
    )
