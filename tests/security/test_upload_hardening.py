"""Uploads cannot become stored XSS, and cannot cost the server before anybody is checked
(issue 8, items 1 and 16). Everything goes in through GraphQL multipart requests and comes
back out through the media URL, as a browser would fetch it."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from marketplace.accounts.models import User
from marketplace.accounts.tokens import access_token_issue
from marketplace.provenance.models import Claim, Provenance, ProvenancePhoto
from marketplace.vendors.models import VendorMembership
from tests.helpers import to_global_id

from .upload_samples import (
    HTML_TAIL,
    SVG,
    gps_of,
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    pdf_running_javascript,
    pdf_with_a_password,
    png_bytes,
    png_claiming,
    png_with_gps,
)

pytestmark = pytest.mark.django_db

PHOTO = (
    'mutation($p: ID!, $f: Upload!) { provenancePhotoAdd(product: $p, image: $f, alt: "Anvil") '
    "{ photo { url } errors { field code message } } }"
)
CLAIM = (
    "mutation($p: ID!, $f: Upload) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, "
    'title: "Label", issuingBody: "ANART", validFrom: "2026-01-01", evidence: $f}) '
    "{ claim { title } errors { field code message } } }"
)
CLAIM_LINK = CLAIM.replace("claim { title }", "claim { title evidenceUrl }")
DOCUMENT_POLICY = "default-src 'none'; sandbox"
PHOTO_TYPES = "The file must be one of: JPEG, PNG, WEBP."
EVIDENCE_TYPES = "The file must be one of: PDF, JPEG, PNG."


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the request body was read")

    readline = read


def _form(query: str, product_id: int, upload: Any) -> dict[str, Any]:
    variables = {"p": to_global_id("Product", product_id), "f": None}
    return {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps({"0": ["variables.f"]}),
        "0": upload,
    }


def _post(client: Client, query: str, product_id: int, upload: Any, **extra: Any) -> Any:
    return client.post("/graphql/", _form(query, product_id, upload), **extra)


def _stored_files(settings: Any) -> list[str]:
    """Uploaded files on disk, public media and private (the catalog's product photos aside)."""
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    public = Path(settings.MEDIA_ROOT)
    assert not (public / "claims").exists()  # claim evidence is never public media
    roots = ((public, "provenance"), (private, "claims"))
    return sorted(
        str(p.relative_to(root))
        for root, folder in roots
        for p in (root / folder).rglob("*")
        if p.is_file()
    )


@pytest.fixture(autouse=True)
def _private_root(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


def _fetch(url: str) -> tuple[Any, bytes]:
    """The media response for ``url`` and its body, as a browser gets them."""
    response = Client().get(urlsplit(url).path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    return response, body


@pytest.fixture
def owner(catalog: Any) -> Client:
    user = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tray(catalog: Any) -> Any:
    product = catalog.product("Tray")
    Provenance.objects.create(product=product)
    return product


def test_a_pdf_with_an_html_tail_named_html_is_stored_as_a_pdf_and_downloads_sandboxed(
    owner, tray, settings
):
    original = pdf_bytes()
    polyglot = original + HTML_TAIL
    upload = SimpleUploadedFile("evid.html", polyglot, content_type="text/html")
    result = _post(owner, CLAIM_LINK, tray.pk, upload).json()["data"]["productClaimCreate"]
    assert result["errors"] == []
    name = Claim.objects.get().evidence.name
    assert re.fullmatch(r"claims/[0-9a-f]{32}\.pdf", name)
    assert _stored_files(settings) == [name]

    assert Client().get(f"/media/{name}").status_code == 404  # never public media
    response = owner.get(urlsplit(result["claim"]["evidenceUrl"]).path)
    assert response.status_code == 200
    stored = b"".join(response.streaming_content)
    response.close()
    assert stored == original  # the document whole, up to its %%EOF; the tail is gone
    assert b"<script" not in stored
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{name[7:]}"'
    assert response["Content-Security-Policy"] == DOCUMENT_POLICY


def test_a_png_with_an_html_tail_named_svg_is_stored_as_a_reencoded_png(owner, tray, settings):
    polyglot = png_bytes("teal") + HTML_TAIL
    upload = SimpleUploadedFile("x.svg", polyglot, content_type="image/svg+xml")
    result = _post(owner, PHOTO, tray.pk, upload).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    url = result["photo"]["url"]
    assert re.fullmatch(r"http://testserver/media/provenance/[0-9a-f]{32}\.png", url)
    assert _stored_files(settings) == [urlsplit(url).path.removeprefix("/media/")]

    response, stored = _fetch(url)
    assert b"<script" not in stored and b"<html" not in stored
    assert stored.endswith(b"IEND\xaeB`\x82")  # nothing after the image's last chunk
    with Image.open(BytesIO(stored)) as image:
        assert (image.format, image.size, image.getpixel((0, 0))) == (
            "PNG",
            (64, 48),
            (0, 128, 128),
        )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{url.rsplit("/", 1)[1]}"'
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize(
    ("photo", "name", "extension"),
    [(jpeg_with_gps, "IMG_0001.JPG", "jpg"), (png_with_gps, "IMG_0002.png", "png")],
)
def test_a_photo_loses_its_exif_and_gps_position(owner, tray, photo, name, extension):
    original = photo()
    assert gps_of(original) != {}  # the phone did record where the workshop is
    upload = SimpleUploadedFile(name, original, content_type="image/jpeg")
    result = _post(owner, PHOTO, tray.pk, upload).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    url = result["photo"]["url"]
    assert re.fullmatch(rf"http://testserver/media/provenance/[0-9a-f]{{32}}\.{extension}", url)
    _, stored = _fetch(url)
    assert gps_of(stored) == {}
    with Image.open(BytesIO(stored)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (64, 48)


@pytest.mark.parametrize(
    ("query", "payload", "field", "accepted"),
    [
        (PHOTO, "provenancePhotoAdd", "image", PHOTO_TYPES),
        (CLAIM, "productClaimCreate", "evidence", EVIDENCE_TYPES),
    ],
)
@pytest.mark.parametrize(
    ("name", "content_type"), [("x.svg", "image/svg+xml"), ("x.png", "image/png")]
)
def test_an_svg_is_refused_naming_the_field_and_nothing_is_stored(
    owner, tray, settings, query, payload, field, accepted, name, content_type
):
    upload = SimpleUploadedFile(name, SVG, content_type=content_type)
    result = _post(owner, query, tray.pk, upload).json()["data"][payload]
    assert result["errors"] == [
        {
            "field": field,
            "code": "INVALID",
            "message": f"SVG files are refused (they can carry scripts). {accepted}",
        }
    ]
    assert (ProvenancePhoto.objects.count(), Claim.objects.count()) == (0, 0)
    assert _stored_files(settings) == []


def test_html_evidence_is_refused_and_nothing_is_stored(owner, tray, settings):
    upload = SimpleUploadedFile("evid.pdf", HTML_TAIL, content_type="application/pdf")
    result = _post(owner, CLAIM, tray.pk, upload).json()["data"]["productClaimCreate"]
    assert result["errors"] == [
        {
            "field": "evidence",
            "code": "INVALID",
            "message": f"HTML files are refused (they can carry scripts). {EVIDENCE_TYPES}",
        }
    ]
    assert Claim.objects.count() == 0
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n" + HTML_TAIL, "The file is not a complete PDF document."),
        (b"%PDF-1.4\n" + HTML_TAIL + b"\n%%EOF\n", "The file is not a readable PDF document."),
    ],
)
def test_a_pdf_that_is_only_a_prefix_is_refused(owner, tray, settings, content, message):
    upload = SimpleUploadedFile("label.pdf", content, content_type="application/pdf")
    result = _post(owner, CLAIM, tray.pk, upload).json()["data"]["productClaimCreate"]
    assert result["errors"] == [{"field": "evidence", "code": "INVALID", "message": message}]
    assert Claim.objects.count() == 0
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf_running_javascript, "PDF documents that run JavaScript are refused."),
        (pdf_with_a_password, "Password-protected PDF documents cannot be checked."),
    ],
)
def test_a_pdf_that_runs_scripts_or_cannot_be_read_by_a_verifier_is_refused(
    owner, tray, settings, content, message
):
    upload = SimpleUploadedFile("label.pdf", content(), content_type="application/pdf")
    result = _post(owner, CLAIM, tray.pk, upload).json()["data"]["productClaimCreate"]
    assert result["errors"] == [{"field": "evidence", "code": "INVALID", "message": message}]
    assert Claim.objects.count() == 0
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("content", "extension", "stored_mode"),
    [
        (image_bytes("CMYK", "JPEG"), "jpg", "RGB"),
        (image_bytes("L", "JPEG"), "jpg", "L"),
        (image_bytes("P", "PNG"), "png", "P"),
        (image_bytes("LA", "PNG"), "png", "LA"),
        (image_bytes("RGBA", "WEBP"), "webp", "RGBA"),
        (image_bytes("RGB", "WEBP", lossless=True), "webp", "RGB"),
    ],
    ids=["cmyk-jpeg", "grey-jpeg", "palette-png", "grey-alpha-png", "alpha-webp", "webp"],
)
def test_every_accepted_kind_of_photo_is_reencoded_under_its_own_extension(
    owner, tray, content, extension, stored_mode
):
    upload = SimpleUploadedFile("photo.gif", content, content_type="image/gif")
    result = _post(owner, PHOTO, tray.pk, upload).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    url = result["photo"]["url"]
    assert re.fullmatch(rf"http://testserver/media/provenance/[0-9a-f]{{32}}\.{extension}", url)
    response, stored = _fetch(url)
    with Image.open(BytesIO(stored)) as image:
        assert (image.size, image.mode) == ((40, 30), stored_mode)
    assert response["Content-Type"] == {"jpg": "image/jpeg"}.get(extension, f"image/{extension}")


def test_a_truncated_image_is_refused_naming_its_kind(owner, tray, settings):
    upload = SimpleUploadedFile("anvil.png", png_bytes()[:70], content_type="image/png")
    result = _post(owner, PHOTO, tray.pk, upload).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == [
        {"field": "image", "code": "INVALID", "message": "The file is not a readable PNG image."}
    ]
    assert ProvenancePhoto.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_image_over_40_megapixels_is_refused_before_it_is_decoded(owner, tray, settings):
    bomb = SimpleUploadedFile("big.png", png_claiming(7000, 7000), content_type="image/png")
    result = _post(owner, PHOTO, tray.pk, bomb).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == [
        {"field": "image", "code": "INVALID", "message": "The image has more than 40 megapixels."}
    ]
    assert ProvenancePhoto.objects.count() == 0
    assert _stored_files(settings) == []


def test_a_file_stored_under_an_old_html_name_downloads_as_an_inert_attachment(settings):
    legacy = Path(settings.MEDIA_ROOT) / "claims" / "evid.html"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"%PDF-1.4\n" + HTML_TAIL)
    response, _ = _fetch("http://testserver/media/claims/evid.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="evid.html"'
    assert response["Content-Security-Policy"] == DOCUMENT_POLICY


def test_an_upload_over_the_size_limit_is_a_json_413_before_the_body_is_read(owner, tray, settings):
    upload = SimpleUploadedFile("anvil.png", png_bytes(), content_type="image/png")
    limit = settings.GRAPHQL_MULTIPART_MAX_BYTES
    assert limit == 11 * 1024 * 1024
    response = _post(
        owner,
        PHOTO,
        tray.pk,
        upload,
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": f"The upload request is larger than the limit of {limit} bytes.",
                "extensions": {"exception": {"code": "REQUEST_TOO_LARGE"}},
            }
        ]
    }
    assert ProvenancePhoto.objects.count() == 0
    assert _stored_files(settings) == []


def test_a_real_body_over_a_lowered_limit_is_refused_and_nothing_is_stored(owner, tray, settings):
    settings.GRAPHQL_MULTIPART_MAX_BYTES = 20_000
    photo = Image.effect_noise((200, 200), 64).convert("RGB")
    buffer = BytesIO()
    photo.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 20_000
    upload = SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png")
    response = _post(owner, PHOTO, tray.pk, upload)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {
        "exception": {"code": "REQUEST_TOO_LARGE"}
    }
    assert ProvenancePhoto.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_anonymous_multipart_request_is_refused_unread(tray, settings):
    upload = SimpleUploadedFile("anvil.png", png_bytes(), content_type="image/png")
    response = _post(Client(), PHOTO, tray.pk, upload, **{"wsgi.input": UnreadableBody()})
    assert response.status_code == 403
    assert response.json() == {
        "errors": [
            {
                "message": "Log in to upload files: uploads are sent by an account.",
                "extensions": {"exception": {"code": "PERMISSION_DENIED"}},
            }
        ]
    }
    assert ProvenancePhoto.objects.count() == 0
    assert _stored_files(settings) == []


def test_an_owner_with_a_bearer_token_still_uploads(catalog, tray, settings):
    user = User.objects.create_user("token-owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {access_token_issue(user)}")
    upload = SimpleUploadedFile("anvil.webp", png_bytes(), content_type="image/webp")
    result = _post(client, PHOTO, tray.pk, upload).json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    assert re.fullmatch(
        r"http://testserver/media/provenance/[0-9a-f]{32}\.png", result["photo"]["url"]
    )
    assert len(_stored_files(settings)) == 1
