"""The buyer sees a shipping method under its name in the page's language: the payment
step's choices and the order page, falling back to the method's own name; the API gives
the same through Saleor's ``translation(languageCode)`` and keeps ``name`` the method's own."""

from __future__ import annotations

import pytest
from django.utils import translation
from graphql_relay import from_global_id

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.shipping.models import ShippingMethodTranslation
from storefront.shop.basket import parcels_of
from storefront.shop.tracking import parcels_tracking
from tests.commerce import Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db

METHODS = """query($id: ID) { checkout(id: $id) { shippingMethods { name
  fr: translation(languageCode: FR) { name language { code } } de: translation(languageCode: DE) { name } } } }"""


@pytest.fixture
def basket(catalog):
    shop = Shop(catalog)
    ShippingMethodTranslation.objects.create(
        method=shop.colissimo, language_code="fr", name="Colissimo International (suivi)"
    )
    ShippingMethodTranslation.objects.create(
        method=shop.colissimo, language_code="ar", name="كوليسيمو الدولي"
    )
    buyer = login("claire@example.com")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    return buyer, checkout_id


def test_the_payment_step_names_the_method_in_the_pages_language(basket):
    _, checkout_id = basket
    checkout = Checkout.objects.get(token=from_global_id(checkout_id)[1])
    for language, expected in (
        ("fr", "Colissimo International (suivi)"),
        ("ar", "كوليسيمو الدولي"),
        ("en", "Colissimo International"),  # no English name given: the method's own
    ):
        with translation.override(language):
            (parcel,) = parcels_of(checkout)[0]
        assert [q.name for q in parcel["quotes"]] == [expected]
        assert parcel["chosen"].method_id == parcel["quotes"][0].method_id


def test_the_api_keeps_the_name_and_answers_the_translation(basket):
    buyer, checkout_id = basket
    methods = buyer.data(METHODS, {"id": checkout_id})["checkout"]["shippingMethods"]
    assert methods == [
        {
            "name": "Colissimo International",
            "fr": {"name": "Colissimo International (suivi)", "language": {"code": "FR"}},
            "de": None,
        }
    ]


def test_the_order_page_names_the_method_in_the_pages_language(basket):
    buyer, checkout_id = basket
    pay(buyer, checkout_id)
    complete(buyer, checkout_id)
    order = Order.objects.prefetch_related("vendor_orders__lines").get()
    with translation.override("ar"):
        parcels_tracking(order)
    (parcel,) = order.vendor_orders.all()
    assert parcel.method_label == "كوليسيمو الدولي"
    assert parcel.shipping_method_name == "Colissimo International"  # the record keeps its own
