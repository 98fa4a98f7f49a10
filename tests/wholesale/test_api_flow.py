"""Issue 12's "Done when", from the outside: the whole group order through GraphQL.

Three lines, three workshops; one declines and its share is re-shared, another counters; the
quote is revised once and accepted; the deposit is paid; progress is reported; one part is
late and the buyer is told; one consolidated shipment with one commercial invoice (its PDF
read back for every producer and HS code); settlement credits each member and the cluster;
the money adds up to the cent, after a partial refund too."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from marketplace.payouts.ledger import balance
from plugins.demo_payments.gateway import DEMO_GATEWAY_ID

from . import api
from .api import Actor, gid
from .world import build

pytestmark = pytest.mark.django_db

D = Decimal


def _pdf_text(actor: Actor, url: str) -> str:
    response = actor.client.get(url.replace("http://testserver", ""))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)


def test_group_order_through_the_api(django_capture_on_commit_callbacks):
    w = build()
    buyer, manager, staff = Actor(w.buyer), Actor(w.manager), Actor(w.staff)
    a, b, c = (Actor(o) for o in w.owners)
    wa, wb, wc = (gid("Vendor", x.pk) for x in w.workshops)
    today = timezone.localdate()
    promised = (today + timedelta(days=40)).isoformat()

    quote = buyer.ok(
        "wholesaleQuoteRequest",
        api.REQUEST,
        input={
            "cluster": gid("Cluster", w.cluster.pk),
            "lines": [
                {"quantity": 120, "product": gid("Product", w.products[0].pk)},
                {"quantity": 60, "product": gid("Product", w.products[1].pk)},
                {"quantity": 200, "product": gid("Product", w.products[2].pk)},
            ],
            "targetDate": (today + timedelta(days=90)).isoformat(),
            "destinationCountry": "FR",
            "destinationAddress": "12 rue de la République, Marseille",
            "incoterm": "DDP",
            "packaging": "Cluster's branded boxes",
            "message": "For our spring window.",
        },
    )["quote"]
    assert quote["status"] == "REQUESTED" and len(quote["lines"]) == 3
    assert all(line["shares"] == [] for line in quote["lines"])  # the buyer sees no shares
    qid = quote["id"]
    l1, l2, l3 = (line["id"] for line in quote["lines"])

    def assign(line: str, workshop: str, qty: int, price: str, date: str = promised) -> str:
        out = manager.ok(
            "quoteShareAssign", api.ASSIGN, line=line, w=workshop, q=qty, p=price, d=date
        )
        return str(out["share"]["id"])

    s1 = assign(l1, wa, 120, "16.50")
    s2 = assign(l2, wb, 60, "31.00")
    s3 = assign(l3, wc, 200, "7.35")
    over = manager.run("quoteShareAssign", api.ASSIGN, line=l1, w=wb, q=1, p="1", d=promised)
    assert over["errors"][0]["code"] == "QUANTITY_EXCEEDS_LINE"
    # a member answering another member's share: as if it did not exist
    assert b.run("quoteShareAccept", api.ACCEPT, id=s1)["errors"][0]["code"] == "NOT_FOUND"

    a.ok("quoteShareAccept", api.ACCEPT, id=s1)
    declined = c.ok("quoteShareDecline", api.DECLINE, id=s3, note="No copper left")
    assert declined["share"]["status"] == "DECLINED"
    later = (today + timedelta(days=45)).isoformat()
    countered = b.ok("quoteShareCounter", api.COUNTER, id=s2, p="33.00", d=later)["share"]
    assert countered["counterUnitPrice"]["amount"] == 33.0 and countered["counterDate"] == later
    agreed = manager.ok("quoteShareCounterAnswer", api.COUNTER_ANSWER, id=s2, agree=True)
    assert agreed["share"]["status"] == "ACCEPTED"
    assert agreed["share"]["unitPrice"]["amount"] == 33.0

    board = manager.run("wholesaleBoard", api.BOARD, c=gid("Cluster", w.cluster.pk))
    line3 = board["quotes"][0]["lines"][2]
    assert line3["sharedQuantity"] == 0  # the declined 200 bowls are free to share again
    loads = {m["workshop"]["slug"]: m for m in board["quotes"][0]["memberLoads"]}
    assert loads[w.workshops[0].slug]["piecesInHand"] == 120
    assert loads[w.workshops[2].slug]["piecesPerWeek"] == 42

    s3a = assign(l3, wa, 120, "7.35")
    soon = (today + timedelta(days=10)).isoformat()
    s3b = assign(l3, wb, 80, "7.35", soon)
    desk = b.run("wholesaleWorkshopDesk", api.DESK, w=wb)
    assert {s["id"]: s["status"] for s in desk["shares"]} == {s2: "ACCEPTED", s3b: "OFFERED"}
    a.ok("quoteShareAccept", api.ACCEPT, id=s3a)
    b.ok("quoteShareAccept", api.ACCEPT, id=s3b)

    expires = (today + timedelta(days=14)).isoformat()
    v1 = manager.ok(
        "quoteSend",
        api.SEND,
        id=qid,
        input={"packaging": "240.00", "shipping": "610.00", "expiresOn": expires},
    )["version"]
    assert v1["linesTotal"]["amount"] == 5430.0 and v1["duties"]["amount"] == 200.91
    changes = buyer.ok("quoteRequestChanges", api.CHANGES, id=qid, m="Can shipping be cheaper?")
    assert changes["quote"]["status"] == "CHANGES_REQUESTED"
    manager.ok("quoteMessagePost", api.POST, id=qid, b="Yes: one pallet instead of two.")
    v2 = manager.ok(
        "quoteSend",
        api.SEND,
        id=qid,
        input={"packaging": "240.00", "shipping": "545.50", "expiresOn": expires},
    )["version"]
    assert v2["number"] == 2 and v2["total"]["amount"] == 6416.41
    seen = buyer.run("wholesaleQuote", api.QUOTE, id=qid)
    assert [v["number"] for v in seen["versions"]] == [1, 2]
    assert [m["body"] for m in seen["messages"]] == [
        "Can shipping be cheaper?",
        "Yes: one pallet instead of two.",
    ]
    assert seen["messages"][0]["isMine"] and not seen["messages"][1]["isMine"]
    assert "Atelier 0" in _pdf_text(buyer, seen["versions"][1]["pdfUrl"])
    assert (
        Actor(w.other_buyer).run("quoteAccept", api.QUOTE_ACCEPT, id=qid)["errors"][0]["code"]
        == "NOT_FOUND"
    )
    assert buyer.ok("quoteAccept", api.QUOTE_ACCEPT, id=qid)["quote"]["status"] == "ACCEPTED"

    deposit = buyer.ok("wholesaleDepositPay", api.DEPOSIT, id=qid, g=DEMO_GATEWAY_ID, k="dep-1")
    assert deposit["amountCharged"]["amount"] == 1924.92  # 30 % of 6416.41
    assert deposit["quote"]["status"] == "IN_PRODUCTION"
    again = buyer.ok("wholesaleDepositPay", api.DEPOSIT, id=qid, g=DEMO_GATEWAY_ID, k="dep-1")
    assert again["amountCharged"]["amount"] == 1924.92  # a retry: the first answer

    a.ok("productionReport", api.REPORT, s=s1, p=60, qc=True, n="Hammered")
    b.ok("productionReport", api.REPORT, s=s2, p=30)
    assert a.run("productionReport", api.REPORT, s=s2, p=99)["errors"][0]["code"] == "NOT_FOUND"

    # eleven days on, b's 80 bowls (promised in ten) are late; the buyer is told once
    mail.outbox.clear()
    eleven = today + timedelta(days=11)
    with mock.patch.object(timezone, "localdate", return_value=eleven):
        board = manager.run("wholesaleBoard", api.BOARD, c=gid("Cluster", w.cluster.pk))
        late_rows = [r for r in board["quotes"][0]["production"] if r["late"]]
        assert [(r["share"]["id"], r["daysLate"]) for r in late_rows] == [(s3b, 1)]
        with django_capture_on_commit_callbacks(execute=True):
            told = manager.ok("quoteLatePartsNotify", api.LATE, id=qid)
        assert [s["id"] for s in told["shares"]] == [s3b]
        assert manager.ok("quoteLatePartsNotify", api.LATE, id=qid)["shares"] == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [w.buyer.email]
    assert quote["number"] in mail.outbox[0].subject
    # the late part is re-shared to c at the quoted price
    manager.ok("quoteShareWithdraw", api.WITHDRAW, id=s3b)
    s3c = assign(l3, wc, 80, "7.35", (today + timedelta(days=20)).isoformat())
    c.ok("quoteShareAccept", api.ACCEPT, id=s3c)

    parts = {s1: 120, s2: 60, s3a: 120, s3c: 80}
    for share, qty in parts.items():
        manager.ok("quoteShareReceive", api.RECEIVE, id=share, q=qty)
    boxes = [
        {"weightKg": "96.0", "contents": [{"share": s1, "quantity": 120}]},
        {"weightKg": "48.0", "contents": [{"share": s2, "quantity": 60}]},
        {
            "weightKg": "160.0",
            "contents": [{"share": s3a, "quantity": 120}, {"share": s3c, "quantity": 80}],
        },
    ]
    packed = manager.ok("shipmentConsolidate", api.CONSOLIDATE, id=qid, boxes=boxes)
    assert [b["number"] for b in packed["shipment"]["boxes"]] == [1, 2, 3]
    early = manager.run("shipmentDispatch", api.DISPATCH, id=qid, c="DHL", t="JD0001")
    assert early["errors"][0]["code"] == "BALANCE_DUE"
    paid_rest = buyer.ok("wholesaleBalancePay", api.BALANCE, id=qid, g=DEMO_GATEWAY_ID)
    assert paid_rest["amountCharged"]["amount"] == 4491.49
    assert paid_rest["quote"]["balanceDue"]["amount"] == 0
    gone = manager.ok("shipmentDispatch", api.DISPATCH, id=qid, c="DHL", t="JD0001")
    assert gone["quote"]["status"] == "SHIPPED" and gone["quote"]["settledAt"]

    final = buyer.run("wholesaleQuote", api.QUOTE, id=qid)
    assert final["amountPaid"]["amount"] == 6416.41
    invoice = _pdf_text(buyer, final["shipment"]["commercialInvoiceUrl"])
    for workshop in w.workshops:
        assert f"producer: {workshop.name}" in invoice
    assert invoice.count("HS 741810") == 4 and "JD0001" in invoice

    paid = D("6416.41")
    members = [balance(vendor_id=x.pk, currency="EUR") for x in w.workshops]
    cluster = balance(vendor_id=w.cluster.pk, currency="EUR")
    marketplace = balance(vendor_id=None, currency="EUR")
    assert all(m > 0 for m in members) and cluster > D("785.50")  # handling + its fee
    assert sum(members, D(0)) + cluster + marketplace == paid

    refund = """mutation($id: ID!) { quoteShareRefund(id: $id, amount: "33.00", key: "damaged") {
      amountRefunded { amount } quote { amountPaid { amount } } errors { field code message } } }"""
    assert manager.run("quoteShareRefund", refund, id=s1)["errors"][0]["code"] == "NOT_FOUND"
    back = staff.ok("quoteShareRefund", refund, id=s1)
    assert back["quote"]["amountPaid"]["amount"] == 6383.41
    after = sum((balance(vendor_id=x.pk, currency="EUR") for x in w.workshops), D(0))
    total = (
        after
        + balance(vendor_id=w.cluster.pk, currency="EUR")
        + balance(vendor_id=None, currency="EUR")
    )
    assert total == paid - D("33.00")
