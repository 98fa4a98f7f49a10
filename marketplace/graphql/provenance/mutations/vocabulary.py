from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.mutations import run
from marketplace.provenance.services import technique_create

from ..types import Technique
from .errors import ProvenanceError


class TechniqueTranslationInput(graphene.InputObjectType):
    language_code = graphene.String(required=True, description="en, fr or ar")
    name = graphene.String(required=True)


class TechniqueCreate(graphene.Mutation):
    """Staff add a technique to the controlled vocabulary."""

    technique = graphene.Field(Technique)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        slug = graphene.String(required=True)
        name = graphene.String(required=True)
        translations = graphene.List(graphene.NonNull(TechniqueTranslationInput))

    @classmethod
    def mutate(cls, root: Any, info: Any, slug: str, name: str, translations: Any = None) -> Any:
        return run(
            cls,
            "technique",
            lambda: technique_create(
                actor=info.context.user,
                slug=slug,
                name=name,
                translations={t["language_code"]: t["name"] for t in translations or []},
            ),
        )
