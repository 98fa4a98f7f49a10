"""Validation rules that bound what one request may ask: depth, aliases, cost.

Cost is estimated before execution: each field costs 1, multiplied by the page size
(`first`/`last`) of every enclosing connection, so a nested list of lists is priced as such.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from graphql import (
    ASTValidationRule,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    specified_rules,
)
from graphql.language import IntValueNode, VariableNode
from graphql.validation.rules.custom.no_schema_introspection import (
    NoSchemaIntrospectionCustomRule,
)


class _Walker:
    def __init__(self, context: ValidationContext) -> None:
        self.context = context
        self.fragments = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self.variables: dict[str, Any] = {}
        self.aliases = 0
        self.max_depth = 0

    def page_size(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value in ("first", "last"):
                value = argument.value
                if isinstance(value, IntValueNode):
                    return int(value.value)
                if isinstance(value, VariableNode):
                    return settings.GRAPHQL_MAX_PAGE_SIZE  # unknown at validation: assume the cap
        return 1

    def cost(self, selection_set: SelectionSetNode | None, depth: int, seen: frozenset[str]) -> int:
        if selection_set is None:
            return 0
        self.max_depth = max(self.max_depth, depth)
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                if selection.alias is not None:
                    self.aliases += 1
                multiplier = self.page_size(selection)
                inner = self.cost(selection.selection_set, depth + 1, seen)
                total += 1 + multiplier * inner
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set, depth, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:  # cycles are reported elsewhere
                    total += self.cost(fragment.selection_set, depth, seen | {name})
        return total


class QueryLimitsRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        walker = _Walker(self.context)
        cost = walker.cost(node.selection_set, 1, frozenset())
        if walker.max_depth > settings.GRAPHQL_MAX_DEPTH:
            self.report_error(
                GraphQLError(
                    f"The query is {walker.max_depth} levels deep; the limit is "
                    f"{settings.GRAPHQL_MAX_DEPTH}.",
                    node,
                )
            )
        if walker.aliases > settings.GRAPHQL_MAX_ALIASES:
            self.report_error(
                GraphQLError(
                    f"The query uses {walker.aliases} aliases; the limit is "
                    f"{settings.GRAPHQL_MAX_ALIASES}.",
                    node,
                )
            )
        if cost > settings.GRAPHQL_MAX_COST:
            self.report_error(
                GraphQLError(
                    f"The query's estimated cost is {cost}; the limit is "
                    f"{settings.GRAPHQL_MAX_COST}. Ask for fewer items or fewer nested lists.",
                    node,
                )
            )


def validation_rules(*, allow_introspection: bool) -> list[type[ASTValidationRule]]:
    rules: list[type[ASTValidationRule]] = [*specified_rules, QueryLimitsRule]
    if not allow_introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules
