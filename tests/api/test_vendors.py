from __future__ import annotations

import pytest

from marketplace.vendors.models import VendorStatus, VendorTranslation
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PROFILE = """
  id slug name tagline town region craft foundedYear status
  country { code country }
  brandColors { primary secondary }
  banner { url }
"""


def test_vendor_by_slug_with_cluster_and_products(gql, catalog):
    catalog.product("Chased tray")
    query = (
        '{ vendor(slug: "souika") { '
        + PROFILE
        + " cluster { slug name } products(first: 5) { totalCount edges { node { name } } } } }"
    )
    vendor = gql.data(query)["vendor"]
    assert vendor["id"] == to_global_id("Vendor", catalog.workshop.pk)
    assert vendor["name"] == "Atelier Souika"
    assert vendor["country"] == {"code": "DZ", "country": "Algeria"}
    assert vendor["status"] == "APPROVED"
    assert vendor["brandColors"] == {"primary": "#8a4b2a", "secondary": "#f4e9dc"}
    assert vendor["cluster"] == {"slug": "constantine", "name": "Constantine Cluster"}
    assert vendor["products"]["totalCount"] == 1


def test_cluster_members_and_products(gql, catalog):
    second = WorkshopFactory(slug="rhumel", name="Atelier Rhumel", cluster=catalog.cluster)
    WorkshopFactory(
        slug="waiting", name="Waiting", cluster=catalog.cluster, status=VendorStatus.PENDING
    )
    catalog.product("Tray")
    catalog.product("Lantern", vendor=second)
    query = """{ cluster(slug: "constantine") { id name
      members(first: 10) { totalCount edges { node { slug } } }
      products(first: 10) { totalCount } } }"""
    cluster = gql.data(query)["cluster"]
    assert cluster["id"] == to_global_id("Cluster", catalog.cluster.pk)
    assert [e["node"]["slug"] for e in cluster["members"]["edges"]] == ["rhumel", "souika"]
    assert cluster["products"]["totalCount"] == 2


def test_vendors_and_clusters_lists_with_filters(gql, catalog):
    batna = ClusterFactory(slug="batna", name="Batna Silver", town="Batna")
    WorkshopFactory(slug="fidda", name="Fidda", cluster=batna, town="Batna")
    data = gql.data("""{
      all: vendors(first: 10) { totalCount edges { node { slug } } }
      batna: vendors(first: 10, filter: {search: "batna"}) { edges { node { slug } } }
      clusters(first: 10) { edges { node { slug } } }
    }""")
    assert [e["node"]["slug"] for e in data["all"]["edges"]] == ["souika", "fidda"]
    assert [e["node"]["slug"] for e in data["batna"]["edges"]] == ["fidda"]
    assert [e["node"]["slug"] for e in data["clusters"]["edges"]] == ["batna", "constantine"]


def test_unapproved_vendors_are_not_found_by_buyers(gql, staff_gql, catalog):
    WorkshopFactory(slug="suspended", status=VendorStatus.SUSPENDED)
    query = '{ vendor(slug: "suspended") { slug } vendors(first: 10) { totalCount } }'
    assert gql.data(query) == {"vendor": None, "vendors": {"totalCount": 1}}
    assert staff_gql.data(query) == {"vendor": {"slug": "suspended"}, "vendors": {"totalCount": 2}}


def test_a_cluster_is_not_a_vendor(gql, catalog):
    assert gql.data('{ vendor(slug: "constantine") { slug } }') == {"vendor": None}
    messages = gql.error_messages(
        "query($id: ID) { cluster(id: $id) { slug } }",
        {"id": to_global_id("Vendor", catalog.workshop.pk)},
    )
    assert "Expected: Cluster, received: Vendor" in messages[0]


def test_vendor_translation(gql, catalog):
    VendorTranslation.objects.create(
        vendor=catalog.workshop, language_code="ar", name="ورشة السويقة"
    )
    data = gql.data('{ vendor(slug: "souika") { translation(languageCode: AR) { name } } }')
    assert data == {"vendor": {"translation": {"name": "ورشة السويقة"}}}
