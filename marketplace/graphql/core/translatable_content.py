"""Saleor's ``*TranslatableContent`` types: what a translation translates.

The content is the original object itself, read through its own GraphQL type's resolvers, so
the original name, slug or description answer exactly as on the object. A translation loaded
through ``translation(languageCode)`` remembers the object it was asked on, so
``translatableContent`` costs no query; one loaded otherwise (a mutation's answer) reads its
owner's row."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

import graphene
from graphql_relay import to_global_id

from .context import ChannelContext
from .types import unwrap

SOURCE_ATTRIBUTE = "_translated_from"


def remember_source(translation: Any, source: Any) -> Any:
    """Called when a translation row is loaded for ``source`` (the object as its type sees it)."""
    if translation is not None:
        setattr(translation, SOURCE_ATTRIBUTE, source)
    return translation


def _owner_type(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def _delegate(owner_path: str, field_name: str) -> Callable[..., Any]:
    def resolve(root: Any, info: Any, **args: Any) -> Any:
        owner = _owner_type(owner_path)
        resolver = getattr(owner, f"resolve_{field_name}", None)
        if resolver is not None:
            return resolver(root, info, **args)
        return getattr(unwrap(root), field_name, None)

    return resolve


def source_resolver(owner_field: str, *, in_channel: bool) -> Callable[..., Any]:
    """``Translation.translatableContent``: the object the translation was read on."""

    def resolve(root: Any, info: Any) -> Any:
        source = getattr(root, SOURCE_ATTRIBUTE, None)
        if source is not None:
            return source
        owner = getattr(root, owner_field)
        return ChannelContext(node=owner, channel_slug=None) if in_channel else owner

    return resolve


def _attribute_values(owner_path: str) -> Callable[..., Any]:
    def resolve(root: Any, info: Any) -> list[Any]:
        owner = _owner_type(owner_path)
        resolver = getattr(owner, "resolve_attributes", None)
        if resolver is None:
            return []
        return [unwrap(v) for selected in resolver(root, info) for v in selected.values]

    return resolve


def translatable_content(
    name: str,
    *,
    owner: str,
    owner_name: str,
    back_reference: str,
    translation: graphene.Field,
    fields: dict[str, Any],
    attribute_values: bool = False,
    extra: dict[str, Any] | None = None,
) -> type[graphene.ObjectType]:
    """Build ``<Owner>TranslatableContent`` for the GraphQL type at dotted path ``owner``."""
    owner_id = f"{back_reference}_id"
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"interfaces": (graphene.relay.Node,), "name": name}),
        owner_id: graphene.ID(required=True),
        f"resolve_{owner_id}": staticmethod(
            lambda root, info: to_global_id(owner_name, unwrap(root).pk)
        ),
        "resolve_id": staticmethod(lambda root, info: unwrap(root).pk),
        "translation": translation,
        back_reference: graphene.Field(
            owner, deprecation_reason="Get model fields from the root level queries."
        ),
        f"resolve_{back_reference}": staticmethod(lambda root, info: root),
    }
    for field_name, field in fields.items():
        attrs[field_name] = field
        attrs[f"resolve_{field_name}"] = staticmethod(_delegate(owner, field_name))
    if attribute_values:
        attrs["attribute_values"] = graphene.List(
            graphene.NonNull(
                "marketplace.graphql.catalog.translatable.AttributeValueTranslatableContent"
            ),
            required=True,
        )
        attrs["resolve_attribute_values"] = staticmethod(_attribute_values(owner))
    attrs.update(extra or {})
    return type(name, (graphene.ObjectType,), attrs)
