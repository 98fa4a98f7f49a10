"""Issue 11: the onboarding, storefront editor and cluster manager pages, tried by every actor.
The wrong actor gets the 404 a missing workshop or cluster gets, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.vendors.models import (
    ListingReview,
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorMembership,
)

from .vendor_world import ACTORS, VendorWorld, rows

pytestmark = pytest.mark.django_db

CLUSTER_PAGES = (
    "members/",
    "members/nouveau/",
    "moderation/",
    "reports/",
    "reports.csv",
    "storefront/",
)
MANAGERS_OF_A = {"manager_a", "staff"}
OWNERS_OF_A = {"owner_a", "staff"}


def _status(vw: VendorWorld, actor: str, url: str) -> int:
    return vw.client(actor).get(url).status_code


@pytest.mark.parametrize("path", CLUSTER_PAGES)
def test_cluster_pages_answer_only_the_clusters_managers_and_staff(
    vw: VendorWorld, path: str
) -> None:
    url = f"/fr/workspace/cluster/constantine/{path}"
    missing = f"/fr/workspace/cluster/no-such-cluster/{path}"
    for actor in ACTORS:
        status = _status(vw, actor, url)
        if actor == "anonymous":
            assert status == 302, actor
        elif actor in MANAGERS_OF_A:
            assert status == 200, actor
        else:
            assert status == 404 == _status(vw, actor, missing), actor


@pytest.mark.parametrize("path", ("onboarding/", "storefront/"))
def test_workshop_pages_answer_only_its_owners_and_staff(vw: VendorWorld, path: str) -> None:
    url = f"/ar/workspace/workshop/souika/{path}"
    for actor in ACTORS:
        status = _status(vw, actor, url)
        if actor == "anonymous":
            assert status == 302
        elif actor in OWNERS_OF_A:
            assert status == 200, actor
        else:
            assert status == 404 == _status(vw, actor, "/ar/workspace/workshop/none/" + path)


def test_a_member_of_another_cluster_is_missing_from_this_one(vw: VendorWorld) -> None:
    client = vw.client("manager_a")
    assert client.get("/en/workspace/cluster/constantine/members/fidda/").status_code == 404
    assert client.get("/en/workspace/cluster/constantine/members/nouveau/").status_code == 200


WRITES: list[tuple[str, dict[str, Any]]] = [
    ("/en/workspace/cluster/constantine/members/nouveau/approve/", {}),
    ("/en/workspace/cluster/constantine/members/souika/suspend/", {"reason": "Late parcels"}),
    ("/en/workspace/cluster/constantine/members/invite/", {"email": "new@example.com"}),
    ("/en/workspace/cluster/constantine/moderation/setting/", {"moderates": "on"}),
    (
        "/en/workspace/cluster/constantine/storefront/",
        {"primary_color": "#123456", "secondary_color": "#eeeeee", "tagline": "Changed"},
    ),
]


def _watched() -> list[Any]:
    return rows(Vendor, VendorMembership, VendorInvitation, ListingReview, VendorDocument)


@pytest.mark.parametrize(("url", "data"), WRITES)
def test_a_write_by_the_wrong_actor_is_a_404_and_changes_nothing(
    vw: VendorWorld, url: str, data: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    missing = url.replace("/constantine/", "/no-such-cluster/")
    for actor in ("buyer", "owner_a", "owner_b", "manager_other", "applicant"):
        before = _watched()
        with django_capture_on_commit_callbacks() as scheduled:
            response = vw.client(actor).post(url, data)
        assert response.status_code == 404 == vw.client(actor).post(missing, data).status_code
        assert _watched() == before, actor
        assert scheduled == [], actor
    before = _watched()
    # nobody logged in: sent to log in, or (a large multipart body) refused unread
    assert vw.client("anonymous").post(url, data).status_code in (302, 403)
    assert (
        vw.client("anonymous")
        .post(url, data, content_type="application/x-www-form-urlencoded")
        .status_code
        == 302
    )
    assert _watched() == before


def test_the_manager_approves_and_the_applicant_sees_it(
    vw: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    manager = vw.client("manager_a")
    members = manager.get("/fr/workspace/cluster/constantine/members/").content.decode()
    assert 'data-slug="nouveau" data-status="pending"' in members
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post("/fr/workspace/cluster/constantine/members/nouveau/approve/")
    assert response.status_code == 302
    vw.applicant.refresh_from_db()
    assert vw.applicant.status == "approved"
    assert [m.to for m in mailoutbox] == [["applicant@example.com"]]
    page = vw.client("applicant").get("/fr/workspace/workshop/nouveau/onboarding/")
    assert 'data-step="approval" data-done="true"' in page.content.decode()


def test_suspending_needs_a_reason_and_hides_the_workshop(vw: VendorWorld) -> None:
    manager = vw.client("manager_a")
    url = "/en/workspace/cluster/constantine/members/souika/suspend/"
    manager.post(url, {"reason": ""})
    vw.workshop_a.refresh_from_db()
    assert vw.workshop_a.status == "approved"
    manager.post(url, {"reason": "Three parcels late"})
    vw.workshop_a.refresh_from_db()
    assert (vw.workshop_a.status, vw.workshop_a.status_note) == ("suspended", "Three parcels late")
    assert vw.client("anonymous").get("/en/w/souika/").status_code == 404


def test_an_invitation_opens_the_form_with_the_cluster_chosen(
    vw: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    manager = vw.client("manager_a")
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(
            "/en/workspace/cluster/constantine/members/invite/", {"email": "Kamel@Example.com"}
        )
    invitation = VendorInvitation.objects.get()
    assert invitation.email == "kamel@example.com"
    assert invitation.token in mailoutbox[0].body
    bad = manager.post("/en/workspace/cluster/constantine/members/invite/", {"email": "kamel@"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()
    # the account with the invited address (anyone else: tests/workspace/test_invitation_address.py)
    from marketplace.accounts.models import User

    vw.users["kamel"] = User.objects.create_user("kamel@example.com", "pw-123456789")
    form = vw.client("kamel").get(f"/en/workspace/apply/?invitation={invitation.token}")
    body = form.content.decode()
    assert 'data-testid="invitation"' in body
    assert f'<option value="{vw.cluster_a.pk}" selected>' in body


def test_the_member_page_lists_listings_orders_and_late_parcels(vw: VendorWorld) -> None:
    from .vendor_world import parcel

    parcel(vw.applicant, channel=vw.catalog.eur, country="FR", goods="40.00", days_ago=9)
    parcel(vw.applicant, channel=vw.catalog.eur, country="DE", goods="25.00", days_ago=1)
    vw.catalog.product("Lantern", vendor=vw.applicant)
    body = vw.client("manager_a").get("/en/workspace/cluster/constantine/members/nouveau/")
    text = body.content.decode()
    assert text.count('data-testid="late-parcel"') == 1
    assert text.count('data-testid="listing"') == 1
    assert "25-1234" in text
    members = vw.client("manager_a").get("/en/workspace/cluster/constantine/members/").content
    assert b"<b>1</b> late parcels" in members


APPLY_FORM = {
    "name": "Atelier Kamel",
    "town": "Constantine",
    "region": "Constantine",
    "country": "DZ",
    "artisan_card_number": "25-0099",
    "craft": "Dinanderie",
}


def test_a_buyer_applies_from_the_form_and_lands_on_the_checklist(vw: VendorWorld) -> None:
    from .vendor_world import png_upload

    client = vw.client("buyer")
    response = client.post(
        "/fr/workspace/apply/",
        {**APPLY_FORM, "cluster": str(vw.cluster_a.pk), "documents": [png_upload()]},
    )
    vendor = Vendor.objects.get(name="Atelier Kamel")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/workspace/workshop/{vendor.slug}/onboarding/"
    assert (vendor.status, vendor.cluster_id) == ("pending", vw.cluster_a.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'data-step="approval" data-done="false"' in page
    # the manager sees the application and can open the card, nobody else can
    document = VendorDocument.objects.get(vendor=vendor)
    url = f"/fr/workspace/cluster/constantine/members/{vendor.slug}/documents/{document.pk}/"
    download = vw.client("manager_a").get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    for actor in ("buyer", "owner_a", "manager_other"):
        assert vw.client(actor).get(url).status_code == 404, actor


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"country": "XX"}, "country"),
        ({"artisan_card_number": "<b>"}, "artisan_card_number"),
        ({"documents": []}, "documents"),
    ],
)
def test_a_bad_application_names_the_field_and_writes_nothing(
    vw: VendorWorld, changes: dict[str, Any], field: str
) -> None:
    from .vendor_world import png_upload

    before = _watched()
    data = {**APPLY_FORM, "documents": [png_upload()], **changes}
    response = vw.client("buyer").post("/en/workspace/apply/", data)
    assert response.status_code == 400
    assert f'data-field="{field}"' in response.content.decode()
    assert _watched() == before


def test_a_script_is_refused_as_a_document(vw: VendorWorld) -> None:
    from .vendor_world import svg_upload

    before = _watched()
    response = vw.client("buyer").post(
        "/ar/workspace/apply/", {**APPLY_FORM, "documents": [svg_upload()]}
    )
    assert response.status_code == 400
    assert 'data-field="documents"' in response.content.decode()
    assert _watched() == before


def test_the_storefront_editor_saves_and_refuses_a_light_colour(vw: VendorWorld) -> None:
    from .vendor_world import png_upload

    client = vw.client("owner_a")
    url = "/fr/workspace/workshop/souika/storefront/"
    page = client.get(url).content.decode()
    assert 'id="preview"' in page and "vendors.js" in page
    saved = client.post(
        url,
        {
            "tagline": "Cuivre martelé",
            "story": "Depuis 1962.\n\nTrois générations.",
            "primary_color": "#5d2a10",
            "secondary_color": "#f4e9dc",
            "logo": png_upload("logo.png"),
        },
    )
    assert saved.status_code == 302
    vw.workshop_a.refresh_from_db()
    assert vw.workshop_a.tagline == "Cuivre martelé"
    assert [b["data"]["text"] for b in vw.workshop_a.story["blocks"]] == [
        "Depuis 1962.",
        "Trois générations.",
    ]
    assert (
        vw.workshop_a.logo.name.startswith("vendors/logos/")
        and "logo" not in vw.workshop_a.logo.name.split("/")[-1]
    )
    before = _watched()
    refused = client.post(url, {"primary_color": "#fafafa", "secondary_color": "#ffffff"})
    assert refused.status_code == 400
    assert 'data-field="primary_color"' in refused.content.decode()
    assert _watched() == before


def test_the_workshop_sends_a_listing_for_review_from_its_checklist(vw: VendorWorld) -> None:
    from marketplace.vendors.members import cluster_moderation_set

    cluster_moderation_set(actor=vw.users["manager_a"], cluster_id=vw.cluster_a.pk, enabled=True)
    fresh = vw.catalog.product("Hammered ewer")
    owner = vw.client("owner_a")
    page = owner.get("/en/workspace/workshop/souika/onboarding/").content.decode()
    assert f'data-testid="own-review" data-product="{fresh.pk}"' in page
    assert f'data-product="{vw.product_a.pk}"' not in page  # approved when review was turned on
    url = f"/en/workspace/workshop/souika/review/{fresh.pk}/"
    before = _watched()
    for actor in ("owner_b", "manager_a", "buyer"):
        assert (
            vw.client(actor).post(url, content_type="application/x-www-form-urlencoded").status_code
            == 404
        )
    assert _watched() == before
    assert owner.post(url, content_type="application/x-www-form-urlencoded").status_code == 302
    assert ListingReview.objects.get(product=fresh).status == "pending"
    queue = (
        vw.client("manager_a").get("/en/workspace/cluster/constantine/moderation/").content.decode()
    )
    assert f'data-testid="review" data-product="{fresh.pk}"' in queue
    vw.client("manager_a").post(
        f"/en/workspace/cluster/constantine/moderation/{fresh.pk}/reject/",
        {"reason": "Blurred photos"},
    )
    review = ListingReview.objects.get(product=fresh)
    assert (review.status, review.reason) == ("rejected", "Blurred photos")
    assert (
        "Blurred photos" in owner.get("/en/workspace/workshop/souika/onboarding/").content.decode()
    )
