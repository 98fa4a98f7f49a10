from __future__ import annotations

import pytest

from marketplace.catalog.models import CategoryTranslation, ProductTranslation

pytestmark = pytest.mark.django_db


def test_product_and_category_translations_in_arabic_and_french(gql, catalog):
    product = catalog.product("Chased tray")
    ProductTranslation.objects.create(product=product, language_code="ar", name="صينية منقوشة")
    ProductTranslation.objects.create(product=product, language_code="fr", name="Plateau ciselé")
    CategoryTranslation.objects.create(category=catalog.category, language_code="ar", name="صواني")
    query = """{ products(first: 1) { edges { node {
      ar: translation(languageCode: AR) { name language { code language } }
      fr: translation(languageCode: FR_FR) { name language { code } }
      de: translation(languageCode: DE) { name }
      category { translation(languageCode: AR) { name } }
    } } } }"""

    node = gql.data(query)["products"]["edges"][0]["node"]

    assert node["ar"] == {"name": "صينية منقوشة", "language": {"code": "AR", "language": "العربية"}}
    assert node["fr"] == {"name": "Plateau ciselé", "language": {"code": "FR"}}
    assert node["de"] is None
    assert node["category"] == {"translation": {"name": "صواني"}}


def test_unknown_language_code_is_rejected(gql, catalog):
    catalog.product("Tray")
    messages = gql.error_messages(
        "{ products(first: 1) { edges { node { translation(languageCode: XX) { name } } } } }"
    )
    assert "XX" in messages[0]
