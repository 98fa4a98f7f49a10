"""The bulk path: a CSV or XLSX sheet in, a row-by-row report out (bad rows refused whole
with their reason, the others created); the export imports back unchanged."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.catalog.models import Product, ProductVariant

from .listings_world import build_world, snapshot

pytestmark = pytest.mark.django_db

IMPORT = "/fr/workspace/w/souika/listings/import/"
EXPORT = "/fr/workspace/w/souika/listings/export/"


@pytest.fixture
def world(catalog):
    return build_world(catalog)


def _sheet(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def test_an_import_creates_the_good_rows_and_reports_the_bad_ones(world) -> None:
    header = ["name", "sku", "product_type", "category", "stock", "price:international"]
    rows = [header] + [
        [f"Tray {n}", f"TRAY-{n}", "copperware", "trays", "2", "40.00"] for n in range(1, 8)
    ]
    rows[3][5] = "40.005"  # three decimals in EUR
    rows[5][2] = "no-such-type"
    rows[6][1] = ""  # no SKU
    upload = SimpleUploadedFile("listings.csv", _sheet(rows), content_type="text/csv")
    response = world.client("owner_a").post(IMPORT, {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<span class="big">4</span>' in body  # created
    assert '<span class="big">3</span>' in body  # refused
    for line in (4, 6, 7):
        assert f'data-row="{line}"' in body
    assert ProductVariant.objects.filter(sku__startswith="TRAY-").count() == 4
    assert not ProductVariant.objects.filter(sku="TRAY-3").exists()


def test_a_sheet_without_its_required_columns_writes_nothing(world) -> None:
    before = snapshot()
    upload = SimpleUploadedFile("x.csv", b"title,price\nTray,10\n", content_type="text/csv")
    response = world.client("owner_a").post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert 'data-field="file"' in response.content.decode()
    assert snapshot() == before


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(world) -> None:
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = world.client("owner_a").post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert 'data-field="file"' in response.content.decode()


def test_the_export_lists_the_workshops_pieces_only(world) -> None:
    world.catalog.product("Fidda ring", vendor=world.workshop_b)
    response = world.client("owner_a").get(f"{EXPORT}?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="souika-listings-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["name", "sku"]
    names = [row[0] for row in rows[1:]]
    assert names == ["Chased tray"]


def test_the_xlsx_export_reimports_as_updates(world) -> None:
    client = world.client("owner_a")
    response = client.get(f"{EXPORT}?format=xlsx")
    assert response.content[:2] == b"PK"
    upload = SimpleUploadedFile("back.xlsx", response.content)
    again = client.post(IMPORT, {"file": upload})
    body = again.content.decode()
    assert again.status_code == 200
    assert '<div id="updated"><span class="big">1</span>' in body
    assert Product.objects.filter(vendor=world.workshop).count() == 1
