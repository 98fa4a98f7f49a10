"""Flagging in the domain: thresholds from settings, repeats of a network are one scan, a
case records each reason once with its figures, a revoked certificate's scans and buyers'
reports open a case; decisions close it and the page stays open to buyers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.authenticity.models import CertificateFlag, CertificateScan, FlagEvent
from marketplace.authenticity.scans import coarse_network, country_code, scan_record
from marketplace.authenticity.selectors import review_state
from marketplace.provenance.certificates import certificate_revoke
from tests.workspace.certificate_world import PLACES, build, scans_from_many_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings, tmp_path):
    settings.SCAN_FLAG_COUNTRIES = 3
    settings.SCAN_FLAG_NETWORKS = 8
    settings.SCAN_FLAG_SCANS = 40
    return build(settings, tmp_path)


def test_networks_are_coarse_and_countries_checked():
    assert coarse_network("81.2.69.142") == "81.2.69.0/24"
    # One person's IPv6 block is a /48 or wider: a /32 is the operator's.
    assert coarse_network("2001:db8:abcd:12::1") == "2001:db8::/32"
    assert coarse_network("2001:db8:ffff:1::1") == coarse_network("2001:db8:abcd:12::1")
    assert [country_code(c) for c in ("fr", "XX", "T1", "FRA", "", None)] == ["FR"] + [""] * 5


def test_a_genuine_buyer_scanning_again_and_again_is_not_flagged(world):
    certificate = world.certificate
    for _ in range(5):
        scan_record(certificate=certificate, client_ip="81.2.69.10", country="FR")
    scan_record(certificate=certificate, client_ip="81.2.69.77", country="FR")  # same /24
    scan_record(certificate=certificate, client_ip=None, country="FR")  # no address: no scan
    assert CertificateScan.objects.count() == 1
    scan_record(certificate=certificate, client_ip="85.214.1.7", country="DE")  # a gift abroad
    assert CertificateFlag.objects.count() == 0 and review_state(certificate=certificate) is None


def test_many_countries_in_the_window_open_one_case_recorded_once(world, settings):
    certificate = world.certificate
    # Scans older than the window do not count towards it.
    CertificateScan.objects.bulk_create(
        CertificateScan(
            certificate=certificate,
            scanned_at=timezone.now() - timedelta(hours=settings.SCAN_FLAG_WINDOW_HOURS + 1),
            country=country,
            network=f"10.0.{n}.0/24",
        )
        for n, country in enumerate(["IT", "ES", "PT", "BE"])
    )
    scans_from_many_places(certificate)
    [flag] = CertificateFlag.objects.all()
    assert flag.status == "open" and flag.opened_at is not None
    [event] = FlagEvent.objects.all()
    assert event.kind == "many_countries"
    assert event.figures == {"scans": 4, "countries": 4, "networks": 4, "hours": 24}
    scan_record(certificate=certificate, client_ip="200.1.1.1", country="BR")
    assert FlagEvent.objects.count() == 1  # the same reason is not repeated
    # The figures alone stay between the reviewers: the buyer's page says nothing yet.
    assert review_state(certificate=certificate) is None


def test_thresholds_come_from_settings(world, settings):
    settings.SCAN_FLAG_COUNTRIES = 10
    settings.SCAN_FLAG_NETWORKS = 2
    scans_from_many_places(world.certificate)
    assert list(FlagEvent.objects.values_list("kind", flat=True)) == ["many_networks"]
    settings.SCAN_FLAG_SCANS = 4
    scan_record(certificate=world.certificate, client_ip="200.1.1.1", country="")
    assert sorted(FlagEvent.objects.values_list("kind", flat=True)) == [
        "many_networks",
        "many_scans",
    ]
    assert CertificateFlag.objects.count() == 1


def test_a_scan_after_revocation_opens_a_case_unless_confirmed_counterfeit(world):
    staff = world.users["staff"]
    certificate = certificate_revoke(
        serial=world.certificate.serial, actor=staff, reason="Sale refunded"
    )
    scan_record(certificate=certificate, client_ip=PLACES[0][1], country="FR")
    [event] = FlagEvent.objects.all()
    assert event.kind == "after_revocation"
    from marketplace.authenticity.review import flag_confirm

    flag_confirm(actor=staff, serial=certificate.serial, note="Copies seen in Tunis")
    scan_record(certificate=certificate, client_ip=PLACES[1][1], country="DE")
    assert CertificateFlag.objects.filter(status="open").count() == 0
    assert review_state(certificate=certificate) == "confirmed"


def test_scans_already_judged_do_not_reopen_a_case(world):
    from marketplace.authenticity.review import flag_dismiss

    scans_from_many_places(world.certificate)
    flag_dismiss(actor=world.users["staff"], serial=world.certificate.serial, note="A fair")
    scan_record(certificate=world.certificate, client_ip="200.1.1.1", country="BR")
    assert CertificateFlag.objects.filter(status="open").count() == 0
    for country, ip in [("IT", "2.3.4.5"), ("ES", "3.4.5.6"), ("PT", "4.5.6.7")]:
        scan_record(certificate=world.certificate, client_ip=ip, country=country)
    # Four new countries since the decision: a new case.
    assert CertificateFlag.objects.filter(status="open").count() == 1


def test_reports_sent_before_cases_existed_open_one_case_each(world):
    from importlib import import_module

    from django.apps import apps

    from marketplace.authenticity.models import ScanReport

    migration = import_module(
        "marketplace.authenticity.migrations.0002_open_cases_for_unread_reports"
    )
    for reason in ("OTHER_SELLER", "DIFFERENT_PIECE"):
        ScanReport.objects.create(certificate=world.certificate, reason=reason, reporter="x")
    ScanReport.objects.create(
        certificate=world.independent, reason="OTHER", reporter="y", reviewed_at=timezone.now()
    )
    migration.open_cases(apps, None)
    [flag] = CertificateFlag.objects.all()
    assert flag.certificate == world.certificate and flag.status == "open"
    assert sorted(e.figures["reason"] for e in flag.events.all()) == [
        "DIFFERENT_PIECE",
        "OTHER_SELLER",
    ]


def test_scans_and_cases_leave_the_catalog_cache_alone(world, django_capture_on_commit_callbacks):
    from marketplace.core import catalog_version

    before = catalog_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        scans_from_many_places(world.certificate)  # scans, a case and its reason
    assert CertificateFlag.objects.count() == 1
    assert catalog_version.current() == before
    with django_capture_on_commit_callbacks(execute=True):  # a catalog write does bump it
        world.catalog.product("Brass lantern")
    assert catalog_version.current() != before


def test_robots_and_link_previews_are_not_scans(world):
    certificate = world.certificate
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "WhatsApp/2.23.20.0",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
    ):
        scan_record(
            certificate=certificate, client_ip="81.2.69.142", country="FR", user_agent=agent
        )
    assert CertificateScan.objects.filter(certificate=certificate).count() == 0
    phone = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36"
    scan_record(certificate=certificate, client_ip="81.2.69.142", country="FR", user_agent=phone)
    assert CertificateScan.objects.filter(certificate=certificate).count() == 1


def test_a_buyers_report_makes_the_open_case_public(world):
    from marketplace.authenticity.reports import scan_report_create

    certificate = world.certificate
    scan_report_create(
        serial=certificate.serial,
        reason="OTHER_SELLER",
        where="Souk",
        note="",
        client_ip="81.2.69.142",
        language_code="en",
    )
    assert review_state(certificate=certificate) == "open"
