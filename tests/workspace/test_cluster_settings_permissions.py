"""Issue 11: the cluster's packaging, shipping and fee pages, tried by every actor from the
outside. Only the cluster's managers and marketplace staff see or change them; anyone else
gets the 404 a missing cluster gets, and no row changes."""

from __future__ import annotations

from typing import Any

import pytest

from .cluster_settings_world import Settings, settings_of, settings_rows
from .vendor_world import ACTORS, VendorWorld

pytestmark = pytest.mark.django_db

ALLOWED = {"manager_a", "staff"}


@pytest.fixture
def mine(vw: VendorWorld) -> Settings:
    return settings_of(vw, vw.cluster_a)


@pytest.fixture
def theirs(vw: VendorWorld) -> Settings:
    return settings_of(vw, vw.cluster_b, label="B")


def _pages(s: Settings) -> list[str]:
    return [
        "packaging/",
        "packaging/new/",
        f"packaging/{s.option.pk}/",
        "shipping/",
        "shipping/zones/new/",
        f"shipping/zones/{s.zone.pk}/",
        "shipping/methods/new/",
        f"shipping/methods/new/?zone={s.zone.pk}",
        f"shipping/methods/{s.method.pk}/",
        "fee/",
    ]


def test_every_settings_page_answers_only_the_clusters_managers_and_staff(
    vw: VendorWorld, mine: Settings
) -> None:
    for path in _pages(mine):
        url = f"/fr/workspace/cluster/constantine/{path}"
        missing = f"/fr/workspace/cluster/no-such-cluster/{path}"
        for actor in ACTORS:
            client = vw.client(actor)
            status = client.get(url).status_code
            if actor == "anonymous":
                assert status == 302, (path, actor)
            elif actor in ALLOWED:
                assert status == 200, (path, actor)
            else:
                assert status == 404 == client.get(missing).status_code, (path, actor)


def test_another_clusters_objects_are_missing_under_this_cluster(
    vw: VendorWorld, mine: Settings, theirs: Settings
) -> None:
    """Manager A naming cluster B's option, zone or method under A's address: the 404 of an
    id that does not exist at all."""
    client = vw.client("manager_a")
    base = "/en/workspace/cluster/constantine/"
    for path in (
        f"packaging/{theirs.option.pk}/",
        f"shipping/zones/{theirs.zone.pk}/",
        f"shipping/methods/{theirs.method.pk}/",
        f"shipping/methods/new/?zone={theirs.zone.pk}",
    ):
        assert client.get(base + path).status_code == 404, path
    for path in ("packaging/999999/", "shipping/zones/999999/", "shipping/methods/999999/"):
        assert client.get(base + path).status_code == 404, path
    # and under B's own address, A's manager is a stranger
    assert client.get("/en/workspace/cluster/batna/packaging/").status_code == 404


def _writes(s: Settings) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            "packaging/new/",
            {
                "name": "Gift wrap",
                "kind": "gift",
                "length_cm": "20",
                "width_cm": "20",
                "height_cm": "8",
                "added_weight_kg": "0.1",
                "extra_lead_days": "0",
                "price_international": "3.00",
            },
        ),
        (
            f"packaging/{s.option.pk}/",
            {
                "name": "Renamed",
                "kind": "gift",
                "length_cm": "20",
                "width_cm": "20",
                "height_cm": "8",
                "added_weight_kg": "0.1",
                "extra_lead_days": "0",
                "price_international": "3.00",
            },
        ),
        (f"packaging/{s.option.pk}/retire/", {"retired": "1"}),
        ("shipping/zones/new/", {"name": "Maghreb", "countries": ["TN", "MA"]}),
        (f"shipping/zones/{s.zone.pk}/", {"name": "Renamed", "countries": ["FR"]}),
        (f"shipping/zones/{s.zone.pk}/delete/", {}),
        (
            "shipping/methods/new/",
            {"zone": s.zone.pk, "name": "Courier", "price_international_0": "30.00"},
        ),
        (
            f"shipping/methods/{s.method.pk}/",
            {"zone": s.zone.pk, "name": "Renamed", "price_international_0": "30.00"},
        ),
        (f"shipping/methods/{s.method.pk}/delete/", {}),
        ("fee/", {"rate_percent": "5"}),
    ]


@pytest.mark.parametrize("index", range(10))
def test_a_wrong_actor_changes_nothing_and_gets_the_missing_answer(
    vw: VendorWorld, mine: Settings, index: int
) -> None:
    path, data = _writes(mine)[index]
    before = settings_rows()
    for actor in ACTORS:
        if actor in ALLOWED:
            continue
        client = vw.client(actor)
        response = client.post(f"/en/workspace/cluster/constantine/{path}", data)
        missing = client.post(f"/en/workspace/cluster/no-such-cluster/{path}", data)
        if actor == "anonymous":
            assert response.status_code == 302, (path, actor)
        else:
            assert response.status_code == 404 == missing.status_code, (path, actor)
        assert settings_rows() == before, (path, actor)


@pytest.mark.parametrize("actor", sorted(ALLOWED))
@pytest.mark.parametrize("index", range(10))
def test_the_manager_and_staff_may_make_each_write(
    vw: VendorWorld, mine: Settings, index: int, actor: str
) -> None:
    path, data = _writes(mine)[index]
    before = settings_rows()
    response = vw.client(actor).post(f"/en/workspace/cluster/constantine/{path}", data)
    assert response.status_code == 302, (path, actor, response.content[:2000])
    assert settings_rows() != before, path


def test_writes_on_another_clusters_objects_change_nothing(
    vw: VendorWorld, mine: Settings, theirs: Settings
) -> None:
    before = settings_rows()
    client = vw.client("manager_a")
    for path, data in _writes(theirs):
        if "new/" in path or path == "fee/":
            continue
        response = client.post(f"/en/workspace/cluster/constantine/{path}", data)
        assert response.status_code == 404, path
    # a method created in A's cluster cannot be put in B's zone
    response = client.post(
        "/en/workspace/cluster/constantine/shipping/methods/new/",
        {"zone": theirs.zone.pk, "name": "Sneaky", "price_international_0": "1.00"},
    )
    assert response.status_code == 400
    assert settings_rows() == before


def test_the_cluster_navigation_links_the_settings_pages(vw: VendorWorld) -> None:
    html = vw.client("manager_a").get("/en/workspace/cluster/constantine/members/").content
    for path in ("packaging/", "shipping/", "fee/"):
        assert f'href="/en/workspace/cluster/constantine/{path}"'.encode() in html, path
    home = vw.client("manager_a").get("/en/workspace/").content
    assert b'href="/en/workspace/cluster/constantine/fee/"' in home
