"""Listings in bulk: a CSV or XLSX sheet in, a row-by-row report out; and the same sheet out.

One row is one listing: a product with one variant (its SKU), its price per channel, its stock
in the workshop's warehouse, and its names in other languages. Columns (header row first,
names case-insensitive, any order; unknown columns are reported once and ignored):

``name`` (required), ``sku`` (required), ``product_type`` (slug, required for a new listing),
``category`` (slug), ``description`` (plain text), ``weight_kg``, ``stock``,
``price:<channel slug>`` (one column per channel; a price lists the piece there),
``published`` (yes/no, default no), ``name:<language>`` (a translated name, e.g. ``name:ar``).

A row whose SKU is already one of the workshop's variants updates that listing (so an export
edited and imported again changes what it shows); otherwise it creates a new one. Each row is
written in its own savepoint: it is all written or not at all, and a bad row is reported with
its line number in the sheet (the header is line 1), the column and the reason, while the
other rows go in. Search documents and cheapest prices are refreshed once, at the end.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category, ProductType, ProductVariant
from marketplace.catalog.services import (
    product_listing_refresh_prices,
    product_update_search_vector,
)
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError

from .access import workshop_for_actor
from .common import UNSET
from .listings import ChannelPublication, PriceInput, product_listing_set, variant_prices_set
from .products import ProductData, product_update_fields
from .stocks import StockLine, stocks_set, workshop_warehouse
from .translations import language_check

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
BASE_COLUMNS = (
    "name",
    "sku",
    "product_type",
    "category",
    "description",
    "weight_kg",
    "stock",
    "published",
)
TRUE = {"1", "yes", "y", "true", "oui", "نعم", "x"}
FALSE = {"", "0", "no", "n", "false", "non", "لا"}


@dataclass(frozen=True)
class RowError:
    """Why one row was not written: its line in the sheet, the column, the reason."""

    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    product_ids: list[int] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len({error.row for error in self.errors if error.row > 1})


class RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


# Reading sheets -------------------------------------------------------------------------


def _size_check(data: bytes) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise DomainError(
            _("The file is larger than %(n)s MB.") % {"n": MAX_IMPORT_BYTES // (1024 * 1024)},
            field="file",
            code="FILE_SIZE_LIMIT_EXCEEDED",
        )


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a UTF-8 CSV (a BOM and ``;`` separators, as Excel writes them, are fine)."""
    _size_check(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            _("Save the CSV file as UTF-8."), field="file", code="INVALID_FILE_TYPE"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def read_xlsx(data: bytes) -> list[list[str]]:
    """The rows of the first sheet of an XLSX workbook, as text."""
    from openpyxl import load_workbook

    _size_check(data)
    if not data.startswith(b"PK"):
        raise DomainError(_("The file is not an XLSX workbook."), field="file", code="INVALID")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any failure to read an untrusted workbook means: not one we take
        raise DomainError(
            _("The file is not a readable XLSX workbook."), field="file", code="INVALID_FILE_TYPE"
        ) from None
    rows: list[list[str]] = []
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
    finally:
        workbook.close()
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


# Parsing one row --------------------------------------------------------------------------


@dataclass
class _Sheet:
    columns: list[str]
    channels: dict[str, Channel]  # column → channel
    languages: dict[str, str]  # column → language code
    product_types: dict[str, ProductType]
    categories: dict[str, Category]


def _sheet(header: Sequence[str], report: ImportReport) -> _Sheet:
    columns = [cell.strip().lower() for cell in header]
    for required in ("name", "sku"):
        if required not in columns:
            raise DomainError(
                _("The sheet has no %(column)s column.") % {"column": required},
                field="file",
                code="REQUIRED",
            )
    channels_by_slug = {c.slug: c for c in Channel.objects.all()}
    channels: dict[str, Channel] = {}
    languages: dict[str, str] = {}
    for column in columns:
        if column.startswith("price:"):
            channel = channels_by_slug.get(column.removeprefix("price:").strip())
            if channel is None:
                raise DomainError(
                    _("Column %(column)s names no channel.") % {"column": column},
                    field="file",
                    code="NOT_FOUND",
                )
            channels[column] = channel
        elif column.startswith("name:"):
            try:
                languages[column] = language_check(column.removeprefix("name:").strip())
            except DomainError:
                raise DomainError(
                    _("Column %(column)s names no language of the marketplace.")
                    % {"column": column},
                    field="file",
                    code="INVALID",
                ) from None
        elif column and column not in BASE_COLUMNS:
            report.errors.append(RowError(1, column, _("Unknown column, ignored.")))
    return _Sheet(
        columns=columns,
        channels=channels,
        languages=languages,
        product_types={t.slug: t for t in ProductType.objects.all()},
        categories={c.slug: c for c in Category.objects.all()},
    )


def _decimal(value: str, column: str) -> Decimal | None:
    text = value.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise RowProblem(column, _("Not a number: %(v)s.") % {"v": value[:40]}) from None
    if not number.is_finite():
        raise RowProblem(column, _("Not a number: %(v)s.") % {"v": value[:40]})
    return number


def _flag(value: str, column: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RowProblem(column, _("Write yes or no."))


# Writing one row ----------------------------------------------------------------------


def _write_row(
    *, actor: Any, workshop: Any, warehouse: Any, sheet: _Sheet, cells: dict[str, str]
) -> tuple[int, bool]:
    """Create or update the row's listing; return (product id, created)."""
    from .products import product_create

    sku = cells.get("sku", "").strip()
    if not sku:
        raise RowProblem("sku", _("Give the variant a SKU."))
    existing = (
        ProductVariant.objects.select_related("product")
        .filter(sku=sku, product__vendor=workshop)
        .first()
    )
    type_slug = cells.get("product_type", "").strip()
    product_type = sheet.product_types.get(type_slug) if type_slug else None
    if type_slug and product_type is None:
        raise RowProblem("product_type", _("No product type %(v)s.") % {"v": type_slug[:40]})
    if existing is None and product_type is None:
        raise RowProblem("product_type", _("Give the product type of a new listing."))
    category_slug = cells.get("category", "").strip()
    category = sheet.categories.get(category_slug) if category_slug else None
    if category_slug and category is None:
        raise RowProblem("category", _("No category %(v)s.") % {"v": category_slug[:40]})
    text = cells.get("description", "").strip()
    data = ProductData(
        name=cells.get("name", ""),
        description=({"blocks": [{"type": "paragraph", "data": {"text": text}}]} if text else None),
        category_id=category.pk if category else (UNSET if existing else None),
        weight=_decimal(cells.get("weight_kg", ""), "weight_kg") if "weight_kg" in cells else UNSET,
    )
    try:
        if existing is None:
            assert product_type is not None
            product = product_create(
                actor=actor, product_type_id=product_type.pk, data=data, vendor_id=workshop.pk
            )
            variant = ProductVariant.objects.create(product=product, sku=_free_sku(sku))
        else:
            product = product_update_fields(product=existing.product, data=data)
            variant = existing
        if cells.get("stock", "").strip():
            quantity = _decimal(cells["stock"], "stock")
            if quantity is None or quantity != quantity.to_integral_value():
                raise RowProblem("stock", _("The stock is a whole number."))
            stocks_set(
                actor=actor,
                variant=variant,
                lines=[StockLine(warehouse_id=warehouse.pk, quantity=int(quantity))],
            )
    except DomainError as error:
        raise RowProblem(_column(error.field), error.message) from None
    published = _flag(cells.get("published", ""), "published")
    for column, channel in sheet.channels.items():
        amount = _decimal(cells.get(column, ""), column)
        if amount is None:
            continue
        try:
            entry = ChannelPublication(channel_id=channel.pk, is_published=published)
            product_listing_set(product, entry)
            variant_prices_set(
                variant=variant, prices=[PriceInput(channel_id=channel.pk, price=amount)]
            )
        except DomainError as error:
            raise RowProblem(column, error.message) from None
    for column, language in sheet.languages.items():
        name = " ".join(cells.get(column, "").split())
        if name:
            if len(name) > 250:
                raise RowProblem(column, _("At most 250 characters."))
            product.translations.update_or_create(language_code=language, defaults={"name": name})
    return product.pk, existing is None


def _free_sku(sku: str) -> str:
    if len(sku) > 255:
        raise RowProblem("sku", _("At most 255 characters."))
    if ProductVariant.objects.filter(sku=sku).exists():
        raise RowProblem("sku", _("Another listing has this SKU."))
    return sku


def _column(field_name: str | None) -> str:
    return {
        "name": "name",
        "slug": "name",
        "description": "description",
        "weight": "weight_kg",
        "category": "category",
        "productType": "product_type",
        "quantity": "stock",
        "warehouse": "stock",
        "vendor": "sku",
    }.get(field_name or "", field_name or "")


def listings_import(
    *, actor: Any, rows: Sequence[Sequence[str]], vendor_id: int | None = None
) -> ImportReport:
    """Import the rows (header first) into the actor's workshop; see the module's docstring.

    A problem with the whole sheet (no ``name`` column, an unknown channel, too many rows)
    raises ``DomainError`` and nothing is written; a problem with a row is reported."""
    workshop = workshop_for_actor(actor=actor, vendor_id=vendor_id)
    if not rows:
        raise DomainError(_("The sheet is empty."), field="file", code="REQUIRED")
    if len(rows) > MAX_IMPORT_ROWS + 1:
        raise DomainError(
            _("At most %(n)s rows per import.") % {"n": MAX_IMPORT_ROWS},
            field="file",
            code="INVALID",
        )
    report = ImportReport()
    sheet = _sheet(rows[0], report)
    warehouse = workshop_warehouse(vendor_id=workshop.pk)
    touched: list[int] = []
    with transaction.atomic():
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            cells = {column: value for column, value in zip(sheet.columns, row, strict=False)}
            try:
                with transaction.atomic():
                    product_id, created = _write_row(
                        actor=actor,
                        workshop=workshop,
                        warehouse=warehouse,
                        sheet=sheet,
                        cells=cells,
                    )
            except RowProblem as problem:
                report.errors.append(RowError(number, problem.column, problem.message))
                continue
            touched.append(product_id)
            if created:
                report.created += 1
            else:
                report.updated += 1
        product_listing_refresh_prices(product_ids=touched)
        product_update_search_vector(product_ids=touched)
    report.product_ids = touched
    return report


def listings_import_file(
    *, actor: Any, data: bytes, filename: str, vendor_id: int | None = None
) -> ImportReport:
    """Import a CSV or XLSX file (told apart by its bytes, not its name)."""
    if data.startswith(b"PK"):
        rows = read_xlsx(data)
    elif filename.lower().endswith((".xlsx", ".xls")):
        raise DomainError(_("The file is not an XLSX workbook."), field="file", code="INVALID")
    else:
        rows = read_csv(data)
    return listings_import(actor=actor, rows=rows, vendor_id=vendor_id)
