"""A completed checkout publishes one message; the worker queues the order's mails and its
certificate run from it (marketplace/orders/tasks.py: order_placed_work)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from conftest import GraphQLClient
from marketplace.orders import tasks
from marketplace.orders.models import Order
from marketplace.provenance.models import Certificate
from tests.commerce import Shop, checkout_ready, complete, pay

pytestmark = pytest.mark.django_db


def _two_workshops(gql: GraphQLClient, shop: Shop) -> str:
    lines = [
        {"variantId": shop.variant_id(product), "quantity": 1}
        for product in (shop.tray, shop.bracelet)
    ]
    checkout_id = checkout_ready(gql, lines)
    assert pay(gql, checkout_id)["errors"] == []
    return checkout_id


def test_completion_publishes_one_message_naming_every_parcel(
    gql: GraphQLClient,
    catalog: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    shop = Shop(catalog)
    checkout_id = _two_workshops(gql, shop)
    published: list[dict[str, Any]] = []
    monkeypatch.setattr(tasks.order_placed_work, "delay", lambda **kwargs: published.append(kwargs))
    with django_capture_on_commit_callbacks(execute=True):
        assert complete(gql, checkout_id)["errors"] == []
    order = Order.objects.get()
    assert published == [
        {
            "order_id": str(order.pk),
            "vendor_order_ids": sorted(order.vendor_orders.values_list("pk", flat=True)),
        }
    ]
    assert len(published[0]["vendor_order_ids"]) == 2


def test_the_worker_queues_the_buyer_s_and_each_workshop_s_mail_and_the_certificates(
    gql: GraphQLClient, catalog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    shop = Shop(catalog)
    checkout_id = _two_workshops(gql, shop)
    with django_capture_on_commit_callbacks(execute=True):
        assert complete(gql, checkout_id)["errors"] == []
    order = Order.objects.get()
    mail.outbox.clear()
    Certificate.objects.all().delete()
    queued = tasks.order_placed_work(
        order_id=str(order.pk),
        vendor_order_ids=sorted(order.vendor_orders.values_list("pk", flat=True)),
    )
    assert queued == 4  # the buyer's mail, one per workshop, the certificate run
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert "claire@example.com" in recipients
    assert "fidda@example.com" in recipients
    assert Certificate.objects.count() == 2  # one per piece sold
