"""``translation(languageCode)`` for any translatable model, batched per request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import graphene

from .dataloader import DataLoader, load_for
from .translatable_content import remember_source
from .types import LanguageCodeEnum, LanguageDisplay, language_code_to_django, unwrap

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}


class TranslationLoader(DataLoader[tuple[int, str], Any]):
    """Key: (object id, django language code). Subclasses name the model and its FK."""

    model: Any
    owner_field: str
    registers_results = False

    def batch_load(self, keys: Sequence[tuple[int, str]]) -> Mapping[Any, Any]:
        rows = self.model.objects.filter(
            **{
                f"{self.owner_field}_id__in": {k[0] for k in keys},
                "language_code__in": {k[1] for k in keys},
            }
        )
        return {(getattr(r, f"{self.owner_field}_id"), r.language_code): r for r in rows}


_loader_classes: dict[Any, type[TranslationLoader]] = {}


def translation_loader(model: Any, owner_field: str) -> type[TranslationLoader]:
    if model not in _loader_classes:
        _loader_classes[model] = type(
            f"{model.__name__}Loader",
            (TranslationLoader,),
            {"model": model, "owner_field": owner_field},
        )
    return _loader_classes[model]


def translation_field(translation_type: Any, model: Any, owner_field: str) -> graphene.Field:
    """A ``translation(languageCode: LanguageCodeEnum!)`` field returning ``translation_type``."""

    def resolve(root: Any, info: Any, language_code: Any) -> Any:
        code = language_code_to_django(language_code)
        loader = translation_loader(model, owner_field)
        found = load_for(info.context, root, loader, key=lambda node: (node.pk, code))
        return remember_source(found, root)

    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=resolve,
    )


class TranslationBase(graphene.ObjectType):
    class Meta:
        abstract = True

    language = graphene.Field(LanguageDisplay, required=True)

    @staticmethod
    def resolve_language(root: Any, info: Any) -> LanguageDisplay:
        code = unwrap(root).language_code
        return LanguageDisplay(
            code=LanguageCodeEnum.get(code.upper()), language=LANGUAGE_NAMES.get(code, code)
        )
