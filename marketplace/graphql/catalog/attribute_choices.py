"""``Attribute.choices`` as Saleor 3.23 has it: the attribute's values, searched, filtered,
sorted and paginated. The values of every attribute in the answer load in one query and are
filtered in Python (an attribute has a handful), so a list of attributes costs the same SQL
whatever its length. ``referenceTypes`` is empty: no attribute here references other objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import graphene
from graphql import GraphQLError

from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.graphql.core.connection import connection_args, paginate_list
from marketplace.graphql.core.dataloader import DataLoader, load_for
from marketplace.graphql.core.ids import decode_ids
from marketplace.graphql.core.types import OrderDirection

from .filters import StringFilterInput

MAX_NESTING = 5


AttributeChoicesSortField = graphene.Enum(
    "AttributeChoicesSortField", [("NAME", "NAME"), ("SLUG", "SLUG")]
)


class AttributeChoicesSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(AttributeChoicesSortField, required=True)


class AttributeValueFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeValueWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: AttributeValueWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: AttributeValueWhereInput), name="OR")


class ChoicesByAttributeLoader(DataLoader[int, list[AttributeValueModel]]):
    default: ClassVar[list[Any]] = []
    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[AttributeValueModel]]:
        rows = (
            AttributeValueModel.objects.filter(attribute_id__in=keys)
            .select_related("attribute")
            .order_by("sort_order", "pk")
        )
        grouped: dict[int, list[AttributeValueModel]] = defaultdict(list)
        for value in rows:
            grouped[value.attribute_id].append(value)
        return grouped


def _string(value: str, wanted: dict[str, Any] | None) -> bool:
    if not wanted:
        return True
    if wanted.get("eq") is not None:
        return value == wanted["eq"]
    return wanted.get("one_of") is None or value in wanted["one_of"]


def _where(value: AttributeValueModel, where: dict[str, Any], depth: int = 0) -> bool:
    if depth > MAX_NESTING:
        raise GraphQLError(f"`where` nests deeper than {MAX_NESTING} levels.")
    if where.get("ids") is not None and value.pk not in decode_ids(where["ids"], "AttributeValue"):
        return False
    if not (_string(value.name, where.get("name")) and _string(value.slug, where.get("slug"))):
        return False
    if where.get("AND") and not all(_where(value, w, depth + 1) for w in where["AND"]):
        return False
    return not where.get("OR") or any(_where(value, w, depth + 1) for w in where["OR"])


def choices(info: Any, attribute: Any, args: dict[str, Any]) -> list[AttributeValueModel]:
    loaded: list[AttributeValueModel] | None = load_for(
        info.context, attribute, ChoicesByAttributeLoader, key=lambda a: a.pk
    )
    found = list(loaded or [])
    filter_input = args.get("filter") or {}
    search = (args.get("search") or filter_input.get("search") or "").casefold()
    if search:
        found = [v for v in found if search in v.name.casefold() or search in v.slug.casefold()]
    if filter_input.get("ids") is not None:
        ids = set(decode_ids(filter_input["ids"], "AttributeValue"))
        found = [v for v in found if v.pk in ids]
    if filter_input.get("slugs") is not None:
        found = [v for v in found if v.slug in set(filter_input["slugs"])]
    if args.get("where"):
        found = [v for v in found if _where(v, args["where"])]
    sort_by = args.get("sort_by")
    if sort_by:
        field = str(getattr(sort_by["field"], "value", sort_by["field"])).lower()
        direction = str(getattr(sort_by["direction"], "value", sort_by["direction"])).lower()
        found.sort(key=lambda v: (getattr(v, field), v.pk), reverse=direction == "desc")
    return found


class AttributeChoicesFields(graphene.ObjectType):
    class Meta:
        abstract = True

    choices = graphene.Field(
        "marketplace.graphql.catalog.attributes.AttributeValueCountableConnection",
        sort_by=graphene.Argument(AttributeChoicesSortingInput),
        filter=graphene.Argument(AttributeValueFilterInput, deprecation_reason="Use `where`."),
        where=graphene.Argument(AttributeValueWhereInput),
        search=graphene.String(),
        **connection_args(),
    )
    reference_types = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.reference_types.ReferenceType"),
        limit=graphene.Argument("marketplace.graphql.catalog.assigned_attributes.PositiveInt"),
        resolver=lambda *_a, **_k: [],
        description="Always empty: attributes here name choices and reference nothing.",
    )

    @staticmethod
    def resolve_choices(root: Any, info: Any, **args: Any) -> Any:
        if args.get("filter") and args.get("where"):
            raise GraphQLError("Use either `filter` or `where`, not both.")
        from .attributes import AttributeValueCountableConnection

        attribute = getattr(root, "node", root)
        return paginate_list(
            choices(info, attribute, args),
            args,
            connection_type=AttributeValueCountableConnection,
            info=info,
            connection_name="choices",
        )
