"""Promo codes: percentage or fixed, marketplace-wide or for one workshop or cluster."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.checkout.models import Checkout
from marketplace.discounts.models import Voucher, VoucherChannelListing
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

TOTALS = "checkout { voucherCode discountName discount { amount currency } subtotalPrice { gross { amount } } totalPrice { gross { amount } } } errors { field code message }"
ADD = (
    "mutation($id: ID, $c: String!) { checkoutAddPromoCode(id: $id, promoCode: $c) { "
    + TOTALS
    + " } }"
)
REMOVE = "mutation($id: ID) { checkoutRemovePromoCode(id: $id) { " + TOTALS + " } }"


def voucher(
    code, kind, channel, *, percentage=None, amount=None, min_spend="0", vendor=None, **extra
):
    made = Voucher.objects.create(
        code=code,
        name=code.title(),
        kind=kind,
        percentage=percentage,
        vendor=vendor,
        starts_at=timezone.now() - timedelta(days=1),
        **extra,
    )
    VoucherChannelListing.objects.create(
        voucher=made,
        channel=channel,
        currency=channel.currency_code,
        amount=amount,
        min_spend=Decimal(min_spend),
    )
    return made


@pytest.fixture
def basket(gql, catalog):
    batna = ClusterFactory(slug="batna")
    silver = WorkshopFactory(slug="fidda", cluster=batna)
    tray = catalog.product("Tray", prices={"tunisia": "100.000"})
    bracelet = catalog.product("Bracelet", vendor=silver, prices={"tunisia": "50.500"})
    lines = [
        {"variantId": to_global_id("ProductVariant", p.variants.get().pk), "quantity": 1}
        for p in (tray, bracelet)
    ]
    result = gql.data(
        'mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "tunisia", lines: $l}) { checkout { id } } }',
        {"l": lines},
    )
    return result["checkoutCreate"]["checkout"]["id"], batna


def test_percentage_voucher_for_the_whole_basket(gql, basket, catalog):
    checkout_id, _ = basket
    voucher("WELCOME10", "percentage", catalog.tnd, percentage=Decimal("10"))
    result = gql.data(ADD, {"id": checkout_id, "c": "welcome10"})["checkoutAddPromoCode"]
    assert result["errors"] == []
    assert result["checkout"]["voucherCode"] == "WELCOME10"
    assert result["checkout"]["discount"] == {"amount": 15.05, "currency": "TND"}  # 10 % of 150.500
    assert result["checkout"]["totalPrice"]["gross"]["amount"] == 135.45
    removed = gql.data(REMOVE, {"id": checkout_id})["checkoutRemovePromoCode"]["checkout"]
    assert removed["voucherCode"] is None and removed["totalPrice"]["gross"]["amount"] == 150.5


def test_a_clusters_fixed_voucher_only_counts_its_members_pieces(gql, basket, catalog):
    checkout_id, batna = basket
    voucher("AURES", "fixed", catalog.tnd, amount=Decimal("80.000"), vendor=batna)
    result = gql.data(ADD, {"id": checkout_id, "c": "AURES"})["checkoutAddPromoCode"]
    assert result["checkout"]["discount"]["amount"] == 50.5  # capped by the bracelet's price


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (
            lambda c: voucher("BIG", "fixed", c.tnd, amount=Decimal("5"), min_spend="500"),
            "VOUCHER_NOT_APPLICABLE",
        ),
        (
            lambda c: voucher(
                "USED", "percentage", c.tnd, percentage=Decimal("5"), usage_limit=1, used=1
            ),
            "VOUCHER_NOT_APPLICABLE",
        ),
        (lambda c: voucher("EUROONLY", "percentage", c.eur, percentage=Decimal("5")), "INVALID"),
        (
            lambda c: voucher(
                "OVER",
                "percentage",
                c.tnd,
                percentage=Decimal("5"),
                ends_at=timezone.now() - timedelta(hours=1),
            ),
            "INVALID",
        ),
        (
            lambda c: voucher(
                "OTHER", "percentage", c.tnd, percentage=Decimal("5"), vendor=WorkshopFactory()
            ),
            "VOUCHER_NOT_APPLICABLE",
        ),
        (lambda c: None, "INVALID"),
    ],
)
def test_inapplicable_codes_are_refused(gql, basket, catalog, setup, code):
    checkout_id, _ = basket
    made = setup(catalog)
    result = gql.data(ADD, {"id": checkout_id, "c": made.code if made else "NOPE"})[
        "checkoutAddPromoCode"
    ]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("promoCode", code)]
    assert Checkout.objects.get().voucher_code == ""
