"""Issue 11's vendor reads and rules, on the domain: the checklist, the sales report (per
currency, to the cent, CSV safe for spreadsheets), turning listing review on, and pages
whose query count stays flat as a cluster grows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.payouts.models import PayoutAccount
from marketplace.vendors.members import cluster_moderation_set
from marketplace.vendors.models import ListingReview
from marketplace.vendors.reports import cluster_sales, report_csv
from marketplace.vendors.selectors import listing_visible_q
from marketplace.vendors.workspace import cluster_members, onboarding_checklist
from tests.factories import WorkshopFactory

from .vendor_world import VendorWorld, parcel

pytestmark = pytest.mark.django_db


def test_the_checklist_follows_what_the_workshop_has_done(vw: VendorWorld) -> None:
    steps = {s.key: s.done for s in onboarding_checklist(vendor=vw.applicant)}
    assert steps == {"approval": False, "payout": False, "shipping": False, "listing": False}
    PayoutAccount.objects.create(
        vendor=vw.applicant, bank_holder="K. B.", bank_iban="DZ5900000000000000000000"
    )
    vw.catalog.product("Tray", vendor=vw.applicant)
    steps = {s.key: s.done for s in onboarding_checklist(vendor=vw.applicant)}
    assert steps == {"approval": False, "payout": True, "shipping": False, "listing": True}


def test_the_report_adds_up_per_currency_and_leaves_out_cancelled_parcels(vw: VendorWorld) -> None:
    eur, tnd = vw.catalog.eur, vw.catalog.tnd
    parcel(vw.workshop_a, channel=eur, country="FR", goods="120.10")
    parcel(vw.workshop_a, channel=eur, country="DE", goods="79.95", days_ago=40)
    parcel(vw.applicant, channel=eur, country="FR", goods="10.00")
    parcel(vw.applicant, channel=eur, country="FR", goods="999.00", status="CANCELED")
    parcel(vw.workshop_a, channel=tnd, country="TN", goods="330.125")
    parcel(vw.workshop_b, channel=eur, country="FR", goods="500.00")  # another cluster
    report = cluster_sales(cluster=vw.cluster_a)
    assert (report.currency, report.currencies) == ("EUR", ["EUR", "TND"])
    assert report.total == Decimal("210.05")
    assert report.parcels == 3
    assert [(r.key, r.amount) for r in report.by["member"]] == [
        ("souika", Decimal("200.05")),
        ("nouveau", Decimal("10.00")),
    ]
    assert [(r.key, r.amount) for r in report.by["country"]] == [
        ("FR", Decimal("130.10")),
        ("DE", Decimal("79.95")),
    ]
    assert len(report.by["month"]) in (1, 2)  # 40 days ago may share the month or not
    assert sum(r.amount for r in report.by["month"]) == Decimal("210.05")
    dinars = cluster_sales(cluster=vw.cluster_a, currency="TND")
    assert dinars.total == Decimal("330.125")


def test_the_csv_neutralises_formulas(vw: VendorWorld) -> None:
    workshop = WorkshopFactory(slug="evil", name="=HYPERLINK(1)", cluster=vw.cluster_a)
    parcel(workshop, channel=vw.catalog.eur, country="FR", goods="5.00")
    rows = list(csv.reader(io.StringIO(report_csv(cluster_sales(cluster=vw.cluster_a)))))
    assert rows[0] == ["dimension", "key", "label", "parcels", "amount", "currency"]
    assert ["member", "evil", "'=HYPERLINK(1)", "1", "5.00", "EUR"] in rows


def test_the_csv_download_is_the_report(vw: VendorWorld) -> None:
    parcel(vw.workshop_a, channel=vw.catalog.eur, country="FR", goods="12.50")
    response = vw.client("manager_a").get("/en/workspace/cluster/constantine/reports.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert "member,souika,Atelier Souika,1,12.50,EUR" in response.content.decode()
    page = vw.client("manager_a").get("/ar/workspace/cluster/constantine/reports/").content.decode()
    assert page.count('data-testid="chart"') == 4
    assert page.count("<svg") >= 4 and "<script" not in page.split("<main")[1].split("</main>")[0]


def test_turning_review_on_keeps_what_is_on_sale(vw: VendorWorld) -> None:
    from marketplace.catalog.models import Product

    cluster_moderation_set(actor=vw.users["manager_a"], cluster_id=vw.cluster_a.pk, enabled=True)
    assert ListingReview.objects.get(product=vw.product_a).status == "approved"
    later = vw.catalog.product("Ewer")
    visible = set(Product.objects.filter(listing_visible_q()).values_list("pk", flat=True))
    assert vw.product_a.pk in visible and later.pk not in visible


def test_the_member_list_costs_the_same_for_2_or_12_members(vw: VendorWorld) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(cluster_members(cluster=vw.cluster_a))
            response = vw.client("manager_a").get("/en/workspace/cluster/constantine/members/")
            assert response.status_code == 200
        return len(queries)

    few = count()
    for i in range(10):
        member = WorkshopFactory(slug=f"member-{i}", cluster=vw.cluster_a)
        parcel(member, channel=vw.catalog.eur, country="FR", goods="9.00", days_ago=i)
        vw.catalog.product(f"Piece {i}", vendor=member)
    assert count() == few


def test_the_review_queue_costs_the_same_for_1_or_11_listings(vw: VendorWorld) -> None:
    from django.utils import timezone

    cluster_moderation_set(actor=vw.users["manager_a"], cluster_id=vw.cluster_a.pk, enabled=True)

    def waiting(name: str) -> None:
        product = vw.catalog.product(name, vendor=vw.applicant, media=1)
        ListingReview.objects.create(product=product, status="pending", submitted_at=timezone.now())

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = vw.client("manager_a").get("/en/workspace/cluster/constantine/moderation/")
            assert response.status_code == 200
        return len(queries)

    waiting("Ewer 0")
    few = count()
    for i in range(1, 11):
        waiting(f"Ewer {i}")
    assert count() == few
