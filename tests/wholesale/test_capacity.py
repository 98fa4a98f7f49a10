"""A member workshop states what it can make per week on its wholesale desk; its cluster's
manager sees it beside the member's load when sharing a line. Only the workshop's own people
can state it: anyone else gets the 404 a missing workshop gets, and nothing changes."""

from __future__ import annotations

import pytest
from django.test import Client

from marketplace.core.errors import DomainError, NotFound
from marketplace.wholesale.models import WorkshopCapacity
from marketplace.wholesale.services import allocation, production

from .scale import requested

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_member_states_its_capacity_and_the_manager_sees_it():
    w, quote = requested(lines=2, workshops=2)
    desk = f"/fr/workspace/wholesale/w/{w.workshops[0].slug}/"
    member = _client(w.owners[0])
    assert 'data-testid="capacity"' in member.get(desk).content.decode()

    assert member.post(desk, {"action": "capacity", "pieces_per_week": "40"}).status_code == 302
    loads = {m.workshop.pk: m for m in allocation.member_loads(actor=w.manager, quote_id=quote.pk)}
    assert loads[w.workshops[0].pk].pieces_per_week == 40
    assert loads[w.workshops[1].pk].pieces_per_week != 40

    member.post(desk, {"action": "capacity", "pieces_per_week": "-3"})
    member.post(desk, {"action": "capacity", "pieces_per_week": "beaucoup"})
    assert WorkshopCapacity.objects.get(workshop=w.workshops[0]).pieces_per_week == 40


def test_nobody_else_states_a_workshops_capacity():
    w, _ = requested(lines=1, workshops=2)
    desk = f"/en/workspace/wholesale/w/{w.workshops[0].slug}/"
    before = list(WorkshopCapacity.objects.values_list("workshop_id", "pieces_per_week"))
    for outsider in (w.owners[1], w.manager, w.buyer):
        answer = _client(outsider).post(desk, {"action": "capacity", "pieces_per_week": "9"})
        assert answer.status_code == 404
        with pytest.raises(NotFound):
            production.capacity_state(
                actor=outsider, workshop_id=w.workshops[0].pk, pieces_per_week=9
            )
    assert list(WorkshopCapacity.objects.values_list("workshop_id", "pieces_per_week")) == before
    with pytest.raises(DomainError) as refused:
        production.capacity_state(
            actor=w.owners[0], workshop_id=w.workshops[0].pk, pieces_per_week=10**9
        )
    assert refused.value.field == "piecesPerWeek"
