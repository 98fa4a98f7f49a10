"""Forms of the cluster's settings: they check the shape of what was typed in the user's
language (numbers, decimals of each currency, one of the offered choices); the packaging,
shipping and payout services check the rules again and own them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.channels.models import Channel
from marketplace.core.money import currency_precision
from marketplace.packaging.models import PackagingKind
from marketplace.payouts.fees import CLUSTER_FEE_RATE_MAX, CLUSTER_FEE_RATE_MIN
from marketplace.shipping.services import MAX_BRACKETS, MAX_DELIVERY_DAYS, RateInput

from ..vendors.forms import country_choices

KIND_LABELS = {
    PackagingKind.STANDARD: _("Standard"),
    PackagingKind.GIFT: _("Gift"),
    PackagingKind.ECO: _("Eco"),
    PackagingKind.EXPORT_PROTECTIVE: _("Protective, for export"),
    PackagingKind.CLUSTER_BRANDED: _("In the cluster's colours"),
}
BRACKET_ROWS = 4  # empty rows offered for weight brackets (more appear once these are used)


def money_field(channel: Channel, *, label: Any) -> forms.DecimalField:
    """A price in the channel's currency, with exactly as many decimals as it counts."""
    places = currency_precision(channel.currency_code)
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=12 + places,
        decimal_places=places,
        error_messages={
            "max_decimal_places": _("%(currency)s has %(places)s decimals at most.")
            % {"currency": channel.currency_code, "places": places}
        },
        widget=forms.NumberInput(
            attrs={
                "step": str(Decimal(1).scaleb(-places)),
                "inputmode": "decimal",
                "dir": "ltr",
                "data-currency": channel.currency_code,
            }
        ),
    )


def _size(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.1"),
        max_value=Decimal("999999.9"),
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal", "dir": "ltr"}),
    )


class PackagingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=128)
    kind = forms.ChoiceField(label=_("Kind"), choices=list(KIND_LABELS.items()))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    material = forms.CharField(label=_("Material"), max_length=128, required=False)
    recyclable = forms.BooleanField(label=_("Recyclable"), required=False)
    length_cm = _size(_("Length (cm)"))
    width_cm = _size(_("Width (cm)"))
    height_cm = _size(_("Height (cm)"))
    added_weight_kg = forms.DecimalField(
        label=_("Weight of the packaging (kg)"),
        min_value=Decimal(0),
        max_value=Decimal("9999.999"),
        decimal_places=3,
        initial=Decimal("0"),
        widget=forms.NumberInput(attrs={"step": "0.001", "inputmode": "decimal", "dir": "ltr"}),
    )
    extra_lead_days = forms.IntegerField(
        label=_("Extra days to prepare"), min_value=0, max_value=60, initial=0
    )
    product_types = forms.TypedMultipleChoiceField(
        label=_("Only for these kinds of piece"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    products = forms.TypedMultipleChoiceField(
        label=_("Only for these pieces"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        channels: list[Channel],
        product_types: list[tuple[int, str]],
        products: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.channels = channels
        self.fields["product_types"].choices = product_types  # type: ignore[attr-defined]
        self.fields["products"].choices = products  # type: ignore[attr-defined]
        for channel in channels:
            self.fields[f"price_{channel.slug}"] = money_field(
                channel, label=f"{channel.name} ({channel.currency_code})"
            )
        for code, language in settings.LANGUAGES:
            self.fields[f"tr_{code}_name"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                required=False,
                max_length=128,
            )
            self.fields[f"tr_{code}_description"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": language},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def price_fields(self) -> list[forms.BoundField]:
        return [self[f"price_{c.slug}"] for c in self.channels]

    def translation_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"tr_{code}_name"], self[f"tr_{code}_description"])
            for code, _language in settings.LANGUAGES
        ]

    def prices(self) -> dict[str, Decimal]:
        """Channel slug → price, for the channels given one (the others do not offer it)."""
        out = {}
        for channel in self.channels:
            value = self.cleaned_data.get(f"price_{channel.slug}")
            if value is not None:
                out[channel.slug] = value
        return out

    def translations(self) -> dict[str, tuple[str, str]]:
        out = {}
        for code, _language in settings.LANGUAGES:
            name = (self.cleaned_data.get(f"tr_{code}_name") or "").strip()
            text = (self.cleaned_data.get(f"tr_{code}_description") or "").strip()
            if name:
                out[code] = (name, text)
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code, _language in settings.LANGUAGES:
            if data.get(f"tr_{code}_description") and not data.get(f"tr_{code}_name"):
                self.add_error(f"tr_{code}_name", _("Give the name in this language too."))
        if self.channels and not self.errors and not self.prices():
            self.add_error(None, _("Give a price in at least one market."))
        return data


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("Name of the zone"), max_length=128)
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one country.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = [c for c in country_choices() if c[0]]  # type: ignore[attr-defined]


class MethodForm(forms.Form):
    zone = forms.TypedChoiceField(label=_("Zone"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=128)
    carrier = forms.CharField(label=_("Carrier"), max_length=64, required=False)
    service = forms.CharField(label=_("Service"), max_length=64, required=False)
    min_delivery_days = forms.IntegerField(
        label=_("Delivered in, at least (days)"),
        required=False,
        min_value=0,
        max_value=MAX_DELIVERY_DAYS,
    )
    max_delivery_days = forms.IntegerField(
        label=_("Delivered in, at most (days)"),
        required=False,
        min_value=0,
        max_value=MAX_DELIVERY_DAYS,
    )
    is_active = forms.BooleanField(label=_("Offered to buyers"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        zones: list[tuple[int, str]],
        channels: list[Channel],
        rows: int = BRACKET_ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].choices = zones  # type: ignore[attr-defined]
        self.channels = channels
        self.rows = min(max(rows, BRACKET_ROWS), MAX_BRACKETS)
        for code, language in settings.LANGUAGES:
            self.fields[f"tr_{code}_name"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                required=False,
                max_length=128,
            )
        for channel in channels:
            slug = channel.slug
            self.fields[f"free_{slug}"] = money_field(channel, label=_("Free from (goods total)"))
            for i in range(self.rows):
                self.fields[f"kg_{slug}_{i}"] = forms.DecimalField(
                    label=_("Up to (kg)"),
                    required=False,
                    min_value=Decimal("0.001"),
                    max_value=Decimal("99999.999"),
                    decimal_places=3,
                    widget=forms.NumberInput(
                        attrs={"step": "0.001", "inputmode": "decimal", "dir": "ltr"}
                    ),
                )
                self.fields[f"price_{slug}_{i}"] = money_field(
                    channel, label=_("Price (%(currency)s)") % {"currency": channel.currency_code}
                )

    def channel_blocks(self) -> list[dict[str, Any]]:
        return [
            {
                "channel": c,
                "free": self[f"free_{c.slug}"],
                "rows": [
                    (self[f"kg_{c.slug}_{i}"], self[f"price_{c.slug}_{i}"])
                    for i in range(self.rows)
                ],
            }
            for c in self.channels
        ]

    def translation_fields(self) -> list[forms.BoundField]:
        return [self[f"tr_{code}_name"] for code, _language in settings.LANGUAGES]

    def translations(self) -> dict[str, str]:
        """Language → the name buyers reading it see (empty ones fall back to the name)."""
        out = {}
        for code, _language in settings.LANGUAGES:
            name = (self.cleaned_data.get(f"tr_{code}_name") or "").strip()
            if name:
                out[code] = name
        return out

    def rate_tables(self) -> dict[str, tuple[list[RateInput], Decimal | None]]:
        """Channel slug → (brackets, free-from), for the channels given at least one price."""
        out = {}
        for channel in self.channels:
            slug = channel.slug
            rates = []
            for i in range(self.rows):
                kg = self.cleaned_data.get(f"kg_{slug}_{i}")
                price = self.cleaned_data.get(f"price_{slug}_{i}")
                if price is not None:
                    rates.append(RateInput(max_weight_kg=kg, price=price))
            free = self.cleaned_data.get(f"free_{slug}")
            if rates:
                out[slug] = (rates, free)
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_delivery_days"), data.get("max_delivery_days")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_delivery_days", _("The longest time cannot be shorter than the shortest.")
            )
        for channel in self.channels:
            slug = channel.slug
            limits: list[Decimal | None] = []
            for i in range(self.rows):
                kg_name, price_name = f"kg_{slug}_{i}", f"price_{slug}_{i}"
                if kg_name in self.errors or price_name in self.errors:
                    continue
                kg, price = data.get(kg_name), data.get(price_name)
                if kg is not None and price is None:
                    self.add_error(price_name, _("Give the price up to this weight."))
                elif price is not None:
                    if kg in limits:
                        self.add_error(
                            kg_name,
                            _("Only one price per weight; leave the weight empty only once.")
                            if kg is None
                            else _("This weight is already used above."),
                        )
                    limits.append(kg)
            free_name = f"free_{slug}"
            if data.get(free_name) is not None and not limits:
                self.add_error(free_name, _("Give a price in this market first."))
        return data


class FeeForm(forms.Form):
    rate_percent = forms.DecimalField(
        label=_("Fee charged to members (%)"),
        min_value=CLUSTER_FEE_RATE_MIN * 100,
        max_value=CLUSTER_FEE_RATE_MAX * 100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(
            attrs={"step": "0.01", "inputmode": "decimal", "dir": "ltr", "id": "id_rate"}
        ),
    )
    note = forms.CharField(
        label=_("Why it changes (seen by staff)"), max_length=255, required=False
    )
