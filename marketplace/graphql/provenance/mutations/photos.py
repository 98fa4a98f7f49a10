from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.catalog.media import absolute_url
from marketplace.graphql.core.mutations import decode, run
from marketplace.graphql.core.types import Image, ImageValue
from marketplace.graphql.core.uploads import Upload
from marketplace.provenance.services import provenance_photo_add

from .errors import ProvenanceError


class ProvenancePhotoAdd(graphene.Mutation):
    """Add a photo of the making (JPEG, PNG or WebP, 10 MB at most). The workshop only."""

    photo = graphene.Field(Image)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        product = graphene.ID(required=True)
        image = Upload(required=True)
        alt = graphene.String()

    @classmethod
    def mutate(cls, root: Any, info: Any, product: str, image: Any, alt: str | None = None) -> Any:
        def work() -> ImageValue:
            photo = provenance_photo_add(
                actor=info.context.user,
                product_id=decode(product, "Product", field="product"),
                image=image,
                alt=alt or "",
            )
            return ImageValue(url=absolute_url(info, photo.image.url), alt=photo.alt)

        return run(cls, "photo", work)
