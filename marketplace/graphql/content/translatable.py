"""Pages' and menu items' ``*TranslatableContent`` types (see core/translatable_content.py)."""

from __future__ import annotations

import graphene

from marketplace.content.models import MenuItemTranslation as MenuItemTranslationModel
from marketplace.content.models import PageTranslation as PageTranslationModel
from marketplace.graphql.core.translatable_content import translatable_content
from marketplace.graphql.core.translations import translation_field

PageTranslatableContent = translatable_content(
    "PageTranslatableContent",
    owner="marketplace.graphql.content.types.Page",
    owner_name="Page",
    back_reference="page",
    translation=translation_field(
        "marketplace.graphql.content.types.PageTranslation", PageTranslationModel, "page"
    ),
    fields={
        "seo_title": graphene.String(),
        "seo_description": graphene.String(),
        "slug": graphene.String(),
        "title": graphene.String(required=True),
        "content": graphene.JSONString(),
        "content_json": graphene.JSONString(deprecation_reason="Use the `content` field."),
    },
    attribute_values=True,
)

MenuItemTranslatableContent = translatable_content(
    "MenuItemTranslatableContent",
    owner="marketplace.graphql.content.types.MenuItem",
    owner_name="MenuItem",
    back_reference="menu_item",
    translation=translation_field(
        "marketplace.graphql.content.types.MenuItemTranslation",
        MenuItemTranslationModel,
        "menu_item",
    ),
    fields={"name": graphene.String(required=True)},
)
