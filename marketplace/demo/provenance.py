"""Demo provenance: vocabularies, makers, claims, attestations, packaging and certificates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.core.money import quantize
from marketplace.packaging.models import (
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
)
from marketplace.provenance.certificates import certificate_issue_for_listed_unique
from marketplace.provenance.models import (
    Artisan,
    Attestation,
    Claim,
    Material,
    MaterialTranslation,
    Provenance,
    ProvenanceMaterial,
    ProvenanceTranslation,
    Technique,
    TechniqueTranslation,
)
from marketplace.vendors.models import Vendor, VendorKind, VendorMembership, VendorRole

from .data import EUR_RATES

# slug: (en, fr, ar)
TECHNIQUES = {
    "hammering": ("Hammering", "Martelage", "الطرق"),
    "chasing": ("Chasing", "Ciselure", "النقش"),
    "repousse": ("Repoussé", "Repoussé", "الطرق البارز"),
    "engraving": ("Engraving", "Gravure", "الحفر"),
    "filigree": ("Filigree", "Filigrane", "التخريم"),
    "enamelling": ("Enamelling", "Émaillage", "المينا"),
    "casting": ("Casting", "Fonte", "الصب"),
    "tinning": ("Tinning", "Étamage", "القصدرة"),
    "piercing": ("Piercing", "Ajourage", "التخريم بالثقب"),
}
MATERIALS = {
    "copper": ("Copper", "Cuivre", "نحاس"),
    "brass": ("Brass", "Laiton", "نحاس أصفر"),
    "silver-925": ("Sterling silver 925", "Argent 925", "فضة 925"),
    "coral": ("Coral", "Corail", "مرجان"),
    "enamel": ("Enamel", "Émail", "مينا"),
}
CRAFT_TECHNIQUES = {
    "copperware": ["hammering", "chasing", "repousse"],
    "copper-lantern": ["hammering", "piercing"],
    "silver-jewellery": ["filigree", "enamelling", "engraving"],
}
# (name, kind, material, recyclable, added kg, L, W, H cm, extra days, EUR price)
CLUSTER_PACKAGING = [
    (
        "Cluster gift box",
        "cluster_branded",
        "Printed cardboard",
        True,
        "0.450",
        45,
        45,
        12,
        0,
        "9.00",
    ),
    (
        "Export crate",
        "export_protective",
        "Pine wood and cork",
        False,
        "2.100",
        60,
        60,
        25,
        2,
        "28.00",
    ),
    ("Eco wrap", "eco", "Recycled paper and jute", True, "0.150", 45, 45, 10, 0, "3.50"),
]


PACKAGING_FR = {
    "Cluster gift box": "Coffret cadeau de la grappe",
    "Export crate": "Caisse export",
    "Eco wrap": "Emballage éco",
}


def _story(text: str) -> dict[str, object]:
    return {"blocks": [{"type": "paragraph", "data": {"text": text}}]}


def _vocabulary() -> tuple[dict[str, Technique], dict[str, Material]]:
    techniques, materials = {}, {}
    for slug, (en, fr, ar) in TECHNIQUES.items():
        techniques[slug], _ = Technique.objects.update_or_create(slug=slug, defaults={"name": en})
        for code, name in (("fr", fr), ("ar", ar)):
            TechniqueTranslation.objects.update_or_create(
                technique=techniques[slug], language_code=code, defaults={"name": name}
            )
    for slug, (en, fr, ar) in MATERIALS.items():
        materials[slug], _ = Material.objects.update_or_create(slug=slug, defaults={"name": en})
        for code, name in (("fr", fr), ("ar", ar)):
            MaterialTranslation.objects.update_or_create(
                material=materials[slug], language_code=code, defaults={"name": name}
            )
    return techniques, materials


def _packaging(channels: dict[str, Channel]) -> None:
    for cluster in Vendor.objects.filter(kind=VendorKind.CLUSTER):
        for order, row in enumerate(CLUSTER_PACKAGING):
            name, kind, material, recyclable, added, length, width, height, days, eur = row
            option, _ = PackagingOption.objects.update_or_create(
                vendor=cluster,
                name=name,
                defaults={
                    "kind": kind,
                    "material": material,
                    "recyclable": recyclable,
                    "added_weight_kg": Decimal(added),
                    "length_cm": Decimal(length),
                    "width_cm": Decimal(width),
                    "height_cm": Decimal(height),
                    "extra_lead_days": days,
                    "sort_order": order,
                    "description": f"{name} by the {cluster.name}.",
                },
            )
            PackagingOptionTranslation.objects.update_or_create(
                option=option, language_code="fr", defaults={"name": PACKAGING_FR[name]}
            )
            for channel in channels.values():
                price = quantize(
                    Decimal(eur) * EUR_RATES[channel.currency_code], channel.currency_code
                )
                PackagingOptionChannelListing.objects.update_or_create(
                    option=option,
                    channel=channel,
                    defaults={"currency": channel.currency_code, "price_amount": price},
                )


def seed_provenance(*, channels: dict[str, Channel]) -> int:
    """Provenance for every demo product; certificates for one-of-a-kind pieces (once)."""
    techniques, materials = _vocabulary()
    _packaging(channels)
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    managers = {
        m.vendor_id: m.user
        for m in VendorMembership.objects.filter(role=VendorRole.MANAGER).select_related("user")
    }
    today = timezone.localdate()
    issued = 0
    products = Product.objects.exclude(slug__startswith="generated-").select_related(
        "vendor__cluster", "product_type"
    )
    for index, product in enumerate(products):
        workshop, cluster = product.vendor, product.vendor.cluster
        unique = product.metadata.get("one_of_a_kind") == "true"
        record, _ = Provenance.objects.update_or_create(
            product=product,
            variant=None,
            defaults={
                "town": workshop.town,
                "region": workshop.region,
                "country": workshop.country,
                "year_made": 2024 + index % 3,
                "hours_of_work": 6 + (index * 7) % 60,
                "production_kind": "one_of_a_kind"
                if unique
                else ("made_to_order" if index % 3 == 0 else "ready_to_ship"),
                "processing_days_min": 7 if index % 3 == 0 and not unique else None,
                "processing_days_max": 21 if index % 3 == 0 and not unique else None,
                "maker_story": _story(f"Made by hand in {workshop.town} by {workshop.name}."),
            },
        )
        record.techniques.set([techniques[t] for t in CRAFT_TECHNIQUES[product.product_type.slug]])
        metal = "silver-925" if product.product_type.slug == "silver-jewellery" else "copper"
        ProvenanceMaterial.objects.update_or_create(
            provenance=record,
            material=materials[metal],
            defaults={
                "composition_percent": Decimal("92.5")
                if metal == "silver-925"
                else Decimal("99.9"),
                "hallmark": "Algerian state hallmark (poinçon)" if metal == "silver-925" else "",
            },
        )
        artisan, _ = Artisan.objects.get_or_create(
            workshop=workshop,
            name=f"Master artisan of {workshop.name}",
            defaults={"consents_to_display": True},
        )
        record.artisans.set([artisan])
        attester = managers.get(cluster.pk) if cluster is not None else None
        if cluster is not None and staff is not None:
            Claim.objects.get_or_create(
                product=product,
                kind="cluster_label",
                title=f"{cluster.name} label",
                defaults={
                    "issuing_body": cluster.name,
                    "valid_from": date(today.year, 1, 1),
                    "verified_by": staff,
                    "verified_at": timezone.now(),
                },
            )
            Attestation.objects.get_or_create(
                product=product, cluster=cluster, defaults={"attested_by": attester or staff}
            )
        for code, text in (
            ("fr", f"Fait main à {workshop.town} par {workshop.name}."),
            ("ar", f"صُنعت يدويًا في {workshop.town} بورشة {workshop.name}."),
        ):
            ProvenanceTranslation.objects.update_or_create(
                provenance=record, language_code=code, defaults={"maker_story": _story(text)}
            )
        if certificate_issue_for_listed_unique(product_id=product.pk) is not None:
            issued += 1
    return issued
