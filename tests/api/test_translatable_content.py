"""Saleor's `translatableContent` of every translation: the original the translation
translates, read as the object itself answers, at no extra SQL for a page of products."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    CategoryTranslation,
    CollectionTranslation,
    ProductTranslation,
    ProductVariantTranslation,
)
from marketplace.content.models import (
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
)
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PRODUCTS = """query($n: Int) { products(first: $n, channel: "international") { edges { node {
  translation(languageCode: AR) { name translatableContent {
    id productId name slug seoTitle description descriptionJson
    product { name }
    attributeValues { id attributeValueId name plainText richText translation(languageCode: FR) { name }
      attribute { attributeId name translation(languageCode: FR) { name } } }
    translation(languageCode: AR) { name }
  } }
  variants { translation(languageCode: FR) { name translatableContent {
    productVariantId name productVariant { sku } attributeValues { name } } } }
} } } }"""


def _translated(catalog, count):
    material = Attribute.objects.create(name="Material", slug="material")
    copper = AttributeValue.objects.create(attribute=material, name="Copper", slug="copper")
    made = []
    for index in range(count):
        product = catalog.product(f"Tray {index}")
        product.attribute_values.add(copper)
        ProductTranslation.objects.create(
            product=product, language_code="ar", name=f"صينية {index}"
        )
        ProductVariantTranslation.objects.create(
            product_variant=product.variants.get(), language_code="fr", name=f"Plateau {index}"
        )
        made.append(product)
    return made, copper


def test_a_products_translation_answers_what_it_translates(gql, catalog):
    (tray,), copper = _translated(catalog, 1)

    node = gql.data(PRODUCTS, {"n": 5})["products"]["edges"][0]["node"]

    content = node["translation"]["translatableContent"]
    assert node["translation"]["name"] == "صينية 0"
    assert content["id"] == to_global_id("ProductTranslatableContent", tray.pk)
    assert content["productId"] == to_global_id("Product", tray.pk)
    assert (content["name"], content["slug"]) == ("Tray 0", tray.slug)
    assert content["product"] == {"name": "Tray 0"}
    assert content["translation"] == {"name": "صينية 0"}
    assert content["attributeValues"] == [
        {
            "id": to_global_id("AttributeValueTranslatableContent", copper.pk),
            "attributeValueId": to_global_id("AttributeValue", copper.pk),
            "name": "Copper",
            "plainText": None,
            "richText": None,
            "translation": None,
            "attribute": {
                "attributeId": to_global_id("Attribute", copper.attribute_id),
                "name": "Material",
                "translation": None,
            },
        }
    ]
    variant = node["variants"][0]["translation"]
    assert variant["name"] == "Plateau 0"
    assert variant["translatableContent"]["name"] == "V0"
    assert variant["translatableContent"]["productVariant"] == {"sku": tray.variants.get().sku}


def test_translatable_content_costs_the_same_sql_at_two_and_at_twelve(gql, catalog):
    _translated(catalog, 12)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as captured:
            edges = gql.data(PRODUCTS, {"n": size})["products"]["edges"]
        assert len(edges) == size
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_categories_collections_pages_and_menu_items_answer_their_originals(gql, catalog):
    product = catalog.product("Tray")
    collection = catalog.collection("gifts", [product])
    CategoryTranslation.objects.create(
        category=catalog.category, language_code="fr", name="Plateaux"
    )
    CollectionTranslation.objects.create(collection=collection, language_code="fr", name="Cadeaux")
    page = Page.objects.create(
        page_type=PageType.objects.create(name="Story", slug="story"),
        title="About",
        slug="about",
        is_published=True,
    )
    PageTranslation.objects.create(page=page, language_code="fr", title="À propos")
    menu = Menu.objects.create(name="navbar", slug="navbar")
    item = MenuItem.objects.create(menu=menu, name="Trays", category=catalog.category)
    MenuItemTranslation.objects.create(menu_item=item, language_code="fr", name="Plateaux")

    data = gql.data("""{
      category(slug: "trays") { translation(languageCode: FR) { name translatableContent {
        categoryId name slug category { slug } translation(languageCode: FR) { name } } } }
      collection(slug: "gifts", channel: "international") { translation(languageCode: FR) {
        translatableContent { collectionId name collection { slug } } } }
      page(slug: "about") { translation(languageCode: FR) { title translatableContent {
        pageId title slug contentJson page { slug } attributeValues { name } } } }
      menu(slug: "navbar") { items { translation(languageCode: FR) { name translatableContent {
        menuItemId name menuItem { name } } } } }
    }""")

    category = data["category"]["translation"]["translatableContent"]
    assert category == {
        "categoryId": to_global_id("Category", catalog.category.pk),
        "name": "Trays",
        "slug": "trays",
        "category": {"slug": "trays"},
        "translation": {"name": "Plateaux"},
    }
    assert data["collection"]["translation"]["translatableContent"] == {
        "collectionId": to_global_id("Collection", collection.pk),
        "name": "Gifts",
        "collection": {"slug": "gifts"},
    }
    assert data["page"]["translation"]["translatableContent"] == {
        "pageId": to_global_id("Page", page.pk),
        "title": "About",
        "slug": "about",
        "contentJson": "{}",
        "page": {"slug": "about"},
        "attributeValues": [],
    }
    assert data["menu"]["items"][0]["translation"] == {
        "name": "Plateaux",
        "translatableContent": {
            "menuItemId": to_global_id("MenuItem", item.pk),
            "name": "Trays",
            "menuItem": {"name": "Trays"},
        },
    }
