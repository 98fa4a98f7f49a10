from __future__ import annotations

import pytest

from marketplace.catalog.models import Attribute, AttributeValue
from marketplace.inventory.models import Stock
from tests.factories import CategoryFactory, ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

LIST = """
query($filter: ProductFilterInput, $where: ProductWhereInput, $search: String, $sortBy: ProductOrder) {
  products(first: 50, channel: "international", filter: $filter, where: $where, search: $search,
           sortBy: $sortBy) { totalCount edges { node { name } } }
}"""


def names(gql, **variables):
    data = gql.data(LIST, variables)
    return [e["node"]["name"] for e in data["products"]["edges"]]


@pytest.fixture
def shop(catalog):
    lanterns = CategoryFactory(slug="lanterns", name="Lanterns")
    batna = ClusterFactory(slug="batna", name="Batna")
    silver = WorkshopFactory(slug="fidda", name="Fidda", cluster=batna)
    items = {
        "tray": catalog.product(
            "Copper tray", prices={"international": "40.00"}, description="hammered"
        ),
        "lantern": catalog.product(
            "Pierced lantern", category=lanterns, prices={"international": "120.00"}
        ),
        "bracelet": catalog.product(
            "Silver bracelet", vendor=silver, prices={"international": "80.00"}, stock=0
        ),
    }
    items["collection"] = catalog.collection("gifts", [items["tray"], items["bracelet"]])
    items["lanterns"], items["batna"], items["silver"] = lanterns, batna, silver
    return items


def test_filter_by_categories_collections_and_ids(gql, shop):
    assert names(gql, filter={"categories": [to_global_id("Category", shop["lanterns"].pk)]}) == [
        "Pierced lantern"
    ]
    assert names(
        gql, filter={"collections": [to_global_id("Collection", shop["collection"].pk)]}
    ) == ["Copper tray", "Silver bracelet"]
    assert names(gql, filter={"ids": [to_global_id("Product", shop["tray"].pk)]}) == ["Copper tray"]
    assert names(gql, filter={"slugs": [shop["lantern"].slug]}) == ["Pierced lantern"]


def test_filter_by_price_range_in_the_channel(gql, shop):
    assert names(gql, filter={"price": {"gte": 50, "lte": 100}}) == ["Silver bracelet"]
    assert names(gql, filter={"minimalPrice": {"lte": 40}}) == ["Copper tray"]
    assert names(gql, where={"price": {"range": {"gte": "100"}}}) == ["Pierced lantern"]


def test_filter_by_stock_availability(gql, shop):
    assert names(gql, filter={"stockAvailability": "OUT_OF_STOCK"}) == ["Silver bracelet"]
    assert names(gql, filter={"stockAvailability": "IN_STOCK"}) == [
        "Copper tray",
        "Pierced lantern",
    ]
    Stock.objects.filter(product_variant__product=shop["bracelet"]).update(
        quantity=2, quantity_allocated=2
    )
    assert "Silver bracelet" not in names(gql, filter={"stockAvailability": "IN_STOCK"})


def test_filter_by_workshop_and_cluster_extension(gql, shop):
    assert names(gql, filter={"vendors": [to_global_id("Vendor", shop["silver"].pk)]}) == [
        "Silver bracelet"
    ]
    assert names(gql, filter={"clusters": [to_global_id("Cluster", shop["batna"].pk)]}) == [
        "Silver bracelet"
    ]


def test_filter_by_attribute_values(gql, shop):
    material = Attribute.objects.create(name="Material", slug="material")
    silver = AttributeValue.objects.create(attribute=material, name="Silver", slug="silver")
    shop["bracelet"].attribute_values.add(silver)
    assert names(gql, filter={"attributes": [{"slug": "material", "values": ["silver"]}]}) == [
        "Silver bracelet"
    ]


def test_filter_by_metadata(gql, shop):
    shop["tray"].metadata = {"one_of_a_kind": "true"}
    shop["tray"].save()
    assert names(gql, filter={"metadata": [{"key": "one_of_a_kind", "value": "true"}]}) == [
        "Copper tray"
    ]
    assert names(gql, filter={"metadata": [{"key": "one_of_a_kind"}]}) == ["Copper tray"]


def test_where_with_and_or(gql, shop):
    tray, lantern = shop["tray"].slug, shop["lantern"].slug
    assert names(gql, where={"slug": {"oneOf": [tray, lantern]}}) == [
        "Copper tray",
        "Pierced lantern",
    ]
    assert names(
        gql, where={"OR": [{"slug": {"eq": tray}}, {"name": {"eq": "Silver bracelet"}}]}
    ) == ["Copper tray", "Silver bracelet"]
    assert names(
        gql,
        where={"AND": [{"slug": {"oneOf": [tray, lantern]}}, {"price": {"range": {"gte": "100"}}}]},
    ) == ["Pierced lantern"]
    assert names(
        gql, where={"category": {"eq": to_global_id("Category", shop["lanterns"].pk)}}
    ) == ["Pierced lantern"]


def test_filter_and_where_together_is_an_error(gql, shop):
    messages = gql.error_messages(
        LIST, {"filter": {"hasCategory": True}, "where": {"hasCategory": True}}
    )
    assert messages == ["Use either `filter` or `where`, not both."]


def test_search_matches_names_descriptions_workshops_and_skus(gql, shop):
    assert names(gql, search="lantern") == ["Pierced lantern"]
    assert names(gql, search="hammered") == ["Copper tray"]
    assert names(gql, search="Fidda") == ["Silver bracelet"]
    assert names(gql, search=shop["tray"].variants.get().sku) == ["Copper tray"]
    assert names(gql, search="nothing-like-this") == []
    assert names(gql, filter={"search": "bracelet"}) == ["Silver bracelet"]


def test_search_finds_translated_names(gql, shop):
    from marketplace.catalog.models import ProductTranslation
    from marketplace.catalog.services import product_update_search_vector

    ProductTranslation.objects.create(product=shop["lantern"], language_code="ar", name="فانوس")
    product_update_search_vector(product_ids=[shop["lantern"].pk])
    assert names(gql, search="فانوس") == ["Pierced lantern"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            {"field": "NAME", "direction": "ASC"},
            ["Copper tray", "Pierced lantern", "Silver bracelet"],
        ),
        (
            {"field": "NAME", "direction": "DESC"},
            ["Silver bracelet", "Pierced lantern", "Copper tray"],
        ),
        (
            {"field": "PRICE", "direction": "ASC"},
            ["Copper tray", "Silver bracelet", "Pierced lantern"],
        ),
        (
            {"field": "MINIMAL_PRICE", "direction": "DESC"},
            ["Pierced lantern", "Silver bracelet", "Copper tray"],
        ),
        (
            {"field": "CREATED_AT", "direction": "DESC"},
            ["Silver bracelet", "Pierced lantern", "Copper tray"],
        ),
    ],
)
def test_sorting(gql, shop, sort, expected):
    assert names(gql, sortBy=sort) == expected


def test_rank_sort_needs_a_search(gql, shop):
    messages = gql.error_messages(LIST, {"sortBy": {"field": "RANK", "direction": "DESC"}})
    assert messages == ["Sorting by RANK is only available with a search."]
    assert names(gql, search="copper", sortBy={"field": "RANK", "direction": "DESC"}) == [
        "Copper tray"
    ]


def test_where_updated_at_range_and_exact(gql, shop):
    shop["tray"].refresh_from_db()
    stamp = shop["tray"].updated_at.isoformat()
    assert names(gql, where={"updatedAt": {"eq": stamp}}) == ["Copper tray"]
    assert names(gql, where={"updatedAt": {"oneOf": [stamp]}}) == ["Copper tray"]
    assert names(gql, where={"updatedAt": {"range": {"lte": stamp}}}) == ["Copper tray"]


def test_price_one_of_is_refused_clearly(gql, shop):
    messages = gql.error_messages(LIST, {"where": {"price": {"oneOf": ["40.00"]}}})
    assert messages == ["`oneOf` is not supported on `price`: use `eq` or `range`."]
