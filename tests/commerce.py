"""Builders for checkout, payment and order tests: a two-workshop shop and a buyer's steps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductVariant
from marketplace.packaging.models import PackagingOption, PackagingOptionChannelListing
from marketplace.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingRate,
    ShippingZone,
)
from marketplace.vendors.models import Vendor, VendorMembership
from tests.factories import CatalogBuilder, ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

ADDRESS = {
    "firstName": "Claire",
    "lastName": "Martin",
    "streetAddress1": "12 rue des Arts",
    "city": "Paris",
    "postalCode": "75011",
    "country": "FR",
}


def ship_with(
    vendor: Vendor, channel: Any, *, name: str, price: str, countries=("FR", "DE", "DZ", "TN")
) -> ShippingMethod:
    zone = ShippingZone.objects.create(
        vendor=vendor, name=f"{name} zone", countries=list(countries)
    )
    method = ShippingMethod.objects.create(
        zone=zone, name=name, carrier=name.split()[0], min_delivery_days=3, max_delivery_days=8
    )
    listing = ShippingMethodChannelListing.objects.create(
        method=method, channel=channel, currency=channel.currency_code
    )
    ShippingRate.objects.create(listing=listing, max_weight_kg=None, price=Decimal(price))
    return method


def login(
    email: str, *, vendor: Vendor | None = None, role: str | None = None, staff: bool = False
) -> GraphQLClient:
    user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
    if vendor is not None:
        VendorMembership.objects.create(user=user, vendor=vendor, role=role)
    client = Client()
    client.force_login(user)
    return GraphQLClient(client)


class Shop:
    """Constantine's Atelier Souika (tray, unique ewer) and Batna's Fidda (bracelet)."""

    def __init__(self, catalog: CatalogBuilder) -> None:
        self.catalog = catalog
        self.batna = ClusterFactory(slug="batna", name="Batna Silver Cluster")
        self.fidda = WorkshopFactory(
            slug="fidda",
            name="Atelier Fidda",
            cluster=self.batna,
            contact_email="fidda@example.com",
        )
        self.tray = catalog.product(
            "Tray", prices={"international": "100.00", "tunisia": "330.000"}
        )
        self.ewer = catalog.product(
            "Ewer", prices={"international": "250.00", "tunisia": "820.000"}, stock=1
        )
        self.bracelet = catalog.product(
            "Bracelet", vendor=self.fidda, prices={"international": "60.00", "tunisia": "198.500"}
        )
        self.gift_box = PackagingOption.objects.create(
            vendor=catalog.cluster,
            name="Gift box",
            kind="gift",
            added_weight_kg=Decimal("0.300"),
            length_cm=30,
            width_cm=25,
            height_cm=10,
        )
        for channel, price in ((catalog.eur, "6.00"), (catalog.tnd, "20.000")):
            PackagingOptionChannelListing.objects.create(
                option=self.gift_box,
                channel=channel,
                currency=channel.currency_code,
                price_amount=Decimal(price),
            )
        self.colissimo = ship_with(
            catalog.cluster, catalog.eur, name="Colissimo International", price="15.00"
        )
        self.dhl = ship_with(self.batna, catalog.eur, name="DHL Express", price="25.00")
        self.tunisia_post = ship_with(
            catalog.cluster, catalog.tnd, name="Rapid Poste", price="30.000"
        )
        self.tunisia_post_batna = ship_with(self.batna, catalog.tnd, name="Aramex", price="25.000")

    @staticmethod
    def variant_id(product: Product) -> str:
        return to_global_id("ProductVariant", ProductVariant.objects.get(product=product).pk)


CREATE = """mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { id totalPrice { gross { amount currency } } } errors { field code message } } }"""
DELIVERY = """query($id: ID) { checkout(id: $id) { deliveryGroups { vendor { id }
  shippingMethods { id price { amount } } } } }"""
CHOOSE = """mutation($id: ID, $v: ID!, $m: ID!) { checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $v,
  deliveryMethodId: $m) { errors { field code message } } }"""
ADDRESSES = """mutation($id: ID, $a: AddressInput!) {
  s: checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) { errors { field code message } }
  b: checkoutBillingAddressUpdate(id: $id, billingAddress: $a) { errors { field code message } } }"""
TOTAL = "query($id: ID) { checkout(id: $id) { totalPrice { gross { amount currency } } } }"
PAY = """mutation($id: ID!, $gw: PaymentGatewayToInitialize!, $key: String, $amount: PositiveDecimal) {
  transactionInitialize(id: $id, paymentGateway: $gw, idempotencyKey: $key, amount: $amount) {
    transaction { id token chargedAmount { amount currency } pspReference name }
    transactionEvent { type message amount { amount } } data errors { field code message } } }"""
COMPLETE = """mutation($id: ID) { checkoutComplete(id: $id) { order { id number status
  total { gross { amount currency } } isPaid chargeStatus
  lines { productName quantity packagingName giftMessage unitPrice { gross { amount } } }
  vendorOrders { vendor { slug } status customsForm shippingPrice { amount } total { amount }
    lines { productName } } }
  errors { field code message variants } } }"""


def checkout_ready(
    gql: GraphQLClient,
    lines: list[dict[str, Any]],
    *,
    channel: str = "international",
    address: dict[str, str] | None = None,
    email: str = "claire@example.com",
) -> str:
    """A checkout with lines, e-mail, both addresses and each parcel's cheapest method."""
    created = gql.data(CREATE, {"input": {"channel": channel, "email": email, "lines": lines}})
    payload = created["checkoutCreate"]
    assert payload["errors"] == [], payload["errors"]
    checkout_id: str = payload["checkout"]["id"]
    result = gql.data(ADDRESSES, {"id": checkout_id, "a": address or ADDRESS})
    assert result["s"]["errors"] == [] and result["b"]["errors"] == [], result
    for group in gql.data(DELIVERY, {"id": checkout_id})["checkout"]["deliveryGroups"]:
        cheapest = group["shippingMethods"][0]["id"]
        chosen = gql.data(CHOOSE, {"id": checkout_id, "v": group["vendor"]["id"], "m": cheapest})
        assert chosen["checkoutDeliveryGroupMethodUpdate"]["errors"] == []
    return checkout_id


def checkout_total(gql: GraphQLClient, checkout_id: str) -> Decimal:
    money = gql.data(TOTAL, {"id": checkout_id})["checkout"]["totalPrice"]["gross"]
    return Decimal(str(money["amount"]))


def pay(
    gql: GraphQLClient,
    checkout_id: str,
    *,
    gateway: str = "marketplace.payments.demo",
    data: Any = None,
    key: str | None = None,
    amount: str | None = None,
) -> dict[str, Any]:
    variables = {
        "id": checkout_id,
        "gw": {"id": gateway, "data": data},
        "key": key,
        "amount": amount,
    }
    result: dict[str, Any] = gql.data(PAY, variables)["transactionInitialize"]
    return result


def complete(gql: GraphQLClient, checkout_id: str) -> dict[str, Any]:
    result: dict[str, Any] = gql.data(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    return result
