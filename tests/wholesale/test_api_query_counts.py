"""The wholesale API's lists cost the same SQL whatever the number of lines and workshops."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .api import Actor, gid
from .scale import allocate, requested, send

pytestmark = pytest.mark.django_db

BOARD = """query($c: ID!) { wholesaleBoard(cluster: $c) { quotes { number status progress
  amountPaid { amount } depositDue { amount }
  lines { title quantity sharedQuantity acceptedQuantity referencePhotos
    shares { id status workshopName quantity unitPrice { amount } value { amount } reports { progress } } }
  versions { number total { amount } lines { title producer } } messages { body } } } }"""
BUYER = """{ wholesaleQuotes { number lines { title shares { id } } versions { number total { amount } }
  currentVersion { number } messages { body } } }"""
DESK = """query($w: ID!) { wholesaleWorkshopDesk(workshop: $w) { shares { id quantity
  unitPrice { amount } line { title quote { number targetDate } } } } }"""


def _count(actor: Actor, document: str, **variables: object) -> int:
    with CaptureQueriesContext(connection) as queries:
        actor.run(next(iter(document.split("{")[1].split("(")[0].split())), document, **variables)
    return len(queries)


def _world(lines: int, workshops: int, tag: str) -> dict[str, int]:
    w, quote = requested(lines=lines, workshops=workshops, tag=tag)
    allocate(w, quote)
    send(w, quote)
    return {
        "board": _count(Actor(w.manager), BOARD, c=gid("Cluster", w.cluster.pk)),
        "buyer": _count(Actor(w.buyer), BUYER),
        "desk": _count(Actor(w.owners[0]), DESK, w=gid("Vendor", w.workshops[0].pk)),
    }


def test_wholesale_lists_are_flat():
    small = _world(5, 3, "s")
    large = _world(50, 12, "l")
    print(f"wholesale API queries, 5 lines/3 workshops vs 50/12: {small} vs {large}")
    assert small == large, (small, large)
