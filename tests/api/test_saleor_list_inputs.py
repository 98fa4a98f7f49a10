"""Saleor 3.23's remaining list inputs: categories by update time (and the deprecated sorting
channel), collections by publication (and the deprecated filter channel), menus by metadata,
pages sorted by search rank, and collection listings' publication date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.catalog.models import Category, CollectionChannelListing
from marketplace.content.models import Menu, Page, PageType

pytestmark = pytest.mark.django_db


def test_categories_by_update_time_and_the_deprecated_sort_channel(gql, catalog):
    Category.objects.create(name="Lamps", slug="lamps")
    Category.objects.filter(slug="trays").update(updated_at=timezone.now() - timedelta(days=5))
    query = """query($f: CategoryFilterInput) { categories(first: 10, filter: $f,
      sortBy: {field: NAME, direction: ASC, channel: "international"}) { edges { node { slug } } } }"""
    since = (timezone.now() - timedelta(days=1)).isoformat()
    edges = gql.data(query, {"f": {"updatedAt": {"gte": since}}})["categories"]["edges"]
    assert [e["node"]["slug"] for e in edges] == ["lamps"]
    edges = gql.data(query, {"f": {"updatedAt": {"lte": since}}})["categories"]["edges"]
    assert [e["node"]["slug"] for e in edges] == ["trays"]


def test_collections_by_publication_and_the_deprecated_filter_channel(gql, staff_gql, catalog):
    shown = catalog.collection("gifts", [])
    catalog.collection("drafts", [], published=False)
    query = """query($f: CollectionFilterInput, $c: String) { collections(first: 10, channel: $c,
      filter: $f) { edges { node { slug channelListings { publicationDate } } } } }"""

    def slugs(client, filter_input, channel="international"):
        edges = client.data(query, {"f": filter_input, "c": channel})["collections"]["edges"]
        return [e["node"]["slug"] for e in edges]

    assert slugs(staff_gql, {"published": "HIDDEN"}) == ["drafts"]
    assert slugs(staff_gql, {"published": "PUBLISHED"}) == ["gifts"]
    assert slugs(gql, {"published": "HIDDEN"}) == []  # a buyer never sees a hidden one
    assert slugs(gql, {"channel": "international"}, channel=None) == ["gifts"]
    moment = timezone.now() - timedelta(days=2)
    CollectionChannelListing.objects.filter(collection=shown).update(published_at=moment)
    edges = staff_gql.data(query, {"f": {"published": "PUBLISHED"}, "c": "international"})
    listings = edges["collections"]["edges"][0]["node"]["channelListings"]
    assert {x["publicationDate"] for x in listings} == {moment.date().isoformat()}


def test_menus_by_metadata(gql, db):
    Menu.objects.create(name="navbar", slug="navbar", metadata={"placement": "top"})
    Menu.objects.create(name="footer", slug="footer", metadata={"placement": "bottom"})
    query = (
        """query($f: MenuFilterInput) { menus(first: 5, filter: $f) { edges { node { slug } } } }"""
    )
    found = gql.data(query, {"f": {"metadata": [{"key": "placement", "value": "bottom"}]}})
    assert [e["node"]["slug"] for e in found["menus"]["edges"]] == ["footer"]
    found = gql.data(query, {"f": {"metadata": [{"key": "placement"}]}})
    assert len(found["menus"]["edges"]) == 2


def test_pages_sorted_by_search_rank(gql, db):
    kind = PageType.objects.create(name="Story", slug="story")
    for title, slug in (("Copper craft in Constantine", "a"), ("Copper", "b"), ("Our copper", "c")):
        Page.objects.create(page_type=kind, title=title, slug=slug, is_published=True)
    query = """{ pages(first: 5, search: "copper", sortBy: {field: RANK, direction: DESC}) {
      edges { node { title } } } }"""
    titles = [e["node"]["title"] for e in gql.data(query)["pages"]["edges"]]
    assert titles == ["Copper", "Copper craft in Constantine", "Our copper"]
