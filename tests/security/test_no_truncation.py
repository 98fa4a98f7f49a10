"""Text longer than its column is refused with an error naming the field, never cut to fit
(issue 8, item 11): tracking numbers, revocation reasons, claim titles, provenance fields and
the order reference signed into a certificate. Nothing is written; nothing logged at error."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import User
from marketplace.orders.models import OrderStatus, VendorOrder
from marketplace.provenance.models import (
    Certificate,
    CertificateStatus,
    Claim,
    Material,
    Provenance,
    ProvenancePhoto,
)
from marketplace.vendors.models import VendorMembership
from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.helpers import to_global_id

from .upload_samples import png_bytes

pytestmark = pytest.mark.django_db

ERRORS = "errors { field code message }"
CLAIM = f"""mutation($p: ID!, $t: String!, $b: String!) {{ productClaimCreate(product: $p,
  input: {{kind: CRAFT_LABEL, title: $t, issuingBody: $b, validFrom: "2026-01-01"}})
  {{ claim {{ title }} {ERRORS} }} }}"""
PROVENANCE = f"""mutation($p: ID!, $i: ProvenanceInput!) {{
  productProvenanceUpdate(product: $p, input: $i) {{ provenance {{ hsCode }} {ERRORS} }} }}"""
ISSUE = f"""mutation($p: ID!, $r: String) {{ certificateIssue(product: $p, orderReference: $r)
  {{ certificate {{ serial }} {ERRORS} }} }}"""
REVOKE = f"""mutation($s: String!, $r: String!) {{ certificateRevoke(serial: $s, reason: $r)
  {{ certificate {{ status }} {ERRORS} }} }}"""
PHOTO = f"""mutation($p: ID!, $f: Upload!, $a: String) {{ provenancePhotoAdd(product: $p,
  image: $f, alt: $a) {{ photo {{ alt }} {ERRORS} }} }}"""
FULFILL = f"""mutation($order: ID, $line: ID, $quantity: Int!, $warehouse: ID!, $t: String) {{
  orderFulfill(order: $order, input: {{trackingNumber: $t, lines: [{{orderLineId: $line,
    stocks: [{{quantity: $quantity, warehouse: $warehouse}}]}}]}}) {{ order {{ status }} {ERRORS} }} }}"""
PARCELS = "{ workshopOrders(first: 5) { edges { node { orderId lines { id quantity } } } } }"


def too_long(limit: int, length: int) -> dict[str, str]:
    return {
        "code": "INVALID",
        "message": f"Ensure this value has at most {limit} characters (it has {length}).",
    }


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Any:
    yield
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.fixture
def owner(catalog: Any) -> GraphQLClient:
    user = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


@pytest.fixture
def tray(catalog: Any) -> Any:
    return catalog.product("Tray")


@pytest.mark.parametrize(
    ("title", "body", "field", "length"),
    [("T" * 256, "ANART", "title", 256), ("Label", "B" * 300, "issuingBody", 300)],
)
def test_a_claim_title_or_issuing_body_too_long_is_refused(owner, tray, title, body, field, length):
    result = owner.data(CLAIM, {"p": to_global_id("Product", tray.pk), "t": title, "b": body})
    assert result["productClaimCreate"] == {
        "claim": None,
        "errors": [{"field": field, **too_long(255, length)}],
    }
    assert not Claim.objects.exists()


def test_a_claim_title_at_the_limit_is_kept_whole(owner, tray):
    title = "T" * 255
    result = owner.data(CLAIM, {"p": to_global_id("Product", tray.pk), "t": title, "b": "ANART"})
    assert result["productClaimCreate"] == {"claim": {"title": title}, "errors": []}
    assert Claim.objects.get().title == title


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"town": "C" * 129}, {"field": "town", **too_long(128, 129)}),
        ({"region": "R" * 200}, {"field": "region", **too_long(128, 200)}),
        (
            {"materials": [{"material": "copper", "hallmark": "H" * 129}]},
            {"field": "materials", **too_long(128, 129)},
        ),
        (
            {"lengthCm": "1e7"},
            {
                "field": "lengthCm",
                "code": "INVALID",
                "message": "Ensure this value is less than 1000000 in size.",
            },
        ),
        (
            {"processingDaysMin": 40000, "processingDaysMax": 40001},
            {
                "field": "processingDaysMin",
                "code": "INVALID",
                "message": "Ensure this value is less than or equal to 32767.",
            },
        ),
    ],
)
def test_provenance_fields_beyond_their_columns_are_refused(owner, tray, change, error):
    Material.objects.create(slug="copper", name="Copper")
    result = owner.data(
        PROVENANCE, {"p": to_global_id("Product", tray.pk), "i": {"yearMade": 2025, **change}}
    )
    assert result["productProvenanceUpdate"] == {"provenance": None, "errors": [error]}
    assert not Provenance.objects.exists()


def test_a_photo_caption_too_long_is_refused_and_no_file_is_stored(owner, tray, settings):
    from pathlib import Path

    Provenance.objects.create(product=tray)
    operations = {
        "query": PHOTO,
        "variables": {"p": to_global_id("Product", tray.pk), "f": None, "a": "A" * 251},
    }
    upload = SimpleUploadedFile("anvil.png", png_bytes("teal"), content_type="image/png")
    response = owner.client.post(
        "/graphql/",
        {
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.f"]}),
            "0": upload,
        },
    )
    assert response.json()["data"]["provenancePhotoAdd"] == {
        "photo": None,
        "errors": [{"field": "alt", **too_long(250, 251)}],
    }
    assert not ProvenancePhoto.objects.exists()
    assert not list((Path(settings.MEDIA_ROOT) / "provenance").glob("*"))


@pytest.fixture
def certificates(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return login("staff@example.com", staff=True)


def test_an_order_reference_too_long_to_sign_is_refused(certificates, tray):
    result = certificates.data(ISSUE, {"p": to_global_id("Product", tray.pk), "r": "R" * 65})
    assert result["certificateIssue"] == {
        "certificate": None,
        "errors": [{"field": "orderReference", **too_long(64, 65)}],
    }
    assert not Certificate.objects.exists()


def test_a_revocation_reason_too_long_is_refused_and_the_certificate_stays_valid(
    certificates, tray
):
    issued = certificates.data(ISSUE, {"p": to_global_id("Product", tray.pk), "r": "order #1"})
    serial = issued["certificateIssue"]["certificate"]["serial"]
    result = certificates.data(REVOKE, {"s": serial, "r": "x" * 256})
    assert result["certificateRevoke"] == {
        "certificate": None,
        "errors": [{"field": "reason", **too_long(255, 256)}],
    }
    certificate = Certificate.objects.get()
    assert certificate.status == CertificateStatus.VALID
    assert certificate.revocation_reason == "" and certificate.revoked_at is None
    kept = certificates.data(REVOKE, {"s": serial, "r": "x" * 255})["certificateRevoke"]
    assert kept == {"certificate": {"status": "REVOKED"}, "errors": []}
    assert Certificate.objects.get().revocation_reason == "x" * 255


def test_a_tracking_number_too_long_is_refused_and_the_parcel_is_not_shipped(catalog):
    shop = Shop(catalog)
    buyer = login("claire@example.com")
    souika = login("souika@example.com", vendor=catalog.workshop, role="owner")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    pay(buyer, checkout_id)
    complete(buyer, checkout_id)
    (edge,) = souika.data(PARCELS)["workshopOrders"]["edges"]
    (line,) = edge["node"]["lines"]
    variables = {
        "order": edge["node"]["orderId"],
        "line": line["id"],
        "quantity": 1,
        "warehouse": to_global_id("Warehouse", catalog.warehouse.pk),
    }
    refused = souika.data(FULFILL, {**variables, "t": "9" * 256})["orderFulfill"]
    assert refused == {"order": None, "errors": [{"field": "trackingNumber", **too_long(255, 256)}]}
    parcel = VendorOrder.objects.get()
    assert parcel.status != OrderStatus.FULFILLED and parcel.tracking_number == ""
    shipped = souika.data(FULFILL, {**variables, "t": " LX123456789DZ "})["orderFulfill"]
    assert shipped == {"order": {"status": "FULFILLED"}, "errors": []}
    assert VendorOrder.objects.get().tracking_number == "LX123456789DZ"


def test_an_idempotency_key_too_long_is_refused_not_cut_into_another_key(gql, catalog):
    from marketplace.payments.models import Transaction

    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    document = """mutation($id: ID!, $k: String) { transactionInitialize(id: $id, idempotencyKey: $k,
      paymentGateway: {id: "marketplace.payments.demo"}) { transaction { id } errors { field code message } } }"""
    refused = gql.data(document, {"id": checkout_id, "k": "k" * 129})["transactionInitialize"]
    assert refused == {
        "transaction": None,
        "errors": [{"field": "idempotencyKey", **too_long(128, 129)}],
    }
    assert not Transaction.objects.exists()
    kept = gql.data(document, {"id": checkout_id, "k": "k" * 128})["transactionInitialize"]
    assert kept["errors"] == [] and Transaction.objects.get().idempotency_key == "k" * 128
