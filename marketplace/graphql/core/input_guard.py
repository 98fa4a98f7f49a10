"""Refusing NUL characters in every string a request brings, before any resolver runs.

PostgreSQL cannot store or even compare text containing U+0000, so a NUL in a slug, a search,
an e-mail or an address line would fail deep inside a query. Checking here, once, covers every
argument: string literals in the document (a validation rule, cached with the document) and
every variable value, JSON and metadata included (keys too).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ArgumentNode,
    GraphQLError,
    ObjectFieldNode,
    StringValueNode,
    ValidationRule,
    VariableDefinitionNode,
)

NUL = "\x00"
INVALID = {"exception": {"code": "INVALID"}}


def _nul_error(field: str, where: str) -> GraphQLError:
    return GraphQLError(
        f"`{field}` contains a NUL character (\\u0000){where}, which is not allowed.",
        extensions={**INVALID, "field": field},
    )


class NoNulCharactersRule(ValidationRule):
    """A string literal with a NUL character is an error naming its argument."""

    def enter_string_value(
        self, node: StringValueNode, _key: Any, parent: Any, _path: Any, ancestors: Any
    ) -> None:
        if NUL not in node.value:
            return
        names = [
            f"${ancestor.variable.name.value}"
            if isinstance(ancestor, VariableDefinitionNode)
            else ancestor.name.value
            for ancestor in [*ancestors, parent]
            if isinstance(ancestor, ArgumentNode | ObjectFieldNode | VariableDefinitionNode)
        ]
        field = ".".join(names) or "query"
        error = _nul_error(field, "")
        error.nodes = [node]
        self.report_error(error)


def _key(key: Any) -> str:
    text = str(key).replace(NUL, "\\u0000")
    return text if len(text) <= 40 else text[:40] + "…"


def _nul_path(value: Any) -> str | None:
    """The path (``.key`` / ``[index]``) to the first NUL in a JSON value, keys included,
    walked without recursion so a deeply nested value cannot exhaust the stack."""
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return path
        elif isinstance(item, dict):
            for key, inner in item.items():
                if NUL in str(key):
                    return f"{path}.{_key(key)}"
                pending.append((f"{path}.{_key(key)}", inner))
        elif isinstance(item, list):
            pending.extend((f"{path}[{index}]", inner) for index, inner in enumerate(item))
    return None


def variables_nul_error(variables: dict[str, Any] | None) -> GraphQLError | None:
    """An error naming the first variable (and where inside it) that holds a NUL character."""
    for name, value in (variables or {}).items():
        path = "" if NUL in name else _nul_path(value)
        if path is not None:
            where = f" at `{path.lstrip('.')}`" if path else ""
            return _nul_error(f"${_key(name)}", where)
    return None
