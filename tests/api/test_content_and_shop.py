from __future__ import annotations

import pytest

from marketplace.content.models import Menu, MenuItem, Page, PageTranslation, PageType
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(catalog):
    story = PageType.objects.create(name="Story", slug="story")
    about = Page.objects.create(
        page_type=story,
        title="About",
        slug="about",
        is_published=True,
        content={"blocks": [{"type": "paragraph", "data": {"text": "Hi"}}]},
    )
    PageTranslation.objects.create(page=about, language_code="ar", title="عن السوق")
    cluster_story = Page.objects.create(
        page_type=story,
        title="Our story",
        slug="constantine-story",
        is_published=True,
        vendor=catalog.cluster,
    )
    Page.objects.create(page_type=story, title="Draft", slug="draft", is_published=False)
    navbar = Menu.objects.create(name="navbar", slug="navbar")
    top = MenuItem.objects.create(menu=navbar, name="Trays", category=catalog.category)
    MenuItem.objects.create(menu=navbar, name="About", page=about, parent=top, level=1)
    return about, cluster_story


def test_page_by_slug_with_translation_and_cluster(gql, content):
    data = gql.data("""{
      about: page(slug: "about") { title content pageType { slug } translation(languageCode: AR) { title } }
      story: page(slug: "constantine-story") { vendor { slug } }
      draft: page(slug: "draft") { title }
    }""")
    assert data["about"]["title"] == "About"
    assert '"Hi"' in data["about"]["content"]
    assert data["about"]["translation"] == {"title": "عن السوق"}
    assert data["story"]["vendor"] == {"slug": "constantine"}
    assert data["draft"] is None


def test_pages_list_hides_drafts(gql, staff_gql, content):
    query = "{ pages(first: 10) { totalCount edges { node { slug } } } }"
    assert [e["node"]["slug"] for e in gql.data(query)["pages"]["edges"]] == [
        "about",
        "constantine-story",
    ]
    assert staff_gql.data(query)["pages"]["totalCount"] == 3


def test_menu_by_slug_with_nested_items(gql, content):
    data = gql.data("""{ menu(slug: "navbar") { name items { name level category { slug }
        children { name page { slug } parent { name } } } } }""")
    assert data["menu"] == {
        "name": "navbar",
        "items": [
            {
                "name": "Trays",
                "level": 0,
                "category": {"slug": "trays"},
                "children": [
                    {"name": "About", "page": {"slug": "about"}, "parent": {"name": "Trays"}}
                ],
            }
        ],
    }


def test_menus_list(gql, content):
    data = gql.data("{ menus(first: 5) { edges { node { slug } } } }")
    assert data["menus"]["edges"] == [{"node": {"slug": "navbar"}}]


def test_shop_channel_and_channels(gql, catalog):
    data = gql.data(
        """query($id: ID) {
      shop { name description defaultCountry { code } languages { code } channelCurrencies version schemaVersion domain { host } }
      channel(slug: "tunisia") { slug currencyCode defaultCountry { code country } countries { code } }
      byId: channel(id: $id) { slug }
      channels { slug currencyCode isActive }
    }""",
        {"id": to_global_id("Channel", catalog.eur.pk)},
    )
    assert data["shop"]["languages"] == [{"code": "EN"}, {"code": "FR"}, {"code": "AR"}]
    assert data["shop"]["channelCurrencies"] == ["EUR", "TND"]
    assert data["shop"]["schemaVersion"] == "3.23"
    assert data["channel"] == {
        "slug": "tunisia",
        "currencyCode": "TND",
        "defaultCountry": {"code": "TN", "country": "Tunisia"},
        "countries": [{"code": "TN"}],
    }
    assert data["byId"] == {"slug": "international"}
    assert [c["slug"] for c in data["channels"]] == ["international", "tunisia"]


def test_inactive_channel_is_invisible_to_buyers(gql, staff_gql, catalog):
    catalog.tnd.is_active = False
    catalog.tnd.save()
    catalog.product("Tray")
    assert gql.data('{ channel(slug: "tunisia") { slug } }') == {"channel": None}
    assert gql.error_messages('{ products(first: 1, channel: "tunisia") { totalCount } }') == [
        "Channel with 'tunisia' slug does not exist."
    ]
    assert staff_gql.data('{ channel(slug: "tunisia") { slug } }') == {
        "channel": {"slug": "tunisia"}
    }
