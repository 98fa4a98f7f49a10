"""A business buyer who closes their account: the business, its group orders and their thread
stay on the cluster's books (as orders do), and nobody answers as that buyer any more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.wholesale.models import BusinessAccount, QuoteMessage, WholesaleQuote
from marketplace.wholesale.services.quotes import quote_message_post
from marketplace.wholesale.services.requests import LineInput, quote_request

from . import api
from .api import Actor, gid
from .world import build

pytestmark = pytest.mark.django_db


def test_closing_the_buyers_account_keeps_the_group_order():
    w = build()
    quote = quote_request(
        user=w.buyer,
        cluster_id=w.cluster.pk,
        lines=[LineInput(quantity=100, product_id=w.products[0].pk)],
        target_date=timezone.localdate() + timedelta(days=60),
        destination_country="FR",
        destination_address="Marseille",
        incoterm="DAP",
    )
    quote_message_post(actor=w.buyer, quote_id=quote.pk, body="For our spring window.")
    w.buyer.delete()
    business = BusinessAccount.objects.get(company_name="Concept Store Marseille")
    assert business.user_id is None
    assert WholesaleQuote.objects.filter(pk=quote.pk, business=business).exists()
    assert QuoteMessage.objects.get(quote=quote).author_id is None
    seen = Actor(w.manager).run("wholesaleQuote", api.QUOTE, id=gid("WholesaleQuote", quote.pk))
    assert seen["messages"] == [
        {"body": "For our spring window.", "isMine": False, "authorName": "A closed account"}
    ]
    assert Actor(w.other_buyer).run("wholesaleQuote", api.QUOTE, id=seen["id"]) is None
