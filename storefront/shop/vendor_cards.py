"""The vendor cards of the home and cluster pages: the few columns a card shows, and the
name in the page's language, in one query (no translation prefetch, no JSON columns)."""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from marketplace.vendors.models import Vendor, VendorTranslation

# What shop/components/vendor_card.html and the home page's cluster cards read: a column
# left out costs one query per card (tests/shop guard the pages' query counts).
VENDOR_CARD_FIELDS = (
    "kind",
    "slug",
    "name",
    "craft",
    "town",
    "founded_year",
    "primary_color",
    "secondary_color",
    "banner",
)


def vendor_cards(vendors: QuerySet[Vendor], *, language_code: str) -> QuerySet[Vendor]:
    """``vendors`` with ``card_name``: the name in the language where its translation
    gives one, else the vendor's own (as the ``tr`` filter shows it)."""
    translated = VendorTranslation.objects.filter(
        vendor=OuterRef("pk"), language_code=language_code
    ).values("name")[:1]
    return vendors.only(*VENDOR_CARD_FIELDS).annotate(
        card_name=Coalesce(NullIf(Subquery(translated), Value("")), F("name"))
    )
