"""Issue 11: a cluster's invitation is for the address it was sent to. Another account that
opens the link is told so (the address masked) and nothing changes; an expired or used link
says so; the invited account applies into the cluster. In the domain and from the page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError
from marketplace.vendors import members
from marketplace.vendors.invitations import (
    InvitationState,
    invitation_check,
    mask_email,
)
from marketplace.vendors.models import (
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorMembership,
)
from marketplace.vendors.services import Application, vendor_apply

from .vendor_world import PASSWORD, VendorWorld, png_upload, rows

pytestmark = pytest.mark.django_db

APPLY_FORM = {
    "name": "Atelier Kamel",
    "town": "Constantine",
    "region": "Constantine",
    "country": "DZ",
    "artisan_card_number": "25-0099",
    "craft": "Dinanderie",
}


def _invite(vw: VendorWorld, email: str = "Kamel@Example.com") -> VendorInvitation:
    return members.cluster_member_invite(
        actor=vw.users["manager_a"], cluster_id=vw.cluster_a.pk, email=email
    )


def _kamel(vw: VendorWorld) -> User:
    user = User.objects.create_user("kamel@example.com", PASSWORD)
    vw.users["kamel"] = user
    return user


def _application() -> Application:
    return Application(
        name="Atelier Kamel",
        town="Constantine",
        region="Constantine",
        country="DZ",
        artisan_card_number="25-0099",
        documents=[png_upload()],
    )


def _watched() -> list[Any]:
    return rows(Vendor, VendorMembership, VendorInvitation, VendorDocument)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_the_address_is_masked_without_its_length() -> None:
    assert mask_email("kamel@example.com") == "k•••@e•••.com"
    assert mask_email("a@b.co.uk") == "a•••@b•••.uk"
    assert mask_email("averyveryverylongname@x.dz") == "a•••@x•••.dz"


def test_only_the_invited_address_can_apply_through_it(
    vw: VendorWorld, private_media: Path
) -> None:
    invitation = _invite(vw)
    before, files = _watched(), _files(private_media)
    with pytest.raises(DomainError) as refused:
        vendor_apply(
            actor=vw.users["buyer"], application=_application(), invitation_token=invitation.token
        )
    assert refused.value.code == "INVITATION_FOR_ANOTHER_ADDRESS"
    assert refused.value.field == "invitation"
    assert "k•••@e•••.com" in refused.value.message
    assert "kamel@example.com" not in refused.value.message.lower()
    assert _watched() == before and _files(private_media) == files
    # the manager of the cluster is not the invited workshop either
    with pytest.raises(DomainError):
        vendor_apply(
            actor=vw.users["manager_a"],
            application=_application(),
            invitation_token=invitation.token,
        )
    assert _watched() == before

    kamel = _kamel(vw)  # the address differs only in case from the one invited
    vendor = vendor_apply(
        actor=kamel, application=_application(), invitation_token=invitation.token
    )
    assert (vendor.cluster_id, vendor.status) == (vw.cluster_a.pk, "pending")
    invitation.refresh_from_db()
    assert invitation.accepted_by_id == vendor.pk


def test_a_used_invitation_is_refused_even_to_its_address(vw: VendorWorld) -> None:
    invitation = _invite(vw)
    kamel = _kamel(vw)
    vendor = vendor_apply(
        actor=kamel, application=_application(), invitation_token=invitation.token
    )
    Vendor.objects.filter(pk=vendor.pk).update(status="approved")  # no longer "already applied"
    before = _watched()
    with pytest.raises(DomainError) as refused:
        vendor_apply(actor=kamel, application=_application(), invitation_token=invitation.token)
    assert refused.value.code == "INVITATION_USED"
    assert _watched() == before
    assert invitation_check(actor=kamel, token=invitation.token).state == InvitationState.USED


def test_an_expired_invitation_is_refused_and_inviting_again_sends_a_new_link(
    vw: VendorWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = _invite(vw)
    kamel = _kamel(vw)
    VendorInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    before = _watched()
    with pytest.raises(DomainError) as refused:
        vendor_apply(actor=kamel, application=_application(), invitation_token=invitation.token)
    assert refused.value.code == "INVITATION_EXPIRED"
    assert _watched() == before

    with django_capture_on_commit_callbacks(execute=True):
        renewed = _invite(vw, "kamel@example.com")
    assert renewed.pk == invitation.pk and renewed.token != invitation.token
    assert renewed.token in mailoutbox[-1].body and invitation.token not in mailoutbox[-1].body
    assert "kamel@example.com only" in mailoutbox[-1].body
    old = invitation_check(actor=kamel, token=invitation.token)
    assert old.state == InvitationState.MISSING
    assert invitation_check(actor=kamel, token=renewed.token).state == InvitationState.VALID


def test_a_valid_invitation_is_resent_with_the_same_link(vw: VendorWorld) -> None:
    first = _invite(vw)
    again = _invite(vw, "kamel@example.com")
    assert again.token == first.token


# From the page ------------------------------------------------------------------------


def test_another_account_opening_the_link_is_told_it_is_for_another_address(
    vw: VendorWorld, private_media: Path
) -> None:
    invitation = _invite(vw)
    url = f"/en/workspace/apply/?invitation={invitation.token}"
    for actor in ("buyer", "owner_a", "manager_a", "staff"):
        response = vw.client(actor).get(url)
        body = response.content.decode()
        assert response.status_code == 403, actor
        assert 'data-state="other_address"' in body
        assert "This invitation is for another address" in body
        assert "k•••@e•••.com" in body
        assert "kamel@example.com" not in body.lower()
        assert 'id="apply-form"' not in body
        assert 'id="nav-members"' not in body  # not the inviting cluster's own navigation
    before, files = _watched(), _files(private_media)
    posted = vw.client("buyer").post(
        "/en/workspace/apply/",
        {
            **APPLY_FORM,
            "cluster": str(vw.cluster_a.pk),
            "invitation": invitation.token,
            "documents": [png_upload()],
        },
    )
    assert posted.status_code == 403
    assert 'data-state="other_address"' in posted.content.decode()
    assert _watched() == before and _files(private_media) == files


def test_the_invited_account_applies_from_the_link(vw: VendorWorld) -> None:
    invitation = _invite(vw)
    _kamel(vw)
    client = vw.client("kamel")
    form = client.get(f"/en/workspace/apply/?invitation={invitation.token}")
    assert form.status_code == 200
    assert 'data-testid="invitation"' in form.content.decode()
    response = client.post(
        "/en/workspace/apply/",
        {**APPLY_FORM, "invitation": invitation.token, "documents": [png_upload()]},
    )
    assert response.status_code == 302
    vendor = Vendor.objects.get(name="Atelier Kamel")
    assert vendor.cluster_id == vw.cluster_a.pk
    # the same link again: used
    again = client.get(f"/en/workspace/apply/?invitation={invitation.token}")
    assert again.status_code == 410
    assert 'data-state="used"' in again.content.decode()


def test_an_expired_or_unknown_link_says_so(vw: VendorWorld) -> None:
    invitation = _invite(vw)
    _kamel(vw)
    VendorInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    expired = vw.client("kamel").get(f"/fr/workspace/apply/?invitation={invitation.token}")
    assert expired.status_code == 410
    assert 'data-state="expired"' in expired.content.decode()
    unknown = vw.client("kamel").get("/ar/workspace/apply/?invitation=not-a-token")
    assert unknown.status_code == 404
    assert 'data-state="missing"' in unknown.content.decode()
    # someone else opening an expired link learns nothing more than that it expired
    other = vw.client("buyer").get(f"/en/workspace/apply/?invitation={invitation.token}")
    assert other.status_code == 410 and "k•••" not in other.content.decode()


def test_anonymous_visitors_log_in_first(vw: VendorWorld) -> None:
    invitation = _invite(vw)
    response = vw.client("anonymous").get(f"/en/workspace/apply/?invitation={invitation.token}")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_manager_sees_which_invitations_expired(vw: VendorWorld) -> None:
    invitation = _invite(vw)
    _invite(vw, "other@example.com")
    VendorInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=20)
    )
    body = vw.client("manager_a").get("/en/workspace/cluster/constantine/members/").content
    assert body.count(b'data-invitation="expired"') == 1
    assert body.count(b'data-invitation="invited"') == 1


def test_the_api_answers_the_same_refusal(vw: VendorWorld, private_media: Path) -> None:
    from tests.api.vendors.test_vendor_mutations import _apply

    invitation = _invite(vw)
    before = _watched()
    payload = _apply(vw, "buyer", [png_upload()], invitation=invitation.token)
    assert payload["vendor"] is None
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("invitation", "INVITATION_FOR_ANOTHER_ADDRESS")
    assert "k•••@e•••.com" in error["message"]
    assert _watched() == before
    _kamel(vw)
    accepted = _apply(vw, "kamel", [png_upload()], invitation=invitation.token)
    assert accepted["errors"] == [] and accepted["vendor"]["cluster"]["slug"] == "constantine"
    used = _apply(vw, "owner_b", [png_upload()], invitation=invitation.token)
    assert used["errors"][0]["code"] == "INVITATION_USED"
