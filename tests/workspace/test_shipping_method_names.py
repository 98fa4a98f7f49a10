"""A shipping method's name in each language: the cluster's manager gives it on the method's
page, the buyer's checkout and order pages show it in the page's language (falling back to
the method's own name), and the API answers it as Saleor's ``translation(languageCode)``
while ``name`` stays the method's own. Bad names change nothing."""

from __future__ import annotations

import pytest

from marketplace.core.errors import DomainError
from marketplace.shipping.models import ShippingMethod, ShippingMethodTranslation, ShippingZone
from marketplace.shipping.selectors import shipping_method_names
from marketplace.shipping.services import MethodInput, shipping_method_update

from .vendor_world import VendorWorld

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/cluster/constantine/"


@pytest.fixture
def method(vw: VendorWorld) -> ShippingMethod:
    zone = ShippingZone.objects.create(vendor=vw.cluster_a, name="Europe", countries="FR,DE")
    return ShippingMethod.objects.create(zone=zone, name="Tracked parcel", carrier="Post")


def test_the_manager_names_the_method_in_french_and_arabic(vw: VendorWorld, method) -> None:
    data = {
        "zone": method.zone_id,
        "name": "Tracked parcel",
        "carrier": "Post",
        "is_active": "on",
        "price_international_0": "18.00",
        "tr_fr_name": "Colis suivi",
        "tr_ar_name": "طرد مُتتبَّع",
    }
    client = vw.client("manager_a")
    assert client.post(BASE + f"shipping/methods/{method.pk}/", data).status_code == 302
    names = dict(method.translations.values_list("language_code", "name"))
    assert names == {"fr": "Colis suivi", "ar": "طرد مُتتبَّع"}
    edit = client.get(BASE + f"shipping/methods/{method.pk}/")
    assert edit.context["form"].initial["tr_ar_name"] == "طرد مُتتبَّع"
    # emptying a language removes it: that language's buyers see the name itself again
    data["tr_ar_name"] = ""
    assert client.post(BASE + f"shipping/methods/{method.pk}/", data).status_code == 302
    assert list(method.translations.values_list("language_code", flat=True)) == ["fr"]


def test_a_name_too_long_or_an_unknown_language_changes_nothing(vw: VendorWorld, method) -> None:
    ShippingMethodTranslation.objects.create(method=method, language_code="fr", name="Colis")
    for translations, field in (({"fr": "x" * 129}, "translations"), ({"xx": "?"}, "translations")):
        with pytest.raises(DomainError) as refused:
            shipping_method_update(
                actor=vw.users["manager_a"],
                method_id=method.pk,
                data=MethodInput(name="Renamed", translations=translations),
            )
        assert refused.value.field == field
        method.refresh_from_db()
        assert method.name == "Tracked parcel"
        assert dict(method.translations.values_list("language_code", "name")) == {"fr": "Colis"}
    form = vw.client("manager_a").post(
        BASE + f"shipping/methods/{method.pk}/",
        {"zone": method.zone_id, "name": "Tracked parcel", "tr_fr_name": "x" * 129},
    )
    assert form.status_code == 400 and "tr_fr_name" in form.context["form"].errors


def test_another_clusters_manager_cannot_name_it(vw: VendorWorld, method) -> None:
    response = vw.client("manager_other").post(
        BASE + f"shipping/methods/{method.pk}/",
        {"zone": method.zone_id, "name": "Tracked parcel", "tr_fr_name": "Volé"},
    )
    assert response.status_code == 404
    assert not method.translations.exists()


def test_names_for_a_page_in_one_query(method, django_assert_num_queries) -> None:
    ShippingMethodTranslation.objects.create(method=method, language_code="fr", name="Colis")
    with django_assert_num_queries(1):
        assert shipping_method_names(method_ids=[method.pk, None], language_code="fr") == {
            method.pk: "Colis"
        }
    with django_assert_num_queries(0):
        assert shipping_method_names(method_ids=[None], language_code="fr") == {}


@pytest.mark.parametrize("zone", ["²", "٣", "1" * 40, "-1", " "])
def test_a_zone_id_that_is_not_plain_digits_is_ignored(vw: VendorWorld, method, zone) -> None:
    response = vw.client("manager_a").get(BASE + "shipping/methods/new/", {"zone": zone})
    assert response.status_code == 200
    assert response.context["form"].initial["zone"] is None
