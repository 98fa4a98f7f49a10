"""Demo products of one workshop: variants, prices in every channel, stock, pictures."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
)
from marketplace.channels.models import Channel
from marketplace.inventory.models import Stock, Warehouse
from marketplace.vendors.models import Vendor

from . import data
from .images import product_image


def _price(currency: str, eur: Decimal) -> Decimal:
    from marketplace.core.money import quantize

    return quantize(eur * data.EUR_RATES[currency], currency)


def _description(text: str) -> dict[str, Any]:
    return {"time": 0, "blocks": [{"type": "paragraph", "data": {"text": text}}], "version": "2.24"}


def _variant_axes(axis: str | None) -> list[str | None]:
    if axis == "size":
        return ["small", "medium", "large"]
    if axis == "finish":
        return ["polished", "patinated"]
    return [None]


def seed_workshop_products(
    *,
    workshop: Vendor,
    warehouse: Warehouse,
    templates: list[tuple[Any, ...]],
    categories: dict[str, Category],
    product_types: dict[str, ProductType],
    values: dict[tuple[str, str], AttributeValue],
    channels: dict[str, Channel],
) -> int:
    published_at = timezone.now() - timedelta(days=30)
    for position, template in enumerate(templates):
        key, en, fr, ar, category_slug, type_slug, base_eur, axis, unique = template
        slug = f"{key}-{workshop.slug}"
        material = "silver-925" if type_slug == "silver-jewellery" else "copper"
        summary = (
            f"{en}, made by hand by {workshop.name} in {workshop.town}. "
            f"{'A one-of-a-kind piece.' if unique else 'Made in small batches.'}"
        )
        product, _ = Product.objects.update_or_create(
            slug=slug,
            defaults={
                "vendor": workshop,
                "product_type": product_types[type_slug],
                "category": categories[category_slug],
                "name": en,
                "description": _description(summary),
                "description_plaintext": summary,
                "seo_title": f"{en} — {workshop.name}",
                "seo_description": summary[:300],
                "weight_kg": product_types[type_slug].weight_kg,
                "rating": 4.0 + (position % 10) / 10,
                "metadata": {"one_of_a_kind": "true" if unique else "false"},
            },
        )
        summaries = {
            "en": summary,
            "fr": f"{fr}, fait main par {workshop.name} à {workshop.town}. "
            + ("Pièce unique." if unique else "Fabriqué en petites séries."),
            "ar": f"{ar}، صُنعت يدويًا في {workshop.town} بورشة {workshop.name}. "
            + ("قطعة فريدة." if unique else "تُصنع بكميات صغيرة."),
        }
        for code, name in (("fr", fr), ("ar", ar), ("en", en)):
            ProductTranslation.objects.update_or_create(
                product=product,
                language_code=code,
                defaults={"name": name, "description": _description(summaries[code])},
            )
        product.attribute_values.set([values[("material", material)]])

        for order, choice in enumerate(_variant_axes(None if unique else axis)):
            factor = data.SIZE_FACTORS.get(choice or "", Decimal("1"))
            size_cm = data.SIZE_CM.get(choice or "medium", Decimal("40"))
            variant, _ = ProductVariant.objects.update_or_create(
                sku=f"{slug}-{choice or 'unique'}".upper()[:255],
                defaults={
                    "product": product,
                    "name": (choice or "").replace("-", " ").title(),
                    "sort_order": order,
                    "weight_kg": (product_types[type_slug].weight_kg * factor).quantize(
                        Decimal("0.001")
                    ),
                    "length_cm": size_cm if type_slug != "silver-jewellery" else Decimal("8"),
                    "width_cm": size_cm if type_slug != "silver-jewellery" else Decimal("8"),
                    "height_cm": Decimal("6") if type_slug == "copperware" else Decimal("3"),
                },
            )
            if choice:
                variant.attribute_values.set([values[(axis, choice)]])
                ProductVariantTranslation.objects.update_or_create(
                    product_variant=variant, language_code="fr", defaults={"name": choice}
                )
            for channel in channels.values():
                ProductVariantChannelListing.objects.update_or_create(
                    variant=variant,
                    channel=channel,
                    defaults={
                        "currency": channel.currency_code,
                        "price_amount": _price(channel.currency_code, base_eur * factor),
                    },
                )
            quantity = 1 if unique else 3 + (position * 7 + order * 3) % 15
            Stock.objects.update_or_create(
                warehouse=warehouse,
                product_variant=variant,
                defaults={"quantity": quantity},
            )

        for channel in channels.values():
            ProductChannelListing.objects.update_or_create(
                product=product,
                channel=channel,
                defaults={
                    "currency": channel.currency_code,
                    "is_published": True,
                    "published_at": published_at,
                    "visible_in_listings": True,
                    "available_for_purchase_at": published_at,
                },
            )
        if not product.media.exists():
            for view in (0, 1):
                media = ProductMedia(
                    product=product, alt=f"{en} — view {view + 1}", sort_order=view
                )
                picture = product_image(product_type=type_slug, seed=slug, view=view)
                media.image.save(f"{slug}-{view + 1}.jpg", ContentFile(picture), save=False)
                media.save()
    return len(templates)
