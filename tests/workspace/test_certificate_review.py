"""Certificates to review, from the outside: who sees the queue and a case (staff, the
workshop's owners and staff, its cluster's managers), what a vendor sees of a network (a
code, never the block), the decisions, and the wrong actor answered as a missing serial with
nothing changed. The buyer's certificate page stays open and says "under review"."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.authenticity.models import CertificateFlag, FlagEvent, ScanReport
from marketplace.provenance.certificates import certificate_issue
from marketplace.provenance.models import Certificate
from tests.workspace.certificate_world import (
    CertificateWorld,
    build,
    flagged,
    scans_from_many_places,
)

pytestmark = pytest.mark.django_db

REVIEWERS = ("owner_a", "staff_a", "manager_a", "staff")
STRANGERS = ("buyer", "owner_b", "manager_other", "owner_alone")
MISSING = "ZZZZZZZZZZZZZZZZZZZZ"


@pytest.fixture
def world(settings, tmp_path) -> CertificateWorld:
    settings.SCAN_FLAG_COUNTRIES = 3
    world = build(settings, tmp_path)
    flagged(world)
    return world


def _as(world: CertificateWorld, actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        client.force_login(world.users[actor])
    return client


def _post(client: Client, url: str, data: dict[str, str]):
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def _state() -> tuple:
    return (
        list(CertificateFlag.objects.order_by("pk").values_list("status", "decided_at")),
        FlagEvent.objects.count(),
        list(Certificate.objects.order_by("pk").values_list("status", "revocation_reason")),
        ScanReport.objects.filter(reviewed_at__isnull=True).count(),
    )


def test_the_queue_shows_each_reviewer_the_cases_of_their_pieces(world):
    serial = world.certificate.serial
    for actor in REVIEWERS:
        html = _as(world, actor).get("/en/workspace/certificates/").content.decode()
        assert f'data-serial="{serial}"' in html, actor
        assert "Scanned from 4 countries within 24 h" in html
        assert "Reported by a buyer: Sold by someone other than the workshop" in html
    for actor in STRANGERS:
        html = _as(world, actor).get("/en/workspace/certificates/").content.decode()
        assert 'data-testid="case"' not in html and 'id="no-cases"' in html, actor
    anonymous = Client().get("/en/workspace/certificates/")
    assert anonymous.status_code == 302 and "/en/account/login/" in anonymous["Location"]


def test_a_case_shows_scans_and_reports_and_vendors_never_see_a_network(world):
    url = f"/en/workspace/certificates/{world.certificate.serial}/"
    for actor in ("owner_a", "manager_a"):
        html = _as(world, actor).get(url).content.decode()
        assert html.count('data-testid="scan"') == 5 and 'data-testid="report"' in html
        assert "Marché de Tunis" in html and "Tunisia" in html and "Germany" in html
        assert "81.2.69.0/24" not in html and "81.2.69" not in html and "N-" in html
    staff = _as(world, "staff").get(url).content.decode()
    assert "81.2.69.0/24" in staff  # the coarse block, never an address
    assert "81.2.69.10" not in staff


def test_the_wrong_actor_gets_the_missing_serials_404_and_nothing_changes(world):
    serial = world.certificate.serial
    before = _state()
    for actor in STRANGERS:
        client = _as(world, actor)
        missing = client.get(f"/en/workspace/certificates/{MISSING}/")
        foreign = client.get(f"/en/workspace/certificates/{serial}/")
        assert missing.status_code == foreign.status_code == 404, actor
        assert missing.content == foreign.content
        for action, data in (
            ("dismiss", {"note": "fine"}),
            ("confirm", {"note": "fake", "revoke": "on"}),
            ("note", {"note": "hello"}),
        ):
            url = f"/en/workspace/certificates/{{}}/{action}/"
            answer = _post(client, url.format(serial), data)
            assert answer.status_code == 404, (actor, action)
            assert answer.content == _post(client, url.format(MISSING), data).content
            # an invalid form is no way round it either
            assert _post(client, url.format(serial), {}).status_code == 404
    anonymous = _post(Client(), f"/en/workspace/certificates/{serial}/dismiss/", {"note": ""})
    assert anonymous.status_code == 302
    assert _state() == before


def test_dismissing_closes_the_case_and_the_buyers_page_says_nothing_more(world):
    serial = world.certificate.serial
    verify = Client().get(f"/en/verify/{serial}/").content.decode()
    assert 'data-status="VALID"' in verify and 'id="under-review"' in verify
    client = _as(world, "manager_a")
    done = _post(client, f"/en/workspace/certificates/{serial}/dismiss/", {"note": "A fair"})
    assert done.status_code == 302
    flag = CertificateFlag.objects.get()
    assert (flag.status, flag.decided_by) == ("dismissed", world.users["manager_a"])
    assert ScanReport.objects.filter(reviewed_at__isnull=True).count() == 0
    assert 'id="under-review"' not in Client().get(f"/en/verify/{serial}/").content.decode()
    again = client.post(f"/en/workspace/certificates/{serial}/dismiss/", {}, follow=True)
    assert "not under review any more" in again.content.decode()
    assert FlagEvent.objects.filter(kind="dismissed").count() == 1


def test_confirming_with_revocation_revokes_through_the_certificate_service(world):
    serial = world.certificate.serial
    client = _as(world, "manager_a")
    assert 'name="revoke"' in client.get(f"/en/workspace/certificates/{serial}/").content.decode()
    empty = _post(client, f"/en/workspace/certificates/{serial}/confirm/", {"note": " "})
    assert empty.status_code == 400 and _state()[0][0][0] == "open"
    done = _post(
        client,
        f"/en/workspace/certificates/{serial}/confirm/",
        {"note": "Copies sold in Tunis", "revoke": "on"},
    )
    assert done.status_code == 302
    certificate = Certificate.objects.get(pk=world.certificate.pk)
    assert (certificate.status, certificate.revocation_reason) == (
        "revoked",
        "Copies sold in Tunis",
    )
    assert CertificateFlag.objects.get().status == "confirmed"
    verify = Client().get(f"/en/verify/{serial}/").content.decode()
    assert 'data-status="REVOKED"' in verify


def test_the_workshop_reads_and_notes_its_case_but_does_not_decide_it(world):
    """The piece's own workshop is a suspect party: it may not close its case."""
    serial = world.certificate.serial
    client = _as(world, "owner_a")
    page = client.get(f"/en/workspace/certificates/{serial}/").content.decode()
    assert 'id="decided-by-others"' in page
    assert 'id="confirm-form"' not in page and 'id="dismiss-form"' not in page
    before = _state()
    for action, data in (("confirm", {"note": "fake"}), ("dismiss", {"note": "all fine"})):
        refused = _post(client, f"/en/workspace/certificates/{serial}/{action}/", data)
        assert refused.status_code == 400
        assert "decide this case" in refused.content.decode()
        assert _state() == before
    noted = _post(client, f"/en/workspace/certificates/{serial}/note/", {"note": "Sold in Lyon"})
    assert noted.status_code == 302


def test_a_manager_confirms_without_revoking_and_the_page_warns_of_copies(world):
    serial = world.certificate.serial
    client = _as(world, "manager_a")
    _post(client, f"/en/workspace/certificates/{serial}/confirm/", {"note": "Copies seen"})
    assert Certificate.objects.get(pk=world.certificate.pk).status == "valid"
    verify = Client().get(f"/en/verify/{serial}/").content.decode()
    assert 'data-status="VALID"' in verify and 'id="copies-known"' in verify


def test_notes_join_the_history(world):
    serial = world.certificate.serial
    client = _as(world, "staff_a")
    assert (
        _post(client, f"/en/workspace/certificates/{serial}/note/", {"note": ""}).status_code == 400
    )
    _post(
        client,
        f"/en/workspace/certificates/{serial}/note/",
        {"note": "Asked the buyer for a photo"},
    )
    html = client.get(f"/en/workspace/certificates/{serial}/").content.decode()
    assert 'data-kind="note"' in html and "Asked the buyer for a photo" in html
    assert CertificateFlag.objects.get().status == "open"


def test_the_queue_costs_the_same_queries_for_3_cases_as_for_12(world, settings):
    client = _as(world, "manager_a")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/workspace/certificates/").status_code == 200
        return len(captured)

    for _ in range(2):
        scans_from_many_places(certificate_issue(product=world.catalog.product()))
    few = queries()
    for _ in range(9):
        scans_from_many_places(certificate_issue(product=world.catalog.product()))
    assert CertificateFlag.objects.count() == 12
    assert queries() == few


def test_a_case_costs_the_same_queries_for_5_scans_as_for_60(world):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.authenticity.models import CertificateScan

    client = _as(world, "staff_a")
    url = f"/en/workspace/certificates/{world.certificate.serial}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    CertificateScan.objects.bulk_create(
        CertificateScan(
            certificate=world.certificate,
            scanned_at=timezone.now() - timedelta(days=2, minutes=n),
            country=["IT", "ES", "BE"][n % 3],
            network=f"10.1.{n}.0/24",
        )
        for n in range(55)
    )
    for n in range(3):
        _post(client, f"{url}note/", {"note": f"Note {n}"})
    assert queries() == few


def test_the_workspace_front_page_leads_reviewers_to_the_queue(world):
    html = _as(world, "manager_a").get("/en/workspace/").content.decode()
    assert 'id="certificates-link"' in html and 'id="certificates-count">1<' in html
    assert (
        'id="certificates-count">0<' in _as(world, "owner_b").get("/en/workspace/").content.decode()
    )
    assert (
        'id="certificates-link"' not in _as(world, "buyer").get("/en/workspace/").content.decode()
    )
