"""Translation fields of Saleor 3.23 that every catalogue and page translation carries: a
translated ``slug`` (never translated here: slugs stay one per object, so it answers null and
clients keep the object's slug) and the deprecated ``descriptionJson``/``contentJson``, which
Saleor answers with the same JSON as ``description``/``content``."""

from __future__ import annotations

from typing import Any

import graphene

from .types import unwrap


class TranslatedSlugField(graphene.ObjectType):
    class Meta:
        abstract = True

    slug = graphene.String(description="Always null: slugs are not translated here.")

    @staticmethod
    def resolve_slug(root: Any, info: Any) -> None:
        return None


class DescriptionJsonField(TranslatedSlugField):
    class Meta:
        abstract = True

    description_json = graphene.JSONString(deprecation_reason="Use `description`.")

    @staticmethod
    def resolve_description_json(root: Any, info: Any) -> Any:
        return unwrap(root).description


class ContentJsonField(TranslatedSlugField):
    class Meta:
        abstract = True

    content_json = graphene.JSONString(deprecation_reason="Use `content`.")

    @staticmethod
    def resolve_content_json(root: Any, info: Any) -> Any:
        return unwrap(root).content
