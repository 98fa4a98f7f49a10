"""What a listing's save refused, by form field (``ListingRefused``), and which form field
each service's input names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .listings_forms import ListingForm

# The services name their inputs as the API does; the form's fields are snake_case.
FIELDS = {
    "name": "name",
    "description": "description",
    "category": "category",
    "productType": "product_type",
    "weight": "weight_kg",
    "hsCode": "hs_code",
    "techniques": "techniques",
    "materials": "materials",
    "artisans": "artisans",
    "hours_of_work": "hours_of_work",
    "yearMade": "year_made",
    "processingDaysMin": "lead_days_min",
    "productionKind": "availability",
    "products": "packaging",
}
VARIANT_FIELDS = {"sku": "sku", "name": "name", "quantity": "stock"}


@dataclass
class ListingRefused(Exception):
    """What a service refused, by form field; ``attach`` puts it on the forms."""

    fields: dict[str, str] = field(default_factory=dict)
    variant_fields: dict[tuple[int, str], str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    photo_errors: list[str] = field(default_factory=list)

    def attach(self, form: ListingForm, variants: Any) -> list[str]:
        for name, message in self.fields.items():
            form.add_error(name, message)
        for (index, name), message in self.variant_fields.items():
            if index < len(variants.forms):
                variants.forms[index].add_error(name, message)
        return self.general
