"""Bulk import and export of listings: each row all or nothing, bad rows reported."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from marketplace.catalog.models import Product, ProductChannelListing, ProductVariant
from marketplace.catalog.writes.exporting import export_csv, export_rows, export_xlsx
from marketplace.catalog.writes.importing import listings_import_file
from marketplace.core.errors import DomainError, NotFound
from marketplace.inventory.models import Stock

pytestmark = pytest.mark.django_db

HEADER = [
    "name",
    "sku",
    "product_type",
    "category",
    "description",
    "weight_kg",
    "stock",
    "published",
    "price:tunisia",
    "price:international",
    "name:ar",
]


def _sheet(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _row(n: int) -> list[str]:
    return [
        f"Tray {n}",
        f"TR-{n:04}",
        "copperware",
        "trays",
        "Hand-chased",
        "1.2",
        "2",
        "yes",
        "120.125",
        "35.50",
        f"صينية {n}",
    ]


def test_500_rows_with_3_bad_ones_create_497_and_report_the_3(world):
    rows = [_row(n) for n in range(500)]
    rows[10][8] = "12.3456"  # four decimals: TND has three
    rows[200][2] = "lamps"  # no such product type
    rows[499][6] = "-3"  # negative stock
    products_before = Product.objects.count()

    report = listings_import_file(
        actor=world.users["artisan_a"], data=_sheet(rows), filename="listings.csv"
    )

    assert (report.created, report.updated, report.rejected) == (497, 0, 3)
    assert [(e.row, e.column) for e in report.errors] == [
        (12, "price:tunisia"),
        (202, "product_type"),
        (501, "stock"),
    ]
    assert "3 decimals" in report.errors[0].message
    assert "lamps" in report.errors[1].message
    assert Product.objects.count() == products_before + 497
    # Nothing of a bad row was written: no product, no variant, no listing, no stock.
    for bad in ("TR-0010", "TR-0200", "TR-0499"):
        assert not ProductVariant.objects.filter(sku=bad).exists()
    assert not Product.objects.filter(name__in=["Tray 10", "Tray 200", "Tray 499"]).exists()
    good = ProductVariant.objects.get(sku="TR-0011")
    assert Stock.objects.get(product_variant=good).quantity == 2
    listing = ProductChannelListing.objects.get(product=good.product, channel=world.catalog.tnd)
    assert listing.is_published and listing.discounted_price_amount == Decimal("120.125")
    assert good.product.translations.get(language_code="ar").name == "صينية 11"
    assert good.product.vendor == world.catalog.workshop
    assert Product.objects.filter(name="Tray 11", search_vector__isnull=False).exists()


def test_export_imports_back_as_updates(world):
    listings_import_file(
        actor=world.users["artisan_a"], data=_sheet([_row(1), _row(2)]), filename="a.csv"
    )
    exported = export_csv(rows=export_rows(actor=world.users["artisan_a"]))
    table = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    mine = [row for row in table[1:] if row[1].startswith("TR-")]
    assert len(mine) == 2 and mine[0][0] == "Tray 1"
    table[1 + table[1:].index(mine[0])][0] = "Tray one"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    report = listings_import_file(
        actor=world.users["artisan_a"], data=buffer.getvalue().encode(), filename="b.csv"
    )
    assert report.errors == [] and report.created == 0 and report.updated == len(table) - 1
    assert ProductVariant.objects.get(sku="TR-0001").product.name == "Tray one"


def test_xlsx_import_and_export(world):
    rows = [HEADER, _row(7)]
    workbook = export_xlsx(rows=rows)
    report = listings_import_file(actor=world.users["artisan_a"], data=workbook, filename="x.xlsx")
    assert (report.created, report.errors) == (1, [])
    assert ProductVariant.objects.filter(sku="TR-0007").exists()


def test_another_workshops_sku_is_not_touched(world):
    listings_import_file(actor=world.users["artisan_b"], data=_sheet([_row(1)]), filename="a.csv")
    report = listings_import_file(
        actor=world.users["artisan_a"], data=_sheet([_row(1)]), filename="a.csv"
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "sku")]
    assert ProductVariant.objects.get(sku="TR-0001").product.vendor == world.workshop_b


@pytest.mark.parametrize("who", ["anonymous", "buyer", "manager_a", "manager_other"])
def test_only_a_workshop_imports(world, who):
    with pytest.raises(NotFound):
        listings_import_file(actor=world.users[who], data=_sheet([_row(1)]), filename="a.csv")
    assert not ProductVariant.objects.filter(sku="TR-0001").exists()


def test_a_sheet_without_names_or_with_an_unknown_channel_is_refused_whole(world):
    with pytest.raises(DomainError):
        listings_import_file(actor=world.users["artisan_a"], data=b"sku\nA\n", filename="a.csv")
    bad = _sheet([_row(1)]).replace(b"price:tunisia", b"price:mars")
    with pytest.raises(DomainError) as caught:
        listings_import_file(actor=world.users["artisan_a"], data=bad, filename="a.csv")
    assert "price:mars" in caught.value.message
    assert not ProductVariant.objects.filter(sku="TR-0001").exists()


def test_exported_cells_never_run_as_formulas(world):
    data = export_csv(rows=[["name"], ['=HYPERLINK("http://x")'], ["-3"]])
    assert b"'=HYPERLINK" in data and b"\n-3" in data.replace(b"\r", b"")
