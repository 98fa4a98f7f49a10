"""Packaging options offered with a product, priced in the channel (marketplace extension)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import graphene

from marketplace.catalog.models import Product as ProductModel
from marketplace.channels.models import Channel as ChannelModel
from marketplace.graphql.core.context import register_batch
from marketplace.graphql.core.dataloader import DataLoader
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import Money, MoneyValue, Weight, channel_context_resolver
from marketplace.packaging.models import PackagingOption as PackagingOptionModel
from marketplace.packaging.models import PackagingOptionTranslation as PackagingTranslationModel
from marketplace.packaging.selectors import packaging_offers_for_products


@dataclass(frozen=True)
class PackagingOffer:
    """An option as offered in a channel; ``node`` so loaders see the option itself."""

    node: PackagingOptionModel
    price: MoneyValue | None


class PackagingOffersLoader(DataLoader[tuple[ProductModel, int], list[PackagingOffer]]):
    """Key: (product, channel id). A fixed number of queries for any number of products."""

    default: ClassVar[list[Any]] = []
    registers_results = False

    def batch_load(self, keys: Sequence[tuple[ProductModel, int]]) -> Mapping[Any, list[Any]]:
        found: dict[tuple[ProductModel, int], list[PackagingOffer]] = {}
        for channel in ChannelModel.objects.filter(pk__in={c for _p, c in keys}):
            products = [p for p, c in keys if c == channel.pk]
            offers = packaging_offers_for_products(products, channel=channel)
            for product in products:
                found[(product, channel.pk)] = [
                    PackagingOffer(node=o.option, price=Money.build(o.amount, o.currency))
                    for o in offers.get(product.pk, [])
                ]
        register_batch(self.context, [offer for offers in found.values() for offer in offers])
        return found


class PackagingKindEnum(graphene.Enum):
    STANDARD = "standard"
    GIFT = "gift"
    ECO = "eco"
    EXPORT_PROTECTIVE = "export_protective"
    CLUSTER_BRANDED = "cluster_branded"


class PackagingTranslation(TranslationBase):
    name = graphene.String(required=True)
    description = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class PackagingDimensions(graphene.ObjectType):
    length = graphene.Float(required=True)
    width = graphene.Float(required=True)
    height = graphene.Float(required=True)
    unit = graphene.String(required=True)


def _option(root: Any) -> PackagingOptionModel:
    return root.node if isinstance(root, PackagingOffer) else root


class PackagingOption(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.String()
    kind = graphene.Field(PackagingKindEnum, required=True)
    material = graphene.String()
    recyclable = graphene.Boolean(required=True)
    added_weight = graphene.Field(Weight, required=True)
    dimensions = graphene.Field(PackagingDimensions, required=True)
    extra_lead_days = graphene.Int(required=True)
    price = graphene.Field(Money, description="In the channel's currency.")
    offered_by = graphene.String(required=True, description="The workshop's or cluster's name.")
    translation = translation_field(PackagingTranslation, PackagingTranslationModel, "option")

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = lambda attname, default, root, info, **_: getattr(  # noqa: E731
            _option(root), attname, default
        )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> int:
        return _option(root).pk

    @staticmethod
    def resolve_added_weight(root: Any, info: Any) -> Weight | None:
        return Weight.from_kg(_option(root).added_weight_kg)

    @staticmethod
    def resolve_dimensions(root: Any, info: Any) -> PackagingDimensions:
        option = _option(root)
        return PackagingDimensions(
            length=float(option.length_cm),
            width=float(option.width_cm),
            height=float(option.height_cm),
            unit="CM",
        )

    @staticmethod
    def resolve_price(root: Any, info: Any) -> MoneyValue | None:
        return root.price if isinstance(root, PackagingOffer) else None

    @staticmethod
    def resolve_offered_by(root: Any, info: Any) -> str:
        return _option(root).vendor.name
