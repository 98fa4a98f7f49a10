from __future__ import annotations

import base64
import json
from decimal import Decimal
from io import BytesIO

import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from PIL import Image

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError, NotFound
from marketplace.provenance.certificates import (
    certificate_check,
    certificate_check_token,
    certificate_issue,
    certificate_revoke,
    verify_url,
)
from marketplace.provenance.models import (
    Certificate,
    Material,
    Provenance,
    ProvenanceMaterial,
    SigningKey,
    Technique,
)
from marketplace.provenance.qr import qr_png
from marketplace.provenance.signing import b64url, b64url_decode, sign, signing_key_rotate
from marketplace.vendors.models import VendorMembership
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keys(settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"


@pytest.fixture
def piece(catalog):
    product = catalog.product("Sniwa tray")
    record = Provenance.objects.create(
        product=product,
        town="Constantine",
        region="Constantine",
        country="DZ",
        year_made=2026,
        production_kind="one_of_a_kind",
    )
    copper = Material.objects.create(slug="copper", name="Copper")
    ProvenanceMaterial.objects.create(
        provenance=record, material=copper, composition_percent=Decimal("99.9")
    )
    record.techniques.add(Technique.objects.create(slug="chasing", name="Chasing"))
    return product


def _user(email, *, vendor=None, role=None, staff=False):
    user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
    if vendor is not None:
        VendorMembership.objects.create(user=user, vendor=vendor, role=role)
    return user


def test_issue_signs_the_facts_and_verifies(piece):
    certificate = certificate_issue(product=piece, order_reference="ORD-1001")
    check = certificate_check(serial=certificate.serial)

    assert check.status == "VALID"
    assert len(certificate.serial.replace("-", "")) == 20
    facts = check.facts
    assert facts["product"]["name"] == "Sniwa tray"
    assert facts["workshop"]["name"] == "Atelier Souika"
    assert facts["cluster"] == {"name": "Constantine Cluster", "slug": "constantine"}
    assert facts["materials"] == [
        {"material": "Copper", "compositionPercent": "99.90", "hallmark": ""}
    ]
    assert facts["techniques"] == ["Chasing"]
    assert facts["orderReference"] == "ORD-1001"
    assert facts["id"] == verify_url(certificate.serial)
    header = json.loads(b64url_decode(certificate.token.split(".")[0]))
    assert header == {"alg": "EdDSA", "kid": certificate.signing_key.kid, "typ": "vc+jwt"}
    payload = json.loads(b64url_decode(certificate.token.split(".")[1]))
    assert payload["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert payload["type"] == ["VerifiableCredential", "AuthenticityCertificate"]


def test_serials_are_unique_and_unguessable(piece):
    serials = {certificate_issue(product=piece).serial for _ in range(20)}
    assert len(serials) == 20


def test_altered_content_fails(piece):
    certificate = certificate_issue(product=piece)
    header, payload, signature = certificate.token.split(".")
    facts = json.loads(b64url_decode(payload))
    facts["credentialSubject"]["workshop"]["town"] = "Shenzhen"
    forged = ".".join([header, b64url(json.dumps(facts).encode()), signature])

    assert certificate_check_token(token=forged).status == "INVALID"
    assert "altered" in certificate_check_token(token=forged).reason
    Certificate.objects.filter(pk=certificate.pk).update(token=forged)  # tampered at rest
    assert certificate_check(serial=certificate.serial).status == "INVALID"


def test_unknown_key_fails(piece):
    certificate = certificate_issue(product=piece)
    payload = json.loads(b64url_decode(certificate.token.split(".")[1]))
    rogue = Ed25519PrivateKey.generate()

    foreign = sign(payload, key=SigningKey(kid="rogue-key"), private_key=rogue)
    impostor = sign(
        payload, key=certificate.signing_key, private_key=rogue
    )  # a real kid, wrong key

    assert certificate_check_token(token=foreign).status == "INVALID"
    assert "never published" in certificate_check_token(token=foreign).reason
    assert certificate_check_token(token=impostor).status == "INVALID"
    assert certificate_check_token(token="not.a.jws").status == "INVALID"
    assert certificate_check_token(token="garbage").status == "INVALID"


def test_key_rotation_keeps_old_certificates_valid(piece, client):
    old = certificate_issue(product=piece)
    signing_key_rotate()
    new = certificate_issue(product=piece)

    assert old.signing_key.kid != new.signing_key.kid
    assert certificate_check(serial=old.serial).status == "VALID"
    assert certificate_check(serial=new.serial).status == "VALID"
    jwks = client.get("/.well-known/jwks.json").json()
    assert [k["kid"] for k in jwks["keys"]] == [old.signing_key.kid, new.signing_key.kid]
    assert SigningKey.objects.get(kid=old.signing_key.kid).retired_at is not None


def test_third_party_verifies_offline_with_the_published_jwks(piece, client):
    certificate = certificate_issue(product=piece)
    keys = {k["kid"]: k for k in client.get("/.well-known/jwks.json").json()["keys"]}
    header_b64, payload_b64, signature_b64 = certificate.token.split(".")
    header = json.loads(base64.urlsafe_b64decode(header_b64 + "=="))
    jwk = keys[header["kid"]]
    assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("OKP", "Ed25519", "EdDSA")
    public = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(jwk["x"] + "=="))
    public.verify(
        base64.urlsafe_b64decode(signature_b64 + "=="), f"{header_b64}.{payload_b64}".encode()
    )


def test_revocation_by_the_cluster_manager(piece, catalog):
    certificate = certificate_issue(product=piece)
    manager = _user("m@example.com", vendor=catalog.cluster, role="manager")

    certificate_revoke(serial=certificate.serial, actor=manager, reason="Sold as a copy")
    check = certificate_check(serial=certificate.serial)

    assert check.status == "REVOKED"
    assert check.reason == "Sold as a copy"
    assert check.certificate.revoked_at is not None
    with pytest.raises(DomainError, match="already revoked"):
        certificate_revoke(serial=certificate.serial, actor=manager, reason="again")


@pytest.mark.parametrize("who", ["other_manager", "workshop_owner", "buyer", "anonymous"])
def test_others_cannot_revoke_and_learn_nothing(piece, catalog, who):
    from django.contrib.auth.models import AnonymousUser

    certificate = certificate_issue(product=piece)
    actors = {
        "other_manager": lambda: _user("o@example.com", vendor=ClusterFactory(), role="manager"),
        "workshop_owner": lambda: _user("w@example.com", vendor=catalog.workshop, role="owner"),
        "buyer": lambda: _user("b@example.com"),
        "anonymous": AnonymousUser,
    }
    actor = actors[who]()
    with pytest.raises(NotFound) as denied:
        certificate_revoke(serial=certificate.serial, actor=actor, reason="no")
    with pytest.raises(NotFound) as missing:
        certificate_revoke(serial="NOPE-NOPE", actor=actor, reason="no")
    assert str(denied.value) == str(missing.value)
    assert certificate_check(serial=certificate.serial).status == "VALID"


def test_staff_revoke_and_a_reason_is_required(piece):
    certificate = certificate_issue(product=piece)
    staff = _user("s@example.com", staff=True)
    with pytest.raises(DomainError) as error:
        certificate_revoke(serial=certificate.serial, actor=staff, reason="  ")
    assert error.value.field == "reason"
    certificate_revoke(serial=certificate.serial, actor=staff, reason="Issued in error")
    assert certificate_check(serial=certificate.serial).status == "REVOKED"


def test_qr_code_decodes_back_to_the_verification_url(piece):
    certificate = certificate_issue(product=piece)
    url = verify_url(certificate.serial)
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(qr_png(url))))
    assert [code.text for code in decoded] == [url]


def test_verify_page_answers_valid_revoked_and_unknown(piece, client, catalog):
    certificate = certificate_issue(product=piece)
    page = client.get(f"/verify/{certificate.serial}/")
    assert page.status_code == 200
    assert b'data-status="VALID">\xe2\x9c\x94 Genuine<' in page.content
    assert b"Atelier Souika" in page.content and b"<svg" in page.content

    staff = _user("s@example.com", staff=True)
    certificate_revoke(serial=certificate.serial, actor=staff, reason="Copy")
    revoked = client.get(f"/verify/{certificate.serial}/")
    assert b'data-status="REVOKED">Revoked<' in revoked.content and b"Copy" in revoked.content

    # An unknown serial on the QR code's unprefixed URL lands on the language page, then 404.
    unknown = client.get("/verify/AAAAA-BBBBB-CCCCC-DDDDD/", follow=True)
    assert unknown.status_code == 404
    assert b'data-status="UNKNOWN">Unknown serial<' in unknown.content


@pytest.mark.django_db(transaction=True)
def test_printable_pdf_is_rendered_after_commit(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    certificate = certificate_issue(product=catalog.product("Tray"))
    certificate.refresh_from_db()
    assert certificate.pdf.name == f"certificates/{certificate.serial}.pdf"
    with certificate.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
