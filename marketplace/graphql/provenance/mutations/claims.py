from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.mutations import decode, run
from marketplace.graphql.core.uploads import Upload
from marketplace.provenance.services import claim_create, claim_verify, product_attest

from ..types import Attestation, Claim, ClaimKindEnum
from .errors import ProvenanceError


class ClaimCreateInput(graphene.InputObjectType):
    kind = graphene.Field(ClaimKindEnum, required=True)
    title = graphene.String(required=True)
    issuing_body = graphene.String(required=True)
    valid_from = graphene.Date(required=True)
    valid_until = graphene.Date()
    evidence = graphene.Field(
        Upload, description="PDF, JPEG or PNG, 10 MB at most; stored under a name of the server's."
    )


class ProductClaimCreate(graphene.Mutation):
    """State a claim (label, indication, audit). It shows as a badge once verified."""

    claim = graphene.Field(Claim)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        product = graphene.ID(required=True)
        input = ClaimCreateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, product: str, input: dict[str, Any]) -> Any:
        return run(
            cls,
            "claim",
            lambda: claim_create(
                actor=info.context.user,
                product_id=decode(product, "Product", field="product"),
                kind=str(getattr(input["kind"], "value", input["kind"])),
                title=input["title"],
                issuing_body=input["issuing_body"],
                valid_from=input["valid_from"],
                valid_until=input.get("valid_until"),
                evidence=input.get("evidence"),
            ),
        )


class ProductClaimVerify(graphene.Mutation):
    """Staff or the product's cluster managers confirm a claim's evidence."""

    claim = graphene.Field(Claim)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        return run(
            cls,
            "claim",
            lambda: claim_verify(
                actor=info.context.user,
                claim_id=decode(id, "Claim", field="id"),
            ),
        )


class ProductAttest(graphene.Mutation):
    """A cluster manager attests that a member's product is made in the cluster."""

    attestation = graphene.Field(Attestation)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        product = graphene.ID(required=True)
        note = graphene.String()

    @classmethod
    def mutate(cls, root: Any, info: Any, product: str, note: str | None = None) -> Any:
        def work() -> Any:
            made = product_attest(
                actor=info.context.user,
                product_id=decode(product, "Product", field="product"),
                note=note or "",
            )
            return Attestation(cluster_name=made.cluster.name, attested_at=made.attested_at)

        return run(cls, "attestation", work)
