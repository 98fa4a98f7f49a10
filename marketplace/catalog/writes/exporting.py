"""Listings out: the workshop's listings as a CSV or XLSX sheet in the columns
``importing`` reads, so an export edited and imported again changes what it shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings

from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel

from .access import workshop_for_actor
from .importing import BASE_COLUMNS


def export_rows(*, actor: Any, vendor_id: int | None = None) -> Iterator[list[str]]:
    """The workshop's listings as sheet rows (header first), one per variant, in the
    import's columns: an export imports back unchanged."""
    workshop = workshop_for_actor(actor=actor, vendor_id=vendor_id)
    channels = list(Channel.objects.order_by("slug"))
    languages = [code for code, _name in settings.LANGUAGES]
    yield [
        *BASE_COLUMNS,
        *(f"price:{c.slug}" for c in channels),
        *(f"name:{code}" for code in languages),
    ]
    variants = (
        ProductVariant.objects.filter(product__vendor=workshop)
        .select_related("product__product_type", "product__category")
        .prefetch_related("channel_listings", "stocks", "product__translations")
        .prefetch_related("product__channel_listings")
        .order_by("product__slug", "sort_order", "pk")
    )
    for variant in variants.iterator(chunk_size=500):
        product = variant.product
        prices = {row.channel_id: row.price_amount for row in variant.channel_listings.all()}
        names = {t.language_code: t.name for t in product.translations.all()}
        published = any(listing.is_published for listing in product.channel_listings.all())
        yield [
            product.name,
            variant.sku,
            product.product_type.slug,
            product.category.slug if product.category else "",
            product.description_plaintext,
            _text(product.weight_kg),
            str(sum(stock.quantity for stock in variant.stocks.all())),
            "yes" if published else "no",
            *(_text(prices.get(c.pk)) for c in channels),
            *(names.get(code, "") for code in languages),
        ]


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def export_csv(*, rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def export_xlsx(*, rows: Iterable[Sequence[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("listings")
    for row in rows:
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_cell(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    risky = cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    return f"'{cell}" if risky and not _numeric(cell) else cell


def _numeric(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True
