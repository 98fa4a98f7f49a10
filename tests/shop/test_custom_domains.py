"""Custom domains from the outside: a vendor's active domain serves its storefront at ``/``
in the browser's language with its theme, the rest of the marketplace stays one click away,
and any other Host header (unknown, only requested, refused, a suspended vendor's) is refused
as Django refuses unknown hosts. Only staff activate or refuse a domain."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError, NotFound
from marketplace.vendors.domains import (
    vendor_custom_domain_activate,
    vendor_custom_domain_refuse,
    vendor_for_domain,
)
from marketplace.vendors.models import DomainStatus, Vendor, VendorStatus

pytestmark = pytest.mark.django_db

HOST = "cuivre-constantine.dz"


@pytest.fixture
def staff():
    return User.objects.create_user("ops@example.com", "pw-123456789", is_staff=True)


@pytest.fixture
def requested(catalog):
    Vendor.objects.filter(pk=catalog.cluster.pk).update(
        custom_domain=HOST, custom_domain_status=DomainStatus.REQUESTED, primary_color="#7a3b12"
    )
    catalog.product("Sniwa tray")
    return catalog.cluster


@pytest.fixture
def active(requested, staff):
    vendor_custom_domain_activate(actor=staff, vendor_id=requested.pk)
    return requested


def test_the_active_domain_serves_the_storefront_at_the_root_in_the_browsers_language(
    client, active
):
    response = client.get("/", HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Constantine Cluster" in html and "Sniwa tray" in html
    assert "#7a3b12" in html  # the vendor's theme
    assert 'id="marketplace-link"' in html
    # The language links name the storefront on the vendor's host.
    assert f'href="http://{HOST}/ar/c/constantine/"' in html
    arabic = client.get("/", HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/shop/",
        "/fr/p/sniwa-tray/",
        "/en/w/souika/",  # another storefront: the marketplace's
        "/en/basket/",
        "/en/login/",
        "/en/workspace/",
        "/admin/",
        "/graphql/?query=%7Bshop%7Bname%7D%7D",
        "/private/anything/",
    ],
)
def test_the_rest_of_the_marketplace_is_sent_to_the_marketplaces_host(
    client, active, settings, path
):
    settings.PUBLIC_URL = "https://artisans.example"
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 302
    assert response["Location"] == "https://artisans.example" + path
    # The vendor's own pages stay on its host, in every language, with their filters.
    for own in ("/en/c/constantine/", "/ar/c/constantine/?sort=price"):
        assert client.get(own, HTTP_HOST=HOST).status_code == 200
    # The marketplace's own host shows no vendor bar.
    assert 'id="marketplace-link"' not in client.get("/en/c/constantine/").content.decode()


def test_without_a_marketplace_url_the_rest_is_not_found_here(client, active, settings):
    settings.PUBLIC_URL = ""
    assert client.get("/en/login/", HTTP_HOST=HOST).status_code == 404
    assert client.get("/", HTTP_HOST=HOST).status_code == 200


@pytest.mark.parametrize("path", ["/", "/en/c/constantine/", "/en/login/", "/graphql/"])
def test_nothing_but_reading_is_accepted_on_the_vendors_host(client, active, path):
    response = client.post(path, {"email": "a@example.com", "password": "x"}, HTTP_HOST=HOST)
    assert response.status_code == 405


def test_the_vendors_host_offers_no_form_that_posts(client, active):
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    assert 'method="post"' not in html


@pytest.mark.parametrize("host", ["evil.example", "sub." + HOST, HOST + ".evil.example"])
def test_an_unknown_host_is_refused(client, active, host):
    assert client.get("/", HTTP_HOST=host).status_code == 400


def test_a_requested_domain_is_not_served_until_staff_activate_it(client, requested):
    assert client.get("/", HTTP_HOST=HOST).status_code == 400
    assert vendor_for_domain(host=HOST) is None


def test_a_suspended_vendors_domain_is_refused(client, active):
    Vendor.objects.filter(pk=active.pk).update(status=VendorStatus.SUSPENDED)
    assert client.get("/", HTTP_HOST=HOST).status_code == 400


def test_a_refused_domain_is_withdrawn_and_no_longer_served(client, active, staff):
    vendor_custom_domain_refuse(actor=staff, vendor_id=active.pk)
    active.refresh_from_db()
    assert (active.custom_domain, active.custom_domain_status) == ("", DomainStatus.NONE)
    assert client.get("/", HTTP_HOST=HOST).status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "the cluster's owner", "a buyer"])
def test_only_staff_activate_and_others_get_the_missing_answer(requested, who):
    from django.contrib.auth.models import AnonymousUser

    from marketplace.vendors.models import VendorMembership

    actor = (
        AnonymousUser()
        if who == "anonymous"
        else User.objects.create_user(f"{who.split()[-1]}@example.com", "pw-123456789")
    )
    if who == "the cluster's owner":
        VendorMembership.objects.create(user=actor, vendor=requested, role="owner")
    for service in (vendor_custom_domain_activate, vendor_custom_domain_refuse):
        with pytest.raises(NotFound):
            service(actor=actor, vendor_id=requested.pk)
    requested.refresh_from_db()
    assert requested.custom_domain_status == DomainStatus.REQUESTED


def test_staff_cannot_activate_a_domain_nobody_asked_for(catalog, staff):
    with pytest.raises(DomainError, match="has not asked for a domain"):
        vendor_custom_domain_activate(actor=staff, vendor_id=catalog.workshop.pk)
    with pytest.raises(NotFound):
        vendor_custom_domain_activate(actor=staff, vendor_id=987654)
