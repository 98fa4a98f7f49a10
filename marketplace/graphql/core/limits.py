"""Validation rules that bound what one request may ask: depth, aliases, cost.

Cost is estimated before execution: each field costs 1, multiplied by the page size
(`first`/`last`) of every enclosing connection, so a nested list of lists is priced as such.
The page size is the value the request actually asks for, as Saleor prices it: a literal is
priced at validation; `first: $first` is priced once the variables are known, just before
execution (``cost_errors``), so a storefront's `first: 20` costs 20, not the page cap.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    ValidationRule,
    specified_rules,
)
from graphql.language import IntValueNode, VariableNode
from graphql.validation.rules.custom.no_schema_introspection import (
    NoSchemaIntrospectionCustomRule,
)


class _Walker:
    """Walks one operation; with ``variables`` None, a page size held in a variable is
    unknown (priced as 1 and noted in ``deferred``) and the cost is checked later."""

    def __init__(
        self,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        self.deferred = False
        self.aliases = 0
        self.max_depth = 0

    def page_size(self, node: FieldNode) -> int:
        for argument in node.arguments or ():
            if argument.name.value in ("first", "last"):
                value = argument.value
                if isinstance(value, IntValueNode):
                    return max(int(value.value), 1)
                if isinstance(value, VariableNode):
                    if self.variables is None:
                        self.deferred = True
                        return 1
                    actual = self.variables.get(value.name.value)
                    if isinstance(actual, int):
                        return max(actual, 1)
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


def _cost_error(cost: int, node: OperationDefinitionNode) -> GraphQLError:
    return GraphQLError(
        f"The query's estimated cost is {cost}; the limit is "
        f"{settings.GRAPHQL_MAX_COST}. Ask for fewer items or fewer nested lists.",
        node,
    )


def cost_errors(
    fragments: Mapping[str, FragmentDefinitionNode],
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
) -> list[GraphQLError]:
    """The cost limit for an operation whose page sizes come from variables, priced with
    the variables' coerced values (defaults included)."""
    walker = _Walker(fragments)
    walker.cost(operation.selection_set, 1, frozenset())
    if not walker.deferred:
        return []  # priced in full at validation
    cost = _Walker(fragments, variables).cost(operation.selection_set, 1, frozenset())
    return [_cost_error(cost, operation)] if cost > settings.GRAPHQL_MAX_COST else []


class QueryLimitsRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        document = self.context.document
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        walker = _Walker(fragments)
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
        if cost > settings.GRAPHQL_MAX_COST:  # a lower bound when page sizes are variables
            self.report_error(_cost_error(cost, node))


def validation_rules(*, allow_introspection: bool) -> list[type[ASTValidationRule]]:
    rules: list[type[ASTValidationRule]] = [*specified_rules, QueryLimitsRule]
    if not allow_introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules
