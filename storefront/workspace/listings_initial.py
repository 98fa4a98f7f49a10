"""The editor's first values: a saved listing read back into the form's fields, or a new
piece's defaults."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

from marketplace.catalog.models import Product
from marketplace.core.money import quantize
from marketplace.provenance.models import ProductionKind
from marketplace.vendors.models import Vendor

from .listings_description import plain
from .listings_forms import price_field_name
from .listings_reads import EditorChoices, listing_language


def initial_for(
    *, product: Product | None, workshop: Vendor, choices: EditorChoices
) -> dict[str, Any]:
    """What the editor shows first: the listing as saved, or a new piece's defaults."""
    from django.utils import translation

    if product is None:
        return {
            "listing": {
                "language": translation.get_language() or settings.LANGUAGE_CODE,
                "availability": ProductionKind.READY_TO_SHIP,
            },
            "variants": [{"stock": 1}],
        }
    record = next(iter(product.records), None)  # type: ignore[attr-defined]
    listing: dict[str, Any] = {
        "language": listing_language(product),
        "name": product.name,
        "description": plain(product.description),
        "category": product.category_id,
        "product_type": product.product_type_id,
        "weight_kg": product.weight_kg,
        "availability": record.production_kind if record else ProductionKind.READY_TO_SHIP,
    }
    if record is not None:
        listing.update(
            {
                "lead_days_min": record.processing_days_min,
                "lead_days_max": record.processing_days_max,
                "hs_code": record.hs_code,
                "hours_of_work": record.hours_of_work,
                "year_made": record.year_made,
                "artisans": [a.pk for a in record.artisans.all()],
                "techniques": [t.slug for t in record.techniques.all()],
                "materials": [m.material.slug for m in record.materials.all()],
            }
        )
    offered = {pk for pk, _name in choices.choices.get("packaging", [])}
    listing["packaging"] = [
        option.pk
        for option, _name in choices.packaging
        if option.pk in offered and any(p.pk == product.pk for p in option.products.all())
    ]
    for row in product.translations.all():
        listing[f"tr_{row.language_code}_name"] = row.name
        listing[f"tr_{row.language_code}_description"] = plain(row.description)
    variants = product.editor_variants  # type: ignore[attr-defined]
    base: dict[int, Decimal] = {}
    if variants:
        for entry in variants[0].channel_listings.all():
            base[entry.channel_id] = entry.price_amount
            listing[price_field_name(entry.channel)] = quantize(
                entry.price_amount, entry.channel.currency_code
            )
    rows = []
    for index, variant in enumerate(variants):
        delta = None
        if index:
            for entry in variant.channel_listings.all():
                if entry.channel_id in base:
                    delta = quantize(
                        entry.price_amount - base[entry.channel_id], entry.channel.currency_code
                    )
                    break
        rows.append(
            {
                "variant_id": variant.pk,
                "name": variant.name,
                "sku": variant.sku,
                "stock": sum(s.quantity for s in variant.stocks.all()),
                "price_delta": delta,
            }
        )
    return {"listing": listing, "variants": rows or [{"stock": 1}]}
