"""Issue 8: every mutation and id-taking query, tried by each of eight actors on an object of
A's. The wrong actor gets the answer a missing object gets, and no row changes anywhere."""

from __future__ import annotations

from typing import Any

import graphene
import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase, override_settings

from marketplace.accounts.models import User
from marketplace.graphql.api import schema
from tests.security.matrix import ENTRIES
from tests.security.matrix.core import (
    OBJECT,
    SELF,
    Entry,
    changed_tables,
    database_snapshot,
    normalise,
    operations_needing_entries,
    run,
)
from tests.security.matrix.world import ACTORS, World, bearer_client, build_world

pytestmark = pytest.mark.django_db

CASES = [
    pytest.param(entry, actor, id=f"{entry.name}-{actor}") for entry in ENTRIES for actor in ACTORS
]


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Any:
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint of its own (pytest-django's ``db``), so no test sees another's."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # throttles and caches never carry one actor's attempts into the next test


def test_every_operation_has_an_entry() -> None:
    needed = operations_needing_entries(schema.graphql_schema)
    covered = {entry.operation for entry in ENTRIES}
    unjudged = sorted(needed - covered)
    assert not unjudged, (
        f"operations without a permission-matrix entry: {unjudged}; decide who may use them "
        "and add entries in tests/security/matrix/ (see its __init__)"
    )
    gone = sorted(covered - needed)
    assert not gone, f"entries for operations the schema no longer has: {gone}"


def test_a_new_mutation_or_id_query_is_noticed() -> None:
    class Probe(graphene.Mutation):
        ok = graphene.Boolean()

        class Arguments:
            target = graphene.ID(required=True)

        def mutate(self, info: Any, target: str) -> Any:  # pragma: no cover - never run
            return Probe(ok=True)

    class Query(graphene.ObjectType):
        shop_name = graphene.String()
        parcel = graphene.String(tracking=graphene.ID())
        note = graphene.String(serial=graphene.String())
        search = graphene.String(text=graphene.String())

    class Mutation(graphene.ObjectType):
        probe_things = Probe.Field()

    probe = graphene.Schema(query=Query, mutation=Mutation)
    assert operations_needing_entries(probe.graphql_schema) == {
        "mutation.probeThings",
        "query.parcel",
        "query.note",
    }


def _judge_allowed(world: World, entry: Entry, actor: str) -> None:
    guard = entry.guard if entry.kind == SELF and actor != "buyer_a" else None
    before = guard(world) if guard else None
    body = run(bearer_client(world, actor), entry, entry.target(world))
    assert "errors" not in body, body
    assert entry.ok(body["data"]), f"{actor} may {entry.name} but got {body}"
    if guard:
        assert guard(world) == before, f"{actor} changed buyer A's own rows"


@pytest.mark.parametrize(("entry", "actor"), CASES)
def test_permission(world: World, entry: Entry, actor: str) -> None:
    if actor in entry.allowed:
        _judge_allowed(world, entry, actor)
        return
    variables = entry.target(world)
    client = bearer_client(world, actor)
    before = database_snapshot()
    with TestCase.captureOnCommitCallbacks() as scheduled:
        body = run(client, entry, variables)
    assert changed_tables(before, database_snapshot()) == [], body
    assert scheduled == [], f"work scheduled for after the commit (mail, tasks): {body}"
    assert mail.outbox == [], [message.subject for message in mail.outbox]
    assert not entry.ok(body.get("data") or {}), f"{actor} got through: {body}"
    if entry.kind == OBJECT:
        assert entry.missing is not None
        missing = entry.missing(world)
        answer_for_missing = run(client, entry, missing)
        assert normalise(body, variables, missing) == normalise(
            answer_for_missing, variables, missing
        )
    else:
        assert entry.denied is not None and entry.denied(body.get("data") or {}), body


def _everyone_manages(*args: Any, **kwargs: Any) -> bool:
    return True


def _everyone_sees_all(*args: Any, **kwargs: Any) -> None:
    return None  # order_view's FULL_VIEW


@pytest.mark.parametrize(
    ("operation", "actor", "check", "opened"),
    [
        (
            "mutation.productProvenanceUpdate",
            "owner_b",
            "marketplace.provenance.access.manages_workshop",
            _everyone_manages,
        ),
        ("query.order", "buyer_b", "marketplace.orders.selectors.order_view", _everyone_sees_all),
        (
            "mutation.productUpdate",
            "manager_a",
            "marketplace.catalog.writes.access.writable_vendor_ids",
            _everyone_sees_all,  # None: every workshop, as for staff
        ),
    ],
)
def test_the_matrix_catches_a_hole(
    world: World, monkeypatch: Any, operation: str, actor: str, check: str, opened: Any
) -> None:
    """With a permission check opened up for everyone, the matrix's own judgement fails."""
    monkeypatch.setattr(check, opened)
    entry = next(e for e in ENTRIES if e.name == operation)
    with pytest.raises(AssertionError):
        test_permission(world, entry, actor)


WORKSHOP_VIEW = """query($id: ID) { order(id: $id) { userEmail billingAddress { city }
  shippingAddress { city } transactions { pspReference } lines { productName }
  vendorOrders { vendor { slug } } } }"""


def test_a_workshop_sees_its_parcel_but_not_the_buyers_own_data(world: World) -> None:
    """Workshop A may see buyer A's order (its parcel and where it goes): not the buyer's
    e-mail, billing address or payments."""
    order = bearer_client(world, "owner_a").data(WORKSHOP_VIEW, {"id": world.ids["buyer_a_order"]})
    assert order["order"] == {
        "userEmail": None,
        "billingAddress": None,
        "shippingAddress": {"city": "PARIS"},
        "transactions": [],
        "lines": [{"productName": "Tray"}],
        "vendorOrders": [{"vendor": {"slug": "souika"}}],
    }
    buyer = bearer_client(world, "buyer_a").data(WORKSHOP_VIEW, {"id": world.ids["buyer_a_order"]})
    assert buyer["order"]["userEmail"] == "buyer-a@example.com"
    assert buyer["order"]["billingAddress"] == {"city": "PARIS"}
    assert len(buyer["order"]["transactions"]) == 1


def test_the_snapshot_notices_a_new_row_and_a_changed_column(world: World) -> None:
    before = database_snapshot()
    User.objects.create_user("newcomer@example.com", "pw-1234567890")
    added = database_snapshot()
    User.objects.filter(pk=world.users["buyer_a"].pk).update(first_name="Someone else")
    assert changed_tables(before, added) == ["accounts_user"]
    assert changed_tables(added, database_snapshot()) == ["accounts_user"]
