"""The web pages' upload forms cost nothing before anybody is checked (issue 8, item 16): a
multipart body over the limit, or from nobody logged in, is answered before any byte is read
(the CSRF check would otherwise parse it whole, spooling its files to disk)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorMembership

from .test_upload_hardening import UnreadableBody
from .upload_samples import png_bytes

pytestmark = pytest.mark.django_db

BOUNDARY = "BoUnDaRyStRiNg"


def _import_url(catalog: Any) -> str:
    return f"/fr/workspace/w/{catalog.workshop.slug}/listings/import/"


def _body() -> bytes:
    upload = SimpleUploadedFile("listings.csv", b"name,price\nTray,10\n", content_type="text/csv")
    return encode_multipart(BOUNDARY, {"file": upload})


@pytest.fixture
def owner(catalog: Any) -> Client:
    user = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(user)
    return client


def test_an_anonymous_upload_to_a_web_page_is_refused_unread(catalog):
    response = Client().generic(
        "POST",
        _import_url(catalog),
        b"",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 403
    assert response.content.decode() == "Connectez-vous pour téléverser des fichiers."  # /fr/


def test_an_upload_over_the_limit_is_a_413_before_the_body_is_read(owner, catalog, settings):
    limit = settings.UPLOAD_REQUEST_MAX_BYTES
    assert limit == settings.GRAPHQL_MULTIPART_MAX_BYTES == 11 * 1024 * 1024
    response = owner.generic(
        "POST",
        _import_url(catalog),
        b"",
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "11 Mo" in response.content.decode()  # the French page's own words


def test_a_real_body_over_a_lowered_limit_is_refused(owner, catalog, settings):
    settings.UPLOAD_REQUEST_MAX_BYTES = 100
    response = owner.post(
        _import_url(catalog), _body(), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    assert response.status_code == 413


def test_an_owner_within_the_limit_reaches_the_page(owner, catalog):
    upload = SimpleUploadedFile("anvil.png", png_bytes(), content_type="image/png")
    response = owner.post(_import_url(catalog), {"file": upload})
    assert response.request["CONTENT_TYPE"].startswith(MULTIPART_CONTENT)
    assert response.status_code not in (403, 413)


def test_a_small_anonymous_multipart_form_still_reaches_its_page(catalog):
    response = Client().post(_import_url(catalog), {"a": "b"})  # multipart, as the client sends
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_form_without_files_is_not_touched(catalog):
    response = Client().post(
        _import_url(catalog), "a=b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302 and "/login" in response["Location"]
