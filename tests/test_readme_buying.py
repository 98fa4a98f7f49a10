"""README's "Buying, step by step", run as written against the seeded demo.

Every ```graphql block of that section is executed in order, as a reader pastes it into
GraphiQL: the ids a step needs come, through its variables, from the answers of the steps
before it, and the workshop's steps carry the token its sign-in returned. A document that no
longer runs, or an answer that no longer gives the next step its id, fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from marketplace.demo.seed import seed_demo

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parent.parent / "README.md"


def _buying_documents() -> list[str]:
    text = README.read_text()
    start = text.index("### Buying, step by step")
    end = text.index("\n## ", start)
    return re.findall(r"```graphql\n(.*?)```", text[start:end], flags=re.DOTALL)


def _run(document: str, variables: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = Client().post(
        "/graphql/",
        data=json.dumps({"query": document, "variables": variables}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    for payload in data.values():  # every mutation payload answers no error
        if isinstance(payload, dict) and "errors" in payload:
            assert payload["errors"] == [], payload
    return data


def test_every_buying_step_of_the_readme_runs_as_written(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    steps = iter(_buying_documents())
    assert len(_buying_documents()) == 12

    found = _run(next(steps), {})
    variant = next(
        v
        for edge in found["vendor"]["products"]["edges"]
        for v in edge["node"]["variants"]
        if v["quantityAvailable"] >= 1
    )
    opened = _run(next(steps), {"variant": variant["id"]})
    checkout = opened["checkoutCreate"]["checkout"]["id"]
    addressed = _run(next(steps), {"checkout": checkout})
    assert addressed["checkoutShippingAddressUpdate"]["checkout"]["shippingAddress"] == {
        "city": "PARIS"  # normalised the way the post writes it
    }
    promo = _run(next(steps), {"checkout": checkout})["checkoutAddPromoCode"]["checkout"]
    assert promo["voucherCode"] == "WELCOME10"
    assert float(promo["discount"]["amount"]) > 0

    parcels = _run(next(steps), {"checkout": checkout})["checkout"]["deliveryGroups"]
    assert len(parcels) == 1  # one piece, one workshop, one parcel
    (parcel,) = parcels
    assert parcel["vendor"]["name"] == "Atelier Souika"
    chosen = _run(
        next(steps),
        {
            "checkout": checkout,
            "vendor": parcel["vendor"]["id"],
            "method": parcel["shippingMethods"][0]["id"],
        },
    )
    total = chosen["checkoutDeliveryGroupMethodUpdate"]["checkout"]["totalPrice"]["gross"]
    paid = _run(next(steps), {"checkout": checkout})["transactionInitialize"]
    assert paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert paid["transaction"]["chargedAmount"] == total

    placed = _run(next(steps), {"checkout": checkout})["checkoutComplete"]["order"]
    assert placed["vendorOrders"] == [
        {"vendor": {"name": "Atelier Souika"}, "status": "UNFULFILLED"}
    ]
    assert placed["total"]["gross"] == total

    token = _run(next(steps), {})["tokenCreate"]["token"]
    listed = _run(next(steps), {}, token)["workshopOrders"]["edges"]
    (parcel_to_ship,) = [e["node"] for e in listed if e["node"]["orderId"] == placed["id"]]
    (line,) = parcel_to_ship["lines"]
    (allocation,) = line["allocations"]
    assert allocation["quantity"] == 1
    shipped = _run(
        next(steps),
        {
            "order": parcel_to_ship["orderId"],
            "line": line["id"],
            "warehouse": allocation["warehouse"]["id"],
        },
        token,
    )["orderFulfill"]["order"]
    assert shipped == {
        "status": "FULFILLED",
        "vendorOrders": [{"status": "FULFILLED", "trackingNumber": "RR123456785DZ"}],
    }

    seen = _run(next(steps), {"order": placed["id"]})["order"]
    assert seen == {
        "number": placed["number"],
        "status": "FULFILLED",
        "vendorOrders": [
            {
                "vendor": {"name": "Atelier Souika"},
                "status": "FULFILLED",
                "trackingNumber": "RR123456785DZ",
            }
        ],
    }
    assert next(steps, None) is None
