"""Issue 11: cluster managers attest provenance and verify claims with evidence from the
workspace; workshops state claims with evidence from their listing. Tried from the outside by
every actor: the wrong one gets the 404 of a missing claim or product, and nothing changes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.provenance import review
from marketplace.provenance.models import Attestation, Claim
from marketplace.provenance.services import claim_create, claim_verify
from tests.security.upload_samples import pdf_bytes

from .vendor_world import ACTORS, VendorWorld, png_upload, rows

pytestmark = pytest.mark.django_db

DESK = "/en/workspace/cluster/constantine/provenance/"
MANAGERS_OF_A = {"manager_a", "staff"}


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def pdf(name: str = "label.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def _claim(vw: VendorWorld, product: Any = None, **changes: Any) -> Claim:
    product = product or vw.product_a
    owner = "owner_a" if product.vendor_id == vw.workshop_a.pk else "owner_b"
    fields: dict[str, Any] = {
        "kind": "geographical_indication",
        "title": "Cuivre de Constantine",
        "issuing_body": "ANART",
        "valid_from": date(2026, 1, 1),
        "evidence": pdf(),
        **changes,
    }
    return claim_create(actor=vw.users[owner], product_id=product.pk, **fields)


def _product_b(vw: VendorWorld) -> Any:
    return vw.catalog.product("Silver fibula", vendor=vw.workshop_b)


def test_desk_lists_claims_with_evidence_and_pieces_to_attest(vw: VendorWorld) -> None:
    claim = _claim(vw)
    _claim(vw, _product_b(vw), title="Argent des Aurès")  # another cluster's: not shown
    page = vw.client("manager_a").get(DESK)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="claim"') == 1
    assert "Cuivre de Constantine" in html and "Argent des Aurès" not in html
    assert f'data-product="{vw.product_a.pk}"' in html  # to attest
    assert "Silver fibula" not in html
    evidence = vw.client("manager_a").get(f"{DESK}claims/{claim.pk}/evidence/")
    assert evidence.status_code == 302 and evidence["Location"].startswith("/private/")
    document = vw.client("manager_a").get(evidence["Location"])
    assert document.status_code == 200
    assert b"".join(document.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_verify_with_an_expiry_shows_the_badge_until_then(vw: VendorWorld, client: Any) -> None:
    claim = _claim(vw)
    expiry = timezone.localdate() + timedelta(days=200)
    response = vw.client("manager_a").post(
        f"{DESK}claims/{claim.pk}/verify/", {f"verify-{claim.pk}-valid_until": expiry.isoformat()}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.verified_at is not None and claim.valid_until == expiry
    assert claim.verified_by == vw.users["manager_a"]
    product_page = client.get(f"/en/p/{vw.product_a.slug}/").content.decode()
    assert 'id="claims"' in product_page and "Cuivre de Constantine" in product_page


def test_verify_refuses_a_past_expiry_and_changes_nothing(vw: VendorWorld) -> None:
    claim = _claim(vw)
    before = rows(Claim)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = vw.client("manager_a").post(
        f"{DESK}claims/{claim.pk}/verify/", {f"verify-{claim.pk}-valid_until": past}
    )
    assert response.status_code == 400
    assert "This date has passed" in response.content.decode()
    assert rows(Claim) == before
    with pytest.raises(DomainError):
        claim_verify(actor=vw.users["manager_a"], claim_id=claim.pk, valid_until=date(2025, 1, 1))
    assert rows(Claim) == before


def test_reject_needs_a_reason_and_the_workshop_reads_it(vw: VendorWorld) -> None:
    claim = _claim(vw)
    url = f"{DESK}claims/{claim.pk}/reject/"
    blank = vw.client("manager_a").post(url, {f"reject-{claim.pk}-reason": "  "})
    assert blank.status_code == 400
    assert Claim.objects.get(pk=claim.pk).rejected_at is None
    response = vw.client("manager_a").post(
        url, {f"reject-{claim.pk}-reason": "The certificate is for another workshop"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.rejected_at is not None and claim.verified_at is None
    mine = vw.client("owner_a").get(f"/en/workspace/w/souika/listings/{vw.product_a.pk}/claims/")
    html = mine.content.decode()
    assert 'data-status="rejected"' in html
    assert "The certificate is for another workshop" in html
    desk = vw.client("manager_a").get(DESK).content.decode()
    assert 'data-testid="claim"' not in desk and 'data-testid="decided-claim"' in desk


def test_attest_shows_the_badge_and_withdraw_takes_it_back(vw: VendorWorld, client: Any) -> None:
    url = f"{DESK}products/{vw.product_a.pk}/attest/"
    response = vw.client("manager_a").post(url, {f"attest-{vw.product_a.pk}-note": "Seen at work"})
    assert response.status_code == 302
    attestation = Attestation.objects.get(product=vw.product_a)
    assert attestation.cluster == vw.cluster_a and attestation.note == "Seen at work"
    page = client.get(f"/en/p/{vw.product_a.slug}/").content.decode()
    assert 'data-testid="attestation"' in page and vw.cluster_a.name in page
    desk = vw.client("manager_a").get(DESK).content.decode()
    assert f'data-product="{vw.product_a.pk}"' not in desk  # no longer waiting
    assert 'data-testid="attested"' in desk
    vw.client("manager_a").post(f"{DESK}products/{vw.product_a.pk}/withdraw/")
    assert not Attestation.objects.exists()
    assert (
        'data-testid="attestation"'
        not in client.get(f"/en/p/{vw.product_a.slug}/").content.decode()
    )


@pytest.mark.parametrize(
    "write",
    ["claims/{claim}/verify/", "claims/{claim}/reject/", "products/{product}/attest/"],
)
def test_wrong_actor_gets_the_missing_404_and_nothing_changes(vw: VendorWorld, write: str) -> None:
    claim = _claim(vw)
    url = DESK + write.format(claim=claim.pk, product=vw.product_a.pk)
    missing = DESK + write.format(claim=claim.pk + 1000, product=vw.product_a.pk + 1000)
    data = {
        f"reject-{claim.pk}-reason": "No",
        f"verify-{claim.pk}-valid_until": "",
        f"attest-{vw.product_a.pk}-note": "",
    }
    before = rows(Claim, Attestation)
    for actor in ACTORS:
        if actor in MANAGERS_OF_A:
            continue
        client = vw.client(actor)
        status = client.post(url, data).status_code
        if actor == "anonymous":
            assert status == 302, actor
        else:
            assert status == 404 == client.post(missing, data).status_code, actor
        assert rows(Claim, Attestation) == before, actor
    # The other cluster's manager, on their own desk, naming A's claim or product.
    other = "/en/workspace/cluster/batna/provenance/" + write.format(
        claim=claim.pk, product=vw.product_a.pk
    )
    assert vw.client("manager_other").post(other, data).status_code == 404
    assert rows(Claim, Attestation) == before


def test_desk_and_evidence_answer_only_the_clusters_managers(vw: VendorWorld) -> None:
    claim = _claim(vw)
    evidence = f"{DESK}claims/{claim.pk}/evidence/"
    for actor in ACTORS:
        client = vw.client(actor)
        for url in (DESK, evidence):
            status = client.get(url).status_code
            if actor == "anonymous":
                assert status == 302
            elif actor in MANAGERS_OF_A:
                assert status in (200, 302), (actor, url)
            else:
                assert status == 404, (actor, url)
    other = f"/en/workspace/cluster/batna/provenance/claims/{claim.pk}/evidence/"
    assert vw.client("manager_other").get(other).status_code == 404


def test_services_scope_the_verifier(vw: VendorWorld) -> None:
    claim = _claim(vw)
    before = rows(Claim, Attestation)
    for actor in ("buyer", "owner_a", "owner_b", "manager_other"):
        with pytest.raises(NotFound):
            review.claim_reject(actor=vw.users[actor], claim_id=claim.pk, reason="no")
        with pytest.raises(NotFound):
            claim_verify(actor=vw.users[actor], claim_id=claim.pk)
        with pytest.raises(NotFound):
            review.attestation_withdraw(actor=vw.users[actor], product_id=vw.product_a.pk)
    assert rows(Claim, Attestation) == before


def test_a_verifier_can_overturn_a_rejection_and_reject_a_verified_claim(vw: VendorWorld) -> None:
    claim = _claim(vw)
    manager = vw.users["manager_a"]
    review.claim_reject(actor=manager, claim_id=claim.pk, reason="Unreadable scan")
    verified = claim_verify(actor=manager, claim_id=claim.pk)
    assert verified.rejected_at is None and verified.rejection_reason == ""
    rejected = review.claim_reject(actor=manager, claim_id=claim.pk, reason="Expired label")
    assert rejected.verified_at is None and rejected.rejection_reason == "Expired label"


def test_desk_costs_the_same_sql_for_2_or_12_members_pieces(vw: VendorWorld) -> None:
    client = vw.client("manager_a")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DESK).status_code == 200
        return len(captured)

    def more(n: int) -> None:
        for index in range(n):
            product = vw.catalog.product(f"Ewer {Claim.objects.count()}-{index}")
            _claim(vw, product, title=f"Label {index}")
            review_target = _claim(vw, product, title=f"Old label {index}")
            review.claim_reject(
                actor=vw.users["manager_a"], claim_id=review_target.pk, reason="Old"
            )

    more(2)
    client.get(DESK)
    few = queries()
    more(10)
    assert queries() == few


LISTING_CLAIMS = "/en/workspace/w/souika/listings/{pk}/claims/"


def _claim_form(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "craft_label",
        "title": "Label artisanal",
        "issuing_body": "Chambre de l'artisanat",
        "valid_from": "2026-01-01",
        "valid_until": "",
        "evidence": pdf(),
        **changes,
    }


def test_owner_states_a_claim_with_evidence_from_the_listing(vw: VendorWorld) -> None:
    url = LISTING_CLAIMS.format(pk=vw.product_a.pk)
    owner = vw.client("owner_a")
    page = owner.get(url).content.decode()
    assert 'accept="application/pdf,image/*"' in page
    response = owner.post(url, _claim_form(evidence=png_upload("photo-of-label.png")))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.product == vw.product_a and claim.evidence.name.endswith(".png")
    assert "photo-of-label" not in claim.evidence.name
    assert 'data-status="pending"' in owner.get(url).content.decode()
    editor = owner.get(f"/en/workspace/w/souika/listings/{vw.product_a.pk}/").content.decode()
    assert f"/listings/{vw.product_a.pk}/claims/" in editor


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        (
            {"evidence": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")},
            "cannot be used as evidence",
        ),
        ({"valid_until": "2025-01-01"}, "cannot expire before it starts"),
        ({"title": ""}, "This field is required"),
        ({"evidence": ""}, "This field is required"),
    ],
)
def test_a_bad_claim_is_explained_and_nothing_is_stored(
    vw: VendorWorld, private_root: Path, changes: dict[str, Any], words: str
) -> None:
    response = vw.client("owner_a").post(
        LISTING_CLAIMS.format(pk=vw.product_a.pk), _claim_form(**changes)
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Claim.objects.exists()
    assert not private_root.exists() or not any(private_root.rglob("*.*"))


def test_listing_claims_answer_only_the_workshops_people(vw: VendorWorld) -> None:
    url = LISTING_CLAIMS.format(pk=vw.product_a.pk)
    for actor in ACTORS:
        if actor in ("owner_a", "staff"):
            continue
        client = vw.client(actor)
        get, post = client.get(url).status_code, client.post(url, _claim_form()).status_code
        assert (get, post) == ((302, 302) if actor == "anonymous" else (404, 404)), actor
    assert not Claim.objects.exists()
    # B's owner naming A's product under B's workshop.
    other = f"/en/workspace/w/fidda/listings/{vw.product_a.pk}/claims/"
    assert vw.client("owner_b").post(other, _claim_form()).status_code == 404
    assert not Claim.objects.exists()


def test_verifiers_and_owners_are_mailed_in_their_language(
    vw: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from marketplace.accounts.models import User

    User.objects.filter(pk=vw.users["owner_a"].pk).update(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        claim = _claim(vw)
    received = [m for m in mailoutbox if m.to == [vw.users["manager_a"].email]]
    assert len(received) == 1 and "Cuivre de Constantine" in received[0].subject
    assert "/workspace/cluster/constantine/provenance/" in received[0].body
    assert not [m for m in mailoutbox if m.to == [vw.users["manager_other"].email]]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.claim_reject(
            actor=vw.users["manager_a"], claim_id=claim.pk, reason="Scan unreadable"
        )
    (mail,) = mailoutbox
    assert mail.to == [vw.users["owner_a"].email]
    assert "Scan unreadable" in mail.body
    assert f"/fr/workspace/w/souika/listings/{vw.product_a.pk}/claims/" in mail.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_verify(actor=vw.users["manager_a"], claim_id=claim.pk)
        claim_verify(actor=vw.users["manager_a"], claim_id=claim.pk)  # again: no second mail
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [vw.users["owner_a"].email]
