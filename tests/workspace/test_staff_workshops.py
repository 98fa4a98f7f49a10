"""Issue 11: marketplace staff approve independent workshops (those without a cluster) from
the workspace: the list with applicant, documents (through private links) and checklist;
approve, reject with a reason, suspend; the applicant told in their language. Anyone else,
logged in or not, gets the 404 of a missing page, and nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError, NotFound
from marketplace.vendors import applications, members
from marketplace.vendors.models import (
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorMembership,
    VendorStatus,
)
from marketplace.vendors.workspace import onboarding_checklist
from tests.factories import WorkshopFactory

from .vendor_world import PASSWORD, VendorWorld, png_upload, rows

pytestmark = pytest.mark.django_db

LIST = "/en/workspace/staff/workshops/"
NOT_STAFF = ("anonymous", "buyer", "owner_a", "owner_b", "manager_a", "manager_other")


def _independent(vw: VendorWorld, slug: str, *, language: str = "en", **fields: Any) -> Vendor:
    """A workshop that applied on its own, with its owner and its artisan card."""
    vendor = WorkshopFactory(
        slug=slug,
        name=f"Atelier {slug.title()}",
        cluster=None,
        status=VendorStatus.PENDING,
        craft="Poterie",
        town="Nabeul",
        region="Nabeul",
        country="TN",
        artisan_card_number=f"TN-{slug}",
        **fields,
    )
    owner = User.objects.create_user(f"{slug}@example.com", PASSWORD, language_code=language)
    vw.users[slug] = owner
    VendorMembership.objects.create(user=owner, vendor=vendor, role="owner")
    document = VendorDocument(vendor=vendor, kind="artisan_card", content_type="image/png", size=1)
    upload = png_upload()
    document.file.save("f3a1.png", ContentFile(upload.read()), save=False)
    document.size = document.file.size
    document.save()
    return vendor


def _watched() -> list[Any]:
    return rows(Vendor, VendorMembership, VendorInvitation, VendorDocument)


@pytest.fixture
def staff_world(vw: VendorWorld, private_media: Path, monkeypatch: Any) -> VendorWorld:
    # private links open the private storage: the test's own folder, as the documents'
    storage = VendorDocument._meta.get_field("file").storage
    monkeypatch.setattr("marketplace.core.private_links.private_storage", lambda: storage)
    _independent(vw, "nabeul", language="fr")
    _independent(vw, "djerba", contact_phone="+216 71 000 000")
    return vw


def _slug_url(slug: str, action: str) -> str:
    return f"/en/workspace/staff/workshops/{slug}/{action}/"


# Who sees the page --------------------------------------------------------------------


def test_only_staff_see_the_page_everyone_else_gets_the_missing_page(
    staff_world: VendorWorld,
) -> None:
    vw = staff_world
    page = vw.client("staff").get(LIST)
    assert page.status_code == 200
    for actor in (*NOT_STAFF, "nabeul"):
        response = vw.client(actor).get(LIST)
        missing = vw.client(actor).get("/en/workspace/staff/no-such-page/")
        assert response.status_code == 404 == missing.status_code, actor
        assert b"Atelier Nabeul" not in response.content


WRITES = [("approve", {}), ("reject", {"reason": "Card unreadable"}), ("suspend", {"reason": "x"})]


@pytest.mark.parametrize(("action", "data"), WRITES)
def test_a_decision_by_anyone_but_staff_is_a_404_and_changes_nothing(
    staff_world: VendorWorld,
    action: str,
    data: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    vw = staff_world
    for slug in ("nabeul",):
        for actor in (*NOT_STAFF, "nabeul"):
            before = _watched()
            with django_capture_on_commit_callbacks() as scheduled:
                response = vw.client(actor).post(_slug_url(slug, action), data)
                missing = vw.client(actor).post(_slug_url("no-such-workshop", action), data)
            assert response.status_code == 404 == missing.status_code, (actor, action)
            assert _watched() == before and scheduled == [], actor


def test_a_cluster_member_is_missing_from_the_staff_pages(staff_world: VendorWorld) -> None:
    """Workshops of a cluster are decided by their manager: here they do not exist."""
    vw = staff_world
    before = _watched()
    response = vw.client("staff").post(_slug_url("nouveau", "approve"))
    assert response.status_code == 404
    assert _watched() == before
    document = VendorDocument.objects.create(
        vendor=vw.applicant, kind="other", content_type="image/png", size=1, file="x.png"
    )
    assert (
        vw.client("staff").get(_slug_url("nouveau", f"documents/{document.pk}")).status_code == 404
    )


# The list ------------------------------------------------------------------------------


def test_the_list_shows_what_staff_decide_on(staff_world: VendorWorld) -> None:
    vw = staff_world
    body = vw.client("staff").get(LIST).content.decode()
    assert body.count('data-testid="staff-workshop"') == 2
    assert 'data-slug="nouveau"' not in body  # in a cluster: its manager's
    assert body.index('data-slug="nabeul"') < body.index('data-slug="djerba"')  # oldest first
    for text in ("Atelier Nabeul", "Nabeul", "Poterie", "nabeul@example.com", "TN-nabeul"):
        assert text in body
    assert body.count('data-testid="staff-document"') == 2
    assert 'data-step="approval" data-done="false"' in body
    assert 'data-tab="pending" aria-current="page">Waiting <span class="count-badge">2' in body
    assert 'id="nav-staff-workshops" aria-current="page"' in body


def test_the_dashboard_links_the_page_for_staff_only(staff_world: VendorWorld) -> None:
    vw = staff_world
    assert b'id="nav-staff-workshops"' in vw.client("staff").get("/en/workspace/").content
    for actor in ("buyer", "owner_a", "manager_a"):
        assert b"nav-staff-workshops" not in vw.client(actor).get("/en/workspace/").content


def test_the_checklist_agrees_with_the_workshops_own(staff_world: VendorWorld) -> None:
    vw = staff_world
    staff = vw.users["staff"]
    nabeul = Vendor.objects.get(slug="nabeul")
    vw.catalog.product("Jarre", vendor=nabeul)  # a published listing
    listed = {
        v.slug: applications.checklist(v)
        for v in applications.independent_workshops(actor=staff, status="pending")
    }
    for vendor in Vendor.objects.filter(slug__in=listed):
        assert listed[vendor.slug] == onboarding_checklist(vendor=vendor), vendor.slug
    assert [s.done for s in listed["nabeul"]] == [False, False, False, True]


def test_the_list_costs_the_same_for_2_or_12_applications(staff_world: VendorWorld) -> None:
    vw = staff_world

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = vw.client("staff").get(LIST)
            assert response.status_code == 200
        return len(queries)

    few = count()
    for i in range(10):
        _independent(vw, f"extra-{i}")
    assert count() == few


def test_a_document_opens_through_a_private_link_for_staff(staff_world: VendorWorld) -> None:
    vw = staff_world
    document = VendorDocument.objects.get(vendor__slug="nabeul")
    url = _slug_url("nabeul", f"documents/{document.pk}")
    staff = vw.client("staff")
    redirect = staff.get(url)
    assert redirect.status_code == 302 and redirect["Location"].startswith("/private/")
    opened = staff.get(redirect["Location"])
    assert opened.status_code == 200
    assert opened["Content-Type"] == "image/png"
    assert opened["Cache-Control"] == "private, no-store"
    assert b"".join(opened.streaming_content).startswith(b"\x89PNG")
    # the signed link is for this staff member only
    for actor in ("buyer", "nabeul", "manager_a"):
        assert vw.client(actor).get(redirect["Location"]).status_code == 404, actor
        assert vw.client(actor).get(url).status_code == 404, actor
    other = VendorDocument.objects.get(vendor__slug="djerba")
    assert staff.get(_slug_url("nabeul", f"documents/{other.pk}")).status_code == 404


# Decisions -----------------------------------------------------------------------------


def test_staff_approve_and_the_applicant_is_told_in_their_language(
    staff_world: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vw = staff_world
    assert vw.client("anonymous").get("/en/w/nabeul/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = vw.client("staff").post(_slug_url("nabeul", "approve"))
    assert response.status_code == 302 and response["Location"].endswith("?status=pending")
    assert Vendor.objects.get(slug="nabeul").status == "approved"
    assert [m.to for m in mailoutbox] == [["nabeul@example.com"]]
    assert "/fr/workspace/workshop/nabeul/onboarding/" in mailoutbox[0].body
    assert vw.client("anonymous").get("/en/w/nabeul/").status_code == 200
    body = vw.client("staff").get(LIST + "?status=approved").content.decode()
    assert 'data-slug="nabeul" data-status="approved"' in body
    assert 'data-action="suspend"' in body


def test_rejecting_needs_a_reason_and_tells_the_applicant(
    staff_world: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vw = staff_world
    staff = vw.client("staff")
    before = _watched()
    with django_capture_on_commit_callbacks(execute=True):
        refused = staff.post(_slug_url("djerba", "reject"), {"reason": "  "})
    assert refused.status_code == 302
    assert _watched() == before and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(_slug_url("djerba", "reject"), {"reason": "The card photo cannot be read."})
    djerba = Vendor.objects.get(slug="djerba")
    assert (djerba.status, djerba.status_note) == ("rejected", "The card photo cannot be read.")
    assert mailoutbox[0].to == ["djerba@example.com"]
    assert "The card photo cannot be read." in mailoutbox[0].body
    assert "/en/workspace/apply/" in mailoutbox[0].body
    assert vw.client("anonymous").get("/en/w/djerba/").status_code == 404
    # the applicant reads why on their checklist and may apply again
    page = vw.client("djerba").get("/en/workspace/workshop/djerba/onboarding/").content.decode()
    assert 'data-testid="rejected-note"' in page and "cannot be read" in page
    listed = staff.get(LIST + "?status=rejected").content.decode()
    assert 'data-slug="djerba" data-status="rejected"' in listed


def test_only_a_pending_application_is_rejected(staff_world: VendorWorld) -> None:
    vw = staff_world
    nabeul = Vendor.objects.get(slug="nabeul")
    members.cluster_member_approve(actor=vw.users["staff"], vendor_id=nabeul.pk)
    with pytest.raises(DomainError) as refused:
        members.workshop_application_reject(
            actor=vw.users["staff"], vendor_id=nabeul.pk, reason="Too late"
        )
    assert refused.value.code == "INVALID_STATUS"
    assert Vendor.objects.get(pk=nabeul.pk).status == "approved"


def test_staff_suspend_an_approved_workshop_and_reinstate_it(staff_world: VendorWorld) -> None:
    vw = staff_world
    staff = vw.client("staff")
    staff.post(_slug_url("nabeul", "approve"))
    staff.post(_slug_url("nabeul", "suspend"), {"reason": "Counterfeit pieces reported"})
    nabeul = Vendor.objects.get(slug="nabeul")
    assert (nabeul.status, nabeul.status_note) == ("suspended", "Counterfeit pieces reported")
    assert vw.client("anonymous").get("/en/w/nabeul/").status_code == 404
    staff.post(_slug_url("nabeul", "approve"))
    assert Vendor.objects.get(slug="nabeul").status == "approved"


def test_a_get_never_decides(staff_world: VendorWorld) -> None:
    vw = staff_world
    before = _watched()
    for action in ("approve", "reject", "suspend"):
        assert vw.client("staff").get(_slug_url("nabeul", action)).status_code == 405
    assert _watched() == before


def test_the_reads_refuse_anyone_but_staff(staff_world: VendorWorld) -> None:
    vw = staff_world
    for actor in ("buyer", "manager_a", "owner_a"):
        with pytest.raises(NotFound):
            applications.independent_workshops(actor=vw.users[actor], status="pending")
        with pytest.raises(NotFound):
            applications.status_counts(actor=vw.users[actor])


def test_a_new_independent_application_mails_staff_the_page(
    vw: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from marketplace.vendors.services import Application, vendor_apply

    with django_capture_on_commit_callbacks(execute=True):
        vendor_apply(
            actor=vw.users["buyer"],
            application=Application(
                name="Atelier Sfax",
                town="Sfax",
                region="Sfax",
                country="TN",
                artisan_card_number="TN-77",
                documents=[png_upload()],
            ),
        )
    [mail] = mailoutbox
    assert mail.to == ["staff@example.com"]
    assert "/en/account/login/?next=%2Fen%2Fworkspace%2Fstaff%2Fworkshops%2F" in mail.body
