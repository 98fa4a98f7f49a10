"""Several mutations in one document run in one transaction: a refusal in one field is its
own error and undoes nothing the other fields did (a payment taken stays recorded)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import GraphQLClient
from marketplace.checkout.models import CheckoutDelivery
from marketplace.payments.models import Transaction, TransactionEvent
from tests.commerce import DELIVERY, Shop, checkout_ready
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PAY_THEN_CHOOSE = """mutation($id: ID!, $v: ID!, $m: ID!) {
  pay: transactionInitialize(id: $id, paymentGateway: {id: "marketplace.payments.demo",
    data: {card: "4242424242424242"}}) { transactionEvent { type } errors { code } }
  choose: checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $v, deliveryMethodId: $m) {
    errors { field code } } }"""
CHOOSE_TWICE = """mutation($id: ID!, $v: ID!, $m: ID!, $wrong: ID!) {
  good: checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $v, deliveryMethodId: $m) {
    errors { code } }
  bad: checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $wrong, deliveryMethodId: $m) {
    errors { field code } } }"""


def _ready(gql: GraphQLClient, catalog: Any) -> tuple[Shop, str, dict[str, Any]]:
    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    group = gql.data(DELIVERY, {"id": checkout_id})["checkout"]["deliveryGroups"][0]
    return shop, checkout_id, group


def test_a_refused_method_choice_after_a_payment_keeps_the_payment(
    gql: GraphQLClient, catalog: Any
) -> None:
    shop, checkout_id, group = _ready(gql, catalog)
    nobody = to_global_id("Vendor", shop.fidda.pk)  # no parcel from this workshop
    data = gql.data(
        PAY_THEN_CHOOSE,
        {"id": checkout_id, "v": nobody, "m": group["shippingMethods"][0]["id"]},
    )
    assert data["pay"]["errors"] == []
    assert data["pay"]["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert data["choose"]["errors"] == [{"field": "vendorId", "code": "NOT_FOUND"}]
    assert Transaction.objects.count() == 1
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1


def test_a_refused_choice_leaves_the_good_one_before_it(gql: GraphQLClient, catalog: Any) -> None:
    shop, checkout_id, group = _ready(gql, catalog)
    CheckoutDelivery.objects.all().delete()
    data = gql.data(
        CHOOSE_TWICE,
        {
            "id": checkout_id,
            "v": group["vendor"]["id"],
            "m": group["shippingMethods"][0]["id"],
            "wrong": to_global_id("Vendor", shop.fidda.pk),
        },
    )
    assert data["good"]["errors"] == []
    assert data["bad"]["errors"] == [{"field": "vendorId", "code": "NOT_FOUND"}]
    assert CheckoutDelivery.objects.count() == 1
