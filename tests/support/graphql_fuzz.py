"""A bounded GraphQL fuzz with schemathesis's GraphQL mode, against a live server on loopback.

Every root query and mutation field of the live schema gets a fixed number of generated
documents per actor (anonymous, a buyer, staff). Every scalar the schema uses has a strategy
here, custom ones included, mixing valid values, ids and slugs of the data being served, and
hostile values: NUL characters, strings longer than any column, huge or non-finite numbers,
malformed ids. A request counts as a server error when it answers 5xx, reports
``INTERNAL_ERROR``, or makes the server log at error level.

``scripts/fuzz`` runs it over 10,000+ requests on the seeded demo data; the test suite runs a
few hundred (tests/security/test_graphql_fuzz.py).
"""

from __future__ import annotations

import base64
import json
import logging
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import graphql
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from schemathesis.graphql import nodes

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 257,
    "y" * 2_000,
    "é" * 300,
    "1e30",
    "-1",
    "NaN",
    "Infinity",
    "0.0001",
    "null",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%_\\",
    "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "🧿" * 50,
    " ".join(["word"] * 500),
    "a@b",
    "x" * 300 + "@example.com",
    "https://evil.example/reset",
]
NAME = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True)


@dataclass
class FuzzReport:
    requests: int = 0
    server_errors: int = 0
    internal_errors: int = 0
    error_logs: int = 0
    operations: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.server_errors or self.internal_errors or self.error_logs)

    def summary(self) -> str:
        return (
            f"operations: {self.operations}  requests: {self.requests}  "
            f"5xx: {self.server_errors}  INTERNAL_ERROR: {self.internal_errors}  "
            f"error-level log lines: {self.error_logs}"
        )

    def note(self, text: str) -> None:
        if len(self.examples) < 20:
            self.examples.append(text[:2_000])


class ErrorLogCounter(logging.Handler):
    """Counts records at error level or above (attach it to the root logger)."""

    def __init__(self, report: FuzzReport) -> None:
        super().__init__(level=logging.ERROR)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report.error_logs += 1
        self.report.note(f"logged {record.levelname} {record.name}: {record.getMessage()}")


def _value_node(value: Any) -> graphql.ValueNode:
    """A JSON value as a GraphQL literal (for JSON, GenericScalar and Metadata)."""
    if value is None:
        return nodes.Null
    if isinstance(value, bool):
        return nodes.Boolean(value)
    if isinstance(value, int):
        return nodes.Int(value)
    if isinstance(value, float):
        return nodes.Float(value)
    if isinstance(value, str):
        return nodes.String(value)
    if isinstance(value, list):
        return nodes.List([_value_node(item) for item in value])
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=key), value=_value_node(item))
            for key, item in value.items()
        ]
    )


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    leaves |= st.sampled_from(HOSTILE_STRINGS)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NAME, inner, max_size=4),
        max_leaves=10,
    )


def _text(known: list[str]) -> st.SearchStrategy[str]:
    choices = [st.text(max_size=24), st.sampled_from(HOSTILE_STRINGS)]
    if known:
        choices.append(st.sampled_from(known))
    return st.one_of(*choices)


def _forged_ids(type_names: list[str]) -> st.SearchStrategy[str]:
    junk = st.text(alphabet=string.printable, max_size=12)
    return st.builds(
        lambda name, pk: base64.b64encode(f"{name}:{pk}".encode()).decode(),
        st.sampled_from(type_names or ["Product"]),
        junk | st.integers(min_value=-(2**70), max_value=2**70).map(str),
    )


def register_scalars(*, ids: list[str], words: list[str], type_names: list[str]) -> None:
    """A strategy for every scalar of the schema, built-in and custom."""
    decimals = st.decimals(
        min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=4
    ).map(str)
    hostile_numbers = st.sampled_from(["1e30", "-0", "0.0001", "NaN", "Infinity", "abc", ""])
    number = st.one_of(
        decimals.map(nodes.String),
        hostile_numbers.map(nodes.String),
        st.integers(min_value=-(10**12), max_value=10**12).map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
    )
    when = st.datetimes().map(lambda d: d.isoformat() + "Z")
    json_values = _json_values()
    strategies: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
        "String": _text(words).map(nodes.String),
        "ID": st.one_of(
            st.sampled_from(ids or ["UHJvZHVjdDox"]), _forged_ids(type_names), _text([])
        ).map(nodes.String),
        "Decimal": number,
        "PositiveDecimal": number,
        "DateTime": st.one_of(when, _text([])).map(nodes.String),
        "Date": st.one_of(st.dates().map(str), _text([])).map(nodes.String),
        "UUID": st.one_of(st.uuids().map(str), _text([])).map(nodes.String),
        "JSONString": st.one_of(json_values.map(json.dumps), _text([])).map(nodes.String),
        "JSON": json_values.map(_value_node),
        "GenericScalar": json_values.map(_value_node),
        "Metadata": json_values.map(_value_node),
        "Upload": st.one_of(st.just(nodes.Null), _text([]).map(nodes.String)),
    }
    for name, strategy in strategies.items():
        schemathesis.graphql.scalar(name, strategy)


def _is_internal_error(body: Any) -> bool:
    errors = body.get("errors") if isinstance(body, dict) else None
    return any(
        ((error.get("extensions") or {}).get("exception") or {}).get("code") == "INTERNAL_ERROR"
        for error in errors or []
        if isinstance(error, dict)
    )


def fuzz(
    *,
    url: str,
    introspection: dict[str, Any],
    actors: dict[str, dict[str, str]],
    examples: int,
    report: FuzzReport,
    seed: int = 0,
    operation_names: Callable[[str], bool] = lambda _name: True,
) -> FuzzReport:
    """``examples`` generated documents per operation and actor, sent to ``url``."""
    schema = schemathesis.graphql.from_dict(introspection)
    session = requests.Session()
    for operation in _operations(schema):
        if not operation_names(operation.label):
            continue
        report.operations += 1
        strategy = operation.as_strategy()
        for actor, headers in actors.items():
            _run(operation.label, actor, strategy, url, headers, session, examples, seed, report)
    session.close()  # the server's thread ends with its keep-alive connection, and its DB one
    return report


def _operations(schema: Any) -> Iterator[Any]:
    for result in schema.get_all_operations():
        yield result.ok()


def _run(
    label: str,
    actor: str,
    strategy: Any,
    url: str,
    headers: dict[str, str],
    session: requests.Session,
    examples: int,
    seed: int,
    report: FuzzReport,
) -> None:
    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def send(case: Any) -> None:
        response = case.call(base_url=url, headers=headers, session=session)
        report.requests += 1
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 500:
            report.server_errors += 1
            report.note(f"{response.status_code} {label} as {actor}: {case.body}")
        elif _is_internal_error(body):
            report.internal_errors += 1
            report.note(f"INTERNAL_ERROR {label} as {actor}: {case.body}")

    send()


# The data being served: ids of every kind the API decodes, slugs and e-mails, so generated
# documents reach past "not found" into the resolvers and services.
ID_SOURCES = [
    ("Product", "catalog.Product", "pk"),
    ("ProductVariant", "catalog.ProductVariant", "pk"),
    ("Category", "catalog.Category", "pk"),
    ("Collection", "catalog.Collection", "pk"),
    ("ProductType", "catalog.ProductType", "pk"),
    ("ProductMedia", "catalog.ProductMedia", "pk"),
    ("Vendor", "vendors.Vendor", "pk"),
    ("Cluster", "vendors.Vendor", "pk"),
    ("Channel", "channels.Channel", "pk"),
    ("Warehouse", "inventory.Warehouse", "pk"),
    ("Address", "accounts.Address", "pk"),
    ("User", "accounts.User", "pk"),
    ("ShippingMethod", "shipping.ShippingMethod", "pk"),
    ("Page", "content.Page", "pk"),
    ("PageType", "content.PageType", "pk"),
    ("Menu", "content.Menu", "pk"),
    ("PackagingOption", "packaging.PackagingOption", "pk"),
    ("Order", "orders.Order", "pk"),
    ("Checkout", "checkout.Checkout", "token"),
    ("CheckoutLine", "checkout.CheckoutLine", "pk"),
    ("TransactionItem", "payments.Transaction", "token"),
    ("Voucher", "discounts.Voucher", "pk"),
    ("Claim", "provenance.Claim", "pk"),
    ("Certificate", "provenance.Certificate", "pk"),
    ("Artisan", "provenance.Artisan", "pk"),
    ("Technique", "provenance.Technique", "pk"),
    ("Material", "provenance.Material", "pk"),
    ("ProvenancePhoto", "provenance.ProvenancePhoto", "pk"),
]


def served_values(per_kind: int = 5) -> tuple[list[str], list[str], list[str]]:
    """(global ids, words, type names) taken from the database the server uses."""
    from django.apps import apps
    from graphql_relay import to_global_id

    ids: list[str] = []
    type_names: list[str] = []
    for type_name, label, attribute in ID_SOURCES:
        type_names.append(type_name)
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for value in model.objects.order_by("?").values_list(attribute, flat=True)[:per_kind]:
            ids.append(to_global_id(type_name, str(value)))
    words: list[str] = []
    for label, attribute in [
        ("channels.Channel", "slug"),
        ("catalog.Product", "slug"),
        ("catalog.Category", "slug"),
        ("catalog.Collection", "slug"),
        ("vendors.Vendor", "slug"),
        ("content.Page", "slug"),
        ("accounts.User", "email"),
        ("discounts.Voucher", "code"),
        ("catalog.ProductVariant", "sku"),
    ]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        words.extend(str(v) for v in model.objects.values_list(attribute, flat=True)[:per_kind])
    return ids, [*words, "FR", "DZ", "TN", "EUR", "en", "fr", "ar"], type_names


def fuzz_actors() -> dict[str, dict[str, str]]:
    """Anonymous, a buyer and staff, each with its own bearer token (users created here)."""
    from marketplace.accounts.models import User
    from marketplace.accounts.tokens import access_token_issue

    buyer, _ = User.objects.get_or_create(email="fuzz-buyer@example.com")
    staff, _ = User.objects.get_or_create(
        email="fuzz-staff@example.com", defaults={"is_staff": True}
    )
    return {
        "anonymous": {},
        "buyer": {"Authorization": f"Bearer {access_token_issue(buyer)}"},
        "staff": {"Authorization": f"Bearer {access_token_issue(staff)}"},
    }


def schema_introspection() -> dict[str, Any]:
    from marketplace.graphql.api import schema

    return dict(graphql.introspection_from_schema(schema.graphql_schema))
