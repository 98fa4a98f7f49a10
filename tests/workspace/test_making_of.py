"""Issue 11: the storefront editor's making-of photos. Several photos from the phone at once,
captions per language, order, deletion; the public workshop page shows them as a responsive
gallery. Bad files get a message naming them and store nothing; the wrong actor gets the 404 of
a missing photo and nothing changes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from marketplace.core.errors import DomainError, NotFound
from marketplace.vendors import making_of
from marketplace.vendors.models import MakingOfPhoto

from .vendor_world import ACTORS, VendorWorld, rows

pytestmark = pytest.mark.django_db

EDITOR = "/en/workspace/workshop/souika/storefront/"
PHOTOS = "/en/workspace/workshop/souika/storefront/photos/"


def jpeg(name: str = "bench.jpg", size: tuple[int, int] = (640, 480)) -> SimpleUploadedFile:
    """A phone photo: JPEG with EXIF (a GPS position among it)."""
    image = Image.new("RGB", size, "#a0522d")
    exif = Image.Exif()
    exif[0x8825] = {2: (36.0, 21.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _add(
    vw: VendorWorld,
    actor: str = "owner_a",
    n: int = 1,
    size: tuple[int, int] = (640, 480),
    **fields: Any,
) -> Any:
    files = [jpeg(f"photo-{i}.jpg", size) for i in range(n)]
    return vw.client(actor).post(PHOTOS, {"images": files, **fields})


def _media(settings: Any) -> Path:
    return Path(settings.MEDIA_ROOT)


def test_owner_adds_several_photos_from_the_phone_with_a_caption(vw: VendorWorld) -> None:
    response = _add(
        vw, n=3, size=(2000, 1500), caption="Hammering the tray", alt="Hands with a hammer"
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/storefront/#making-of")
    photos = list(MakingOfPhoto.objects.filter(vendor=vw.workshop_a))
    assert [p.sort_order for p in photos] == [0, 1, 2]
    assert all(p.captions == {"en": "Hammering the tray"} for p in photos)
    first = photos[0]
    assert first.image.name.startswith(f"vendors/{vw.workshop_a.pk}/making-of/")
    assert not first.image.name.endswith("photo-0.jpg")  # the server's name, not the client's
    assert (first.width, first.height) == (2000, 1500)
    with first.image.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()  # EXIF and GPS gone
    for name, width in making_of.RENDITIONS:
        with getattr(first, name).open("rb") as handle, Image.open(handle) as rendition:
            assert rendition.format == "WEBP"
            assert rendition.width == min(width, 2000)
    page = vw.client("owner_a").get(EDITOR).content.decode()
    assert page.count('data-testid="making-of-photo"') == 3
    assert 'accept="image/*"' in page and "multiple" in page
    assert page.count('data-preview-caption="') == 3  # the preview shows them too


def test_public_workshop_page_shows_the_gallery_with_srcset(vw: VendorWorld, client: Any) -> None:
    _add(vw, n=2, caption="Au marteau")
    photo = MakingOfPhoto.objects.filter(vendor=vw.workshop_a).first()
    assert photo is not None
    making_of.making_photo_describe(
        actor=vw.users["owner_a"],
        vendor_id=vw.workshop_a.pk,
        photo_id=photo.pk,
        captions={"ar": "بالمطرقة", "fr": "Au marteau, à l'atelier"},
    )
    for lang, caption in (("fr", "Au marteau, à l&#x27;atelier"), ("ar", "بالمطرقة")):
        page = client.get(f"/{lang}/w/souika/").content.decode()
        assert 'id="making-of"' in page
        assert f"{photo.small.url} 480w, {photo.medium.url} 960w, {photo.large.url} 1600w" in page
        assert caption in page
    english = client.get("/en/w/souika/").content.decode()
    assert "Au marteau" in english  # no English caption: the first written one


def test_gallery_costs_the_same_sql_for_2_or_20_photos(vw: VendorWorld, client: Any) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/w/souika/").status_code == 200
        return len(captured)

    _add(vw, n=2)
    client.get("/en/w/souika/")
    few = queries()
    for _batch in range(2):  # a request carries 10 files at most
        _add(vw, n=9)
    assert MakingOfPhoto.objects.count() == 20
    assert queries() == few


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (
            SimpleUploadedFile("notes.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "image/jpeg"),
            "notes.jpg is not a photo we can use",
        ),
        (
            SimpleUploadedFile("list.txt", b"just some text", "text/plain"),
            "list.txt is not a photo",
        ),
        (
            SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg"),
            "x.svg is not a photo",
        ),
    ],
)
def test_a_bad_file_is_named_and_nothing_is_stored(
    vw: VendorWorld, settings: Any, upload: Any, words: str
) -> None:
    before = rows(MakingOfPhoto)
    response = vw.client("owner_a").post(PHOTOS, {"images": [jpeg("good.jpg"), upload]})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert rows(MakingOfPhoto) == before
    folder = _media(settings) / "vendors" / str(vw.workshop_a.pk) / "making-of"
    assert not folder.exists() or not any(folder.iterdir())


def test_too_big_photo_is_refused_before_it_is_read(vw: VendorWorld, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        making_of, "PHOTO", making_of.PHOTO.__class__(accepted=("jpeg",), max_bytes=1000)
    )
    response = vw.client("owner_a").post(PHOTOS, {"images": [jpeg("huge.jpg")]})
    assert response.status_code == 400
    assert "huge.jpg is larger than 10 MB" in response.content.decode()
    assert not MakingOfPhoto.objects.exists()


def test_no_file_and_too_many_files_are_explained(vw: VendorWorld) -> None:
    response = vw.client("owner_a").post(PHOTOS, {"caption": "x"})
    assert response.status_code == 400
    assert "Choose at least one photo." in response.content.decode()
    for _batch in range(making_of.MAX_PHOTOS // 8):
        _add(vw, n=8)
    MakingOfPhoto.objects.order_by("-pk").first().delete()  # 23: room for one more
    response = _add(vw, n=2)
    assert response.status_code == 400
    assert f"at most {making_of.MAX_PHOTOS} making-of photos" in response.content.decode()
    assert MakingOfPhoto.objects.count() == making_of.MAX_PHOTOS - 1


def test_captions_per_language_reorder_and_delete(vw: VendorWorld, settings: Any) -> None:
    _add(vw, n=3)
    a, b, c = MakingOfPhoto.objects.filter(vendor=vw.workshop_a)
    owner = vw.client("owner_a")
    url = f"{PHOTOS}{b.pk}/"
    response = owner.post(
        url,
        {
            f"photo-{b.pk}-caption_fr": "Le ciselage",
            f"photo-{b.pk}-caption_ar": "النقش",
            f"photo-{b.pk}-alt": "Un plateau",
        },
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.captions == {"fr": "Le ciselage", "ar": "النقش"} and b.alt == "Un plateau"
    too_long = owner.post(url, {f"photo-{b.pk}-caption_en": "x" * 301})
    assert too_long.status_code == 400
    assert 'data-field="caption_en"' in too_long.content.decode()
    owner.post(f"{PHOTOS}{c.pk}/move/", {"direction": "earlier"})
    order = list(MakingOfPhoto.objects.order_by("sort_order").values_list("pk", flat=True))
    assert order == [a.pk, c.pk, b.pk]
    owner.post(f"{PHOTOS}{a.pk}/move/", {"direction": "earlier"})  # already first: stays
    assert list(MakingOfPhoto.objects.order_by("sort_order").values_list("pk", flat=True)) == order
    files = [Path(settings.MEDIA_ROOT) / f.name for f in (c.image, c.small, c.medium, c.large)]
    assert all(f.exists() for f in files)
    with pytest.raises(DomainError):  # the service's order names every photo once
        making_of.making_photos_reorder(
            actor=vw.users["owner_a"], vendor_id=vw.workshop_a.pk, photo_ids=[a.pk, a.pk, b.pk]
        )
    response = owner.post(f"{PHOTOS}{c.pk}/delete/")
    assert response.status_code == 302
    assert not MakingOfPhoto.objects.filter(pk=c.pk).exists()


@pytest.mark.parametrize("path", ["", "{pk}/", "{pk}/move/", "{pk}/delete/"])
def test_wrong_actor_gets_the_missing_photo_404_and_nothing_changes(
    vw: VendorWorld, path: str
) -> None:
    _add(vw, n=2)
    photo = MakingOfPhoto.objects.filter(vendor=vw.workshop_a).last()
    assert photo is not None
    url = PHOTOS + path.format(pk=photo.pk)
    missing = PHOTOS + path.format(pk=photo.pk + 1000)
    other_workshop = "/en/workspace/workshop/fidda/storefront/photos/" + path.format(pk=photo.pk)
    before = rows(MakingOfPhoto)
    data = {"direction": "earlier", f"photo-{photo.pk}-caption_en": "Mine now"}
    for actor in ACTORS:
        if actor in ("owner_a", "staff"):  # theirs to change (tested above)
            continue
        client = vw.client(actor)
        sent = {**data, "images": [jpeg()]} if path == "" else data
        status = client.post(url, sent).status_code
        if actor == "anonymous":
            assert status == 302, actor
        else:
            assert status == 404 == client.post(missing, data).status_code, actor
        assert rows(MakingOfPhoto) == before, actor
    # The owner of B cannot reach A's photo through B's own storefront either.
    if path:
        assert vw.client("owner_b").post(other_workshop, data).status_code == 404
    assert rows(MakingOfPhoto) == before


def test_services_scope_the_photo_to_the_actors_vendor(vw: VendorWorld) -> None:
    _add(vw, n=1)
    photo = MakingOfPhoto.objects.get()
    for actor in ("buyer", "owner_b", "manager_other"):
        with pytest.raises(NotFound):
            making_of.making_photo_delete(
                actor=vw.users[actor], vendor_id=vw.workshop_a.pk, photo_id=photo.pk
            )
    with pytest.raises(NotFound):  # B's owner naming A's photo under B's workshop
        making_of.making_photo_delete(
            actor=vw.users["owner_b"], vendor_id=vw.workshop_b.pk, photo_id=photo.pk
        )
    assert MakingOfPhoto.objects.filter(pk=photo.pk).exists()


def test_get_on_a_write_address_changes_nothing(vw: VendorWorld) -> None:
    _add(vw, n=1)
    photo = MakingOfPhoto.objects.get()
    assert vw.client("owner_a").get(f"{PHOTOS}{photo.pk}/delete/").status_code == 405
    assert MakingOfPhoto.objects.filter(pk=photo.pk).exists()


def test_a_cluster_manager_adds_photos_to_the_clusters_storefront(
    vw: VendorWorld, client: Any
) -> None:
    url = "/en/workspace/cluster/constantine/storefront/photos/"
    response = vw.client("manager_a").post(url, {"images": [jpeg()], "caption": "The souk"})
    assert response.status_code == 302
    assert MakingOfPhoto.objects.get().vendor == vw.cluster_a
    assert "The souk" in client.get("/en/c/constantine/").content.decode()
    # the cluster's slug under "workshop" is no workshop: 404, nothing added
    wrong = "/en/workspace/workshop/constantine/storefront/photos/"
    assert vw.client("manager_a").post(wrong, {"images": [jpeg()]}).status_code == 404
    assert vw.client("owner_a").post(url, {"images": [jpeg()]}).status_code == 404
    assert MakingOfPhoto.objects.count() == 1


def test_the_editor_costs_the_same_sql_for_2_or_10_photos(vw: VendorWorld) -> None:
    owner = vw.client("owner_a")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner.get(EDITOR).status_code == 200
        return len(captured)

    _add(vw, n=2)
    owner.get(EDITOR)
    few = queries()
    _add(vw, n=8)
    assert queries() == few
