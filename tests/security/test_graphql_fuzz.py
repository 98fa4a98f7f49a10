"""A small bounded GraphQL fuzz in the suite (the full run is scripts/fuzz): every root field,
every scalar generated, anonymous and staff, against a live server on loopback. No 5xx, no
INTERNAL_ERROR, nothing logged at error level."""

from __future__ import annotations

import logging

import pytest

from tests.support.graphql_fuzz import (
    ErrorLogCounter,
    FuzzReport,
    fuzz,
    fuzz_actors,
    register_scalars,
    schema_introspection,
    served_values,
)

EXAMPLES_PER_OPERATION_AND_ACTOR = 2
SUITE_ACTORS = ("anonymous", "staff")  # scripts/fuzz adds a buyer


@pytest.mark.django_db(transaction=True)
def test_a_bounded_fuzz_finds_no_server_error(live_server, catalog, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    catalog.product("Copper tray")
    ids, words, type_names = served_values()
    register_scalars(ids=ids, words=words, type_names=type_names)
    report = FuzzReport()
    counter = ErrorLogCounter(report)
    logging.getLogger().addHandler(counter)
    try:
        fuzz(
            url=f"{live_server.url}/graphql/",
            introspection=schema_introspection(),
            actors={k: v for k, v in fuzz_actors().items() if k in SUITE_ACTORS},
            examples=EXAMPLES_PER_OPERATION_AND_ACTOR,
            report=report,
        )
    finally:
        logging.getLogger().removeHandler(counter)
    assert report.requests >= 300, report.summary()
    assert report.clean, report.summary() + "\n" + "\n".join(report.examples)
