"""Every listing page from outside, for each actor: anonymous visitors are sent to log in;
a buyer, workshop B's owner and the managers of A's cluster and of another cluster get the
404 a missing workshop or product gets; A's owner and staff get the page. Refused writes
change nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .listings_world import ACTORS, ALLOWED, build_world, editor_post, jpeg_bytes, snapshot

pytestmark = pytest.mark.django_db

MISSING_WORKSHOP = "/fr/workspace/w/no-such-workshop/listings/"


@pytest.fixture
def world(catalog):
    return build_world(catalog)


def _pages(world) -> dict[str, str]:
    base = f"/fr/workspace/w/{world.workshop.slug}/listings/"
    return {
        "list": base,
        "new": f"{base}new/",
        "edit": f"{base}{world.product.pk}/",
        "import": f"{base}import/",
        "export": f"{base}export/?format=csv",
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_reading_each_page(world, actor) -> None:
    client = world.client(actor)
    for name, url in _pages(world).items():
        response = client.get(url)
        if actor == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith("/fr/account/login/"), name
        elif actor in ALLOWED:
            assert response.status_code == 200, (name, actor)
        else:
            assert response.status_code == 404, (name, actor)
            missing = client.get(url.replace(world.workshop.slug, "no-such-workshop"))
            assert missing.status_code == 404
            assert response.content == missing.content, (name, actor)


@pytest.mark.parametrize("actor", ACTORS)
def test_a_product_of_another_workshop_answers_as_a_missing_one(world, actor) -> None:
    """Even A's own owner cannot open B's product through A's workshop URL."""
    other = world.catalog.product("Fidda ring", vendor=world.workshop_b)
    client = world.client(actor)
    base = f"/fr/workspace/w/{world.workshop.slug}/listings/"
    foreign = client.get(f"{base}{other.pk}/")
    missing = client.get(f"{base}{other.pk + 1000}/")
    if actor == "anonymous":
        assert foreign.status_code == missing.status_code == 302
    else:
        assert foreign.status_code == missing.status_code == 404
        assert foreign.content == missing.content


@pytest.mark.parametrize("actor", [a for a in ACTORS if a not in ALLOWED])
def test_refused_writes_change_nothing(world, actor) -> None:
    client = world.client(actor)
    pages = _pages(world)
    media = world.product.media.first()
    before = snapshot()
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    answers = [
        client.post(pages["new"], {**editor_post(world, action="publish"), "photos": photo}),
        client.post(pages["edit"], editor_post(world, name="Taken over", action="publish")),
        client.post(f"{pages['edit']}photos/{media.pk}/delete/"),
        client.post(
            pages["import"],
            {"file": SimpleUploadedFile("l.csv", b"name,sku,product_type\nX,X-1,copperware\n")},
        ),
    ]
    if actor == "anonymous":  # refused before the body is read (core.upload_guard)
        assert {a.status_code for a in answers} <= {302, 403}
    else:
        assert [a.status_code for a in answers] == [404] * 4
    assert snapshot() == before


@pytest.mark.parametrize("actor", sorted(ALLOWED))
def test_allowed_actors_edit_and_staff_acts_for_the_workshop(world, actor) -> None:
    client = world.client(actor)
    url = _pages(world)["edit"]
    response = client.post(url, editor_post(world, name="Plateau du souk", action="draft"))
    assert response.status_code == 302, response.content.decode()[:2000]
    world.product.refresh_from_db()
    assert world.product.name == "Plateau du souk"
    assert world.product.vendor == world.workshop
