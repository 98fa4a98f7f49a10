"""The wholesale permission matrix from outside: business buyer, other buyer, the manager,
members, another cluster's manager, staff, anonymous. The wrong actor gets the answer a
missing object gets (null, nothing, or NOT_FOUND), and nothing changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from marketplace.vendors.models import VendorMembership, VendorRole
from marketplace.wholesale.models import QuoteShare, WholesaleQuote
from tests.factories import ClusterFactory

from . import api
from .api import Actor, gid
from .world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    w = build()
    rival = get_user_model().objects.create_user(email="rival@example.com", password="x")
    VendorMembership.objects.create(
        user=rival, vendor=ClusterFactory(slug="batna"), role=VendorRole.MANAGER
    )
    today = timezone.localdate()
    buyer, manager = Actor(w.buyer), Actor(w.manager)
    quote = buyer.ok(
        "wholesaleQuoteRequest",
        api.REQUEST,
        input={
            "cluster": gid("Cluster", w.cluster.pk),
            "lines": [{"quantity": 100, "product": gid("Product", w.products[0].pk)}],
            "targetDate": (today + timedelta(days=60)).isoformat(),
            "destinationCountry": "FR",
            "destinationAddress": "Marseille",
            "incoterm": "DAP",
        },
    )["quote"]
    line = quote["lines"][0]["id"]
    share = manager.ok(
        "quoteShareAssign",
        api.ASSIGN,
        line=line,
        w=gid("Vendor", w.workshops[0].pk),
        q=100,
        p="16.50",
        d=(today + timedelta(days=30)).isoformat(),
    )["share"]["id"]
    return w, rival, quote["id"], line, share


def test_who_sees_the_quote(setup):
    w, rival, qid, _line, share = setup
    outsiders = [Actor(None), Actor(w.other_buyer), Actor(rival), Actor(w.owners[1])]
    missing = gid("WholesaleQuote", 999999)
    for actor in outsiders:
        assert actor.run("wholesaleQuote", api.QUOTE, id=qid) is None
        assert actor.run("wholesaleQuote", api.QUOTE, id=missing) is None
        assert actor.run("wholesaleBoard", api.BOARD, c=gid("Cluster", w.cluster.pk)) is None
        assert (
            actor.run("wholesaleWorkshopDesk", api.DESK, w=gid("Vendor", w.workshops[0].pk)) is None
        )
    buyer_view = Actor(w.buyer).run("wholesaleQuote", api.QUOTE, id=qid)
    assert buyer_view["lines"][0]["shares"] == []  # allocation is the cluster's business
    member_view = Actor(w.owners[0]).run("wholesaleQuote", api.QUOTE, id=qid)
    assert [s["id"] for s in member_view["lines"][0]["shares"]] == [share]
    assert member_view["versions"] == [] and member_view["messages"] == []
    for actor in (Actor(w.manager), Actor(w.staff)):
        seen = actor.run("wholesaleQuote", api.QUOTE, id=qid)
        assert [s["id"] for s in seen["lines"][0]["shares"]] == [share]
    quotes = "{ wholesaleQuotes { id } }"
    assert Actor(w.other_buyer).run("wholesaleQuotes", quotes) == []
    assert [q["id"] for q in Actor(w.buyer).run("wholesaleQuotes", quotes)] == [qid]


def test_wrong_actor_changes_nothing(setup):
    w, rival, qid, line, share = setup
    before = (
        list(WholesaleQuote.objects.values_list("status", flat=True)),
        list(QuoteShare.objects.values_list("status", "quantity")),
    )
    promised = (timezone.localdate() + timedelta(days=30)).isoformat()
    wrong = {
        "assign": (
            api.ASSIGN,
            "quoteShareAssign",
            dict(line=line, w=gid("Vendor", w.workshops[1].pk), q=1, p="1", d=promised),
        ),
        "accept": (api.ACCEPT, "quoteShareAccept", dict(id=share)),
        "decline": (api.DECLINE, "quoteShareDecline", dict(id=share)),
        "withdraw": (api.WITHDRAW, "quoteShareWithdraw", dict(id=share)),
        "changes": (api.CHANGES, "quoteRequestChanges", dict(id=qid, m="x")),
        "decline quote": (api.QUOTE_DECLINE, "quoteDecline", dict(id=qid)),
        "post": (api.POST, "quoteMessagePost", dict(id=qid, b="hello")),
    }
    for actor in (Actor(None), Actor(w.other_buyer), Actor(rival), Actor(w.owners[1])):
        for name, (doc, field, variables) in wrong.items():
            errors = actor.run(field, doc, **variables)["errors"]
            assert [e["code"] for e in errors] == ["NOT_FOUND"], (actor.user, name, errors)
    # the buyer cannot act for the cluster, the member cannot send or answer for the buyer
    assert (
        Actor(w.buyer).run("quoteShareAccept", api.ACCEPT, id=share)["errors"][0]["code"]
        == "NOT_FOUND"
    )
    assert (
        Actor(w.owners[0]).run("quoteDecline", api.QUOTE_DECLINE, id=qid)["errors"][0]["code"]
        == "NOT_FOUND"
    )
    after = (
        list(WholesaleQuote.objects.values_list("status", flat=True)),
        list(QuoteShare.objects.values_list("status", "quantity")),
    )
    assert before == after


def test_bad_input_names_the_field(setup):
    w, _rival, qid, line, share = setup
    manager = Actor(w.manager)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    Actor(w.owners[0]).ok("quoteShareDecline", api.DECLINE, id=share)  # the line is free again
    out = manager.run(
        "quoteShareAssign",
        api.ASSIGN,
        line=line,
        w=gid("Vendor", w.workshops[1].pk),
        q=1,
        p="1",
        d=past,
    )
    assert out["errors"][0]["field"] == "promisedDate"
    out = manager.run("quoteShareAssign", api.ASSIGN, line="broken", w="x", q=1, p="1", d=past)
    assert out["errors"][0] == {
        "field": "line",
        "code": "GRAPHQL_ERROR",
        "message": out["errors"][0]["message"],
    }
    send = manager.run(
        "quoteSend", api.SEND, id=qid, input={"packaging": "0", "shipping": "10", "expiresOn": past}
    )
    assert send["errors"][0]["code"] == "LINES_NOT_ALLOCATED"
    few = Actor(w.buyer).run(
        "wholesaleQuoteRequest",
        api.REQUEST,
        input={
            "cluster": gid("Cluster", w.cluster.pk),
            "lines": [{"quantity": 5, "product": gid("Product", w.products[0].pk)}],
            "targetDate": (timezone.localdate() + timedelta(days=60)).isoformat(),
            "destinationCountry": "FR",
            "destinationAddress": "Marseille",
            "incoterm": "DAP",
        },
    )
    assert few["quote"] is None
    assert (few["errors"][0]["field"], few["errors"][0]["code"]) == (
        "lines.0.quantity",
        "QUANTITY_BELOW_MINIMUM",
    )
    # a business not approved yet: as if the cluster took no wholesale orders
    apply = """mutation { businessApply(input: {companyName: "Bazar", address: "Lyon", country: "FR",
      contactName: "Ali", contactEmail: "ali@example.com"}) { businessAccount { id status } errors { field code message } } }"""
    other = Actor(w.other_buyer)
    applied = other.ok("businessApply", apply)["businessAccount"]
    assert applied["status"] == "PENDING"
    approve = "mutation($id: ID!) { businessApprove(id: $id, netTerms: true) { businessAccount { status netTermsApproved } errors { field code message } } }"
    assert (
        other.run("businessApprove", approve, id=applied["id"])["errors"][0]["code"] == "NOT_FOUND"
    )
    assert (
        Actor(w.manager).run("businessApprove", approve, id=applied["id"])["errors"][0]["code"]
        == "NOT_FOUND"
    )
    approved = Actor(w.staff).ok("businessApprove", approve, id=applied["id"])["businessAccount"]
    assert approved == {"status": "APPROVED", "netTermsApproved": True}
    assert WholesaleQuote.objects.count() == 1
