"""A storefront written for Saleor runs unchanged: its documents (tests/
saleor_storefront_documents.py) validate against Saleor 3.23's schema and ours, and run on a
seeded marketplace at `first: 20` returning data: catalog, menus, pages, basket, the whole
checkout paid through Saleor's dummy payment app id only, and the account."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import jwt
import pytest
from django.test import Client
from django.utils import timezone
from graphql import parse, validate

from conftest import GraphQLClient
from marketplace.accounts.models import User
from marketplace.content.models import Menu, MenuItem, Page, PageType
from marketplace.discounts.models import Voucher, VoucherChannelListing
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from tests.commerce import ADDRESS, ship_with
from tests.helpers import to_global_id
from tests.saleor_storefront_documents import DOCUMENTS
from tests.test_saleor_contract import our_schema, saleor_schema

DUMMY_APP = "saleor.io.dummy-payment-app"
CHANNEL = "default-channel"  # what an unconfigured Saleor storefront sends


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_storefront_documents_validate_against_both_schemas(name):
    document = parse(DOCUMENTS[name])
    assert validate(saleor_schema(), document) == []
    assert validate(our_schema(), document) == []


@pytest.fixture
def shop(db, catalog, settings):
    settings.DEFAULT_CHANNEL_SLUG = "international"
    settings.ALLOWED_CLIENT_HOSTS = ["shop.example.com"]
    tray = catalog.product(
        "Chased tray", category=catalog.category, prices={"international": "100.00"}, media=1
    )
    ewer = catalog.product(
        "Hammered ewer", category=catalog.category, prices={"international": "80.00"}
    )
    catalog.collection("featured", [tray, ewer])
    ship_with(catalog.workshop, catalog.eur, name="Colissimo International", price="15.00")
    about = Page.objects.create(
        page_type=PageType.objects.create(name="Story", slug="story"),
        title="About the clusters",
        slug="about",
        is_published=True,
        published_at=timezone.now() - timedelta(days=1),
    )
    navbar = Menu.objects.create(name="navbar", slug="navbar")
    trays = MenuItem.objects.create(menu=navbar, name="Trays", category=catalog.category)
    MenuItem.objects.create(menu=navbar, parent=trays, name="About", page=about)
    voucher = Voucher.objects.create(
        code="WELCOME10",
        name="Welcome",
        kind="percentage",
        percentage=Decimal("10"),
        starts_at=timezone.now() - timedelta(days=1),
    )
    VoucherChannelListing.objects.create(
        voucher=voucher, channel=catalog.eur, currency="EUR", min_spend=Decimal(0)
    )
    return {"tray": tray, "ewer": ewer}


def _run(gql, name, **variables):
    body = gql.execute(DOCUMENTS[name], variables)
    assert "errors" not in body, body
    return body["data"]


def _payload(gql, name, **variables):
    payload = next(iter(_run(gql, name, **variables).values()))
    assert payload["errors"] == [], payload["errors"]
    return payload


@pytest.mark.django_db
def test_catalog_menus_and_pages_return_data(gql, shop, catalog):
    listed = _run(gql, "ProductListPaginated", first=20, channel=CHANNEL)["products"]
    assert listed["totalCount"] == 2
    assert [e["node"]["name"] for e in listed["edges"]] == ["Chased tray", "Hammered ewer"]
    tray = listed["edges"][0]["node"]
    assert tray["pricing"]["priceRange"]["start"]["gross"] == {"amount": 100.0, "currency": "EUR"}
    assert tray["category"]["name"] == "Trays"

    found = _run(
        gql,
        "SearchProducts",
        search="ewer",
        sortBy="RANK",
        sortDirection="DESC",
        first=20,
        channel=CHANNEL,
    )["products"]
    assert [e["node"]["name"] for e in found["edges"]] == ["Hammered ewer"]

    category = _run(gql, "ProductListByCategory", slug="trays", channel=CHANNEL)["category"]
    assert category["name"] == "Trays" and len(category["products"]["edges"]) == 2
    collection = _run(gql, "ProductListByCollection", slug="featured", channel=CHANNEL)
    assert len(collection["collection"]["products"]["edges"]) == 2

    details = _run(gql, "ProductDetails", slug=tray["slug"], channel=CHANNEL)["product"]
    assert details["name"] == "Chased tray" and details["category"] == {"name": "Trays"}
    variant = details["variants"][0]
    assert variant["pricing"]["price"]["gross"] == {"currency": "EUR", "amount": 100.0}
    assert variant["quantityAvailable"] == 5
    assert _run(gql, "VariantDetails", id=variant["id"], channel=CHANNEL)["productVariant"][
        "product"
    ] == {"name": "Chased tray", "slug": tray["slug"]}

    menu = _run(gql, "MenuGetBySlug", slug="navbar", channel=CHANNEL)["menu"]
    assert [(i["name"], i["category"]["slug"]) for i in menu["items"]] == [("Trays", "trays")]
    assert [c["page"]["slug"] for c in menu["items"][0]["children"]] == ["about"]
    page = _run(gql, "PageGetBySlug", slug="about")["page"]
    assert page["title"] == "About the clusters"
    assert [c["slug"] for c in _run(gql, "ChannelsList")["channels"]] == [
        "international",
        "tunisia",
    ]


@pytest.mark.django_db
def test_a_purchase_from_an_empty_basket_paid_with_saleors_dummy_app_only(gql, shop):
    checkout_id = _payload(gql, "CheckoutCreate", channel=CHANNEL)["checkout"]["id"]
    assert _run(gql, "CheckoutFind", id=checkout_id)["checkout"]["lines"] == []

    tray_variant = to_global_id("ProductVariant", shop["tray"].variants.get().pk)
    ewer_variant = to_global_id("ProductVariant", shop["ewer"].variants.get().pk)
    _payload(gql, "CheckoutAddLine", id=checkout_id, productVariantId=tray_variant)
    added = _payload(gql, "CheckoutAddLine", id=checkout_id, productVariantId=ewer_variant)
    lines = {line["variant"]["product"]["name"]: line["id"] for line in added["checkout"]["lines"]}
    _payload(
        gql,
        "CheckoutLinesUpdate",
        id=checkout_id,
        lines=[{"lineId": lines["Chased tray"], "quantity": 2}],
    )
    kept = _payload(
        gql, "CheckoutDeleteLines", checkoutId=checkout_id, lineIds=[lines["Hammered ewer"]]
    )
    assert len(kept["checkout"]["lines"]) == 1

    _payload(gql, "CheckoutEmailUpdate", checkoutId=checkout_id, email="claire@example.com")
    rules = {"checkRequiredFields": True, "checkFieldsFormat": True}
    shipped = _payload(
        gql,
        "CheckoutShippingAddressUpdate",
        checkoutId=checkout_id,
        shippingAddress=ADDRESS,
        validationRules=rules,
    )
    assert shipped["checkout"]["shippingAddress"] == {"city": "PARIS"}
    _payload(gql, "CheckoutBillingAddressUpdate", checkoutId=checkout_id, billingAddress=ADDRESS)
    deliveries = _payload(gql, "DeliveryOptionsCalculate", id=checkout_id)["deliveries"]
    method = deliveries[0]["shippingMethod"]
    assert (method["name"], method["price"]) == (
        "Colissimo International",
        {"amount": 15.0, "currency": "EUR"},
    )
    chosen = _payload(
        gql, "CheckoutDeliveryMethodUpdate", id=checkout_id, deliveryMethodId=method["id"]
    )
    assert chosen["checkout"]["totalPrice"]["gross"] == {"amount": 215.0, "currency": "EUR"}

    promo = _payload(gql, "CheckoutAddPromoCode", id=checkout_id, promoCode="WELCOME10")
    assert promo["checkout"]["discount"] == {"amount": 20.0, "currency": "EUR"}
    total = promo["checkout"]["totalPrice"]["gross"]["amount"]
    assert total == 195.0

    found = _run(gql, "CheckoutFind", id=checkout_id)["checkout"]
    assert DUMMY_APP in [g["id"] for g in found["availablePaymentGateways"]]
    configs = _payload(
        gql,
        "PaymentGatewaysInitialize",
        checkoutId=checkout_id,
        paymentGateways=[{"id": DUMMY_APP}],
    )["gatewayConfigs"]
    assert [(c["id"], c["errors"]) for c in configs] == [(DUMMY_APP, [])]

    event = {"event": {"type": "CHARGE_SUCCESS", "includePspReference": True}}
    paid = _payload(
        gql,
        "TransactionInitialize",
        checkoutId=checkout_id,
        action="CHARGE",
        paymentGateway={"id": DUMMY_APP, "data": event},
        amount=total,
    )
    assert paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert paid["data"]["event"] == {"type": "CHARGE_SUCCESS", "includePspReference": True}
    assert paid["data"]["pspReference"].startswith("dummy_")

    order = _payload(gql, "CheckoutComplete", checkoutId=checkout_id)["order"]
    assert order["isPaid"] and order["status"] == "UNFULFILLED"
    assert order["total"]["gross"] == {"amount": 195.0, "currency": "EUR"}
    assert Transaction.objects.get().gateway_id == DUMMY_APP
    assert Order.objects.get().user_email == "claire@example.com"

    placed = gql.raw(
        {"query": ORDER_DETAILS, "variables": {"id": order["id"]}}, HTTP_ACCEPT_LANGUAGE="fr"
    ).json()
    assert "errors" not in placed, placed
    details = placed["data"]["order"]
    assert details["statusDisplay"] == "En préparation"
    assert details["paymentStatusDisplay"] == "Payé"
    assert (details["authorizeStatus"], details["origin"]) == ("FULL", "CHECKOUT")
    assert details["totalCaptured"] == {"amount": 195.0, "currency": "EUR"}
    assert details["undiscountedTotal"]["gross"] == {"amount": 215.0, "currency": "EUR"}
    assert (details["checkoutId"], details["shippingMethodName"]) == (
        checkout_id,
        "Colissimo International",
    )
    assert details["fulfillments"] == []
    from marketplace.orders.models import VendorOrder
    from marketplace.orders.services import vendor_order_fulfil

    staff = User.objects.create_user("ops@example.com", "pw-123456789", is_staff=True)
    vendor_order_fulfil(
        actor=staff, vendor_order_id=VendorOrder.objects.get().pk, tracking_number="CP123FR"
    )
    shipped = gql.raw(
        {"query": ORDER_DETAILS, "variables": {"id": order["id"]}}, HTTP_ACCEPT_LANGUAGE="fr"
    ).json()["data"]["order"]
    assert shipped["statusDisplay"] == "Expédié"
    [parcel] = shipped["fulfillments"]
    assert (parcel["fulfillmentOrder"], parcel["status"], parcel["trackingNumber"]) == (
        1,
        "FULFILLED",
        "CP123FR",
    )
    assert parcel["statusDisplay"] == "Expédié"
    assert [(fl["quantity"], fl["orderLine"]["productName"]) for fl in parcel["lines"]] == [
        (2, "Chased tray")
    ]
    assert parcel["totalRefundedAmount"] == {"amount": 0.0}
    assert details["deliveryMethod"] == {
        "name": "Colissimo International",
        "price": {"amount": 15.0, "currency": "EUR"},
    }
    [line] = details["lines"]
    assert line["undiscountedUnitPrice"]["gross"] == {"amount": 100.0, "currency": "EUR"}
    assert (line["unitDiscount"]["amount"], line["taxRate"]) == (0.0, 0.0)
    assert line["thumbnail"]["url"].startswith("http://testserver/")


ORDER_DETAILS = """query($id: ID!) { order(id: $id) {
  statusDisplay paymentStatusDisplay authorizeStatus origin checkoutId shippingMethodName
  deliveryMethod { ... on ShippingMethod { name price { amount currency } } }
  totalCaptured { amount currency } undiscountedTotal { gross { amount currency } }
  lines { thumbnail(size: 256) { url } undiscountedUnitPrice { gross { amount currency } }
    unitDiscount { amount } taxRate }
  fulfillments { fulfillmentOrder status statusDisplay trackingNumber created
    lines { quantity orderLine { productName } } totalRefundedAmount { amount } } } }"""


@pytest.mark.django_db
def test_the_dummy_apps_failure_event_charges_nothing(gql, shop):
    checkout_id = _payload(gql, "CheckoutCreate", channel=CHANNEL)["checkout"]["id"]
    variant = to_global_id("ProductVariant", shop["tray"].variants.get().pk)
    _payload(gql, "CheckoutAddLine", id=checkout_id, productVariantId=variant)
    failed = _run(
        gql,
        "TransactionInitialize",
        checkoutId=checkout_id,
        action="CHARGE",
        paymentGateway={"id": DUMMY_APP, "data": {"event": {"type": "CHARGE_FAILURE"}}},
    )["transactionInitialize"]
    assert failed["errors"] == [
        {
            "field": "paymentGateway",
            "code": "INVALID",
            "message": "The simulated charge failed. Nothing was charged.",
        }
    ]
    assert failed["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert Transaction.objects.get().charged == 0
    refused = _run(
        gql,
        "TransactionInitialize",
        checkoutId=checkout_id,
        paymentGateway={"id": DUMMY_APP, "data": {"event": {"type": "AUTHORIZATION_SUCCESS"}}},
    )["transactionInitialize"]
    assert [e["field"] for e in refused["errors"]] == ["data"]
    assert "charges when the order is placed" in refused["errors"][0]["message"]
    assert Transaction.objects.count() == 1


@pytest.mark.django_db
def test_the_account_pages_log_in_and_return_data(gql, shop, mailoutbox):
    User.objects.create_user("amina@example.com", "copper-and-silver-2026", first_name="Amina")
    tokens = _payload(
        gql, "TokenCreate", email="amina@example.com", password="copper-and-silver-2026"
    )
    claims = jwt.decode(tokens["token"], options={"verify_signature": False})
    assert claims["iss"] == "http://testserver/graphql/"  # the API URL the SDK compares

    client = GraphQLClient(Client(HTTP_AUTHORIZATION=f"JWT {tokens['token']}"))
    address = _payload(client, "AccountAddressCreate", input=ADDRESS, type="SHIPPING")
    assert address["address"]["city"] == "PARIS"
    _payload(
        client, "AccountAddressCreate", input={**ADDRESS, "city": "Lyon", "postalCode": "69001"}
    )
    book = client.data(
        "{ me { addresses { city isDefaultShippingAddress isDefaultBillingAddress } } }"
    )["me"]["addresses"]
    assert sorted(book, key=lambda a: a["city"]) == [
        {"city": "LYON", "isDefaultShippingAddress": False, "isDefaultBillingAddress": False},
        {"city": "PARIS", "isDefaultShippingAddress": True, "isDefaultBillingAddress": False},
    ]
    basket = _payload(client, "CheckoutCreate", channel=CHANNEL)["checkout"]["id"]
    me = _run(client, "CurrentUser", channel=CHANNEL)["me"]
    assert (me["email"], me["defaultShippingAddress"]) == ("amina@example.com", {"city": "PARIS"})
    assert (me["avatar"], me["checkoutIds"]) == (None, [basket])
    assert _run(gql, "CurrentUser", channel=CHANNEL)["me"] is None
    updated = _payload(client, "AccountUpdate", input={"lastName": "Bouzid"})
    assert updated["user"]["lastName"] == "Bouzid"
    assert _run(client, "CurrentUserOrderList")["me"]["orders"]["edges"] == []
    _payload(
        client,
        "AccountRequestDeletion",
        redirectUrl="https://shop.example.com/account/delete",
        channel=CHANNEL,
    )
    assert User.objects.filter(email="amina@example.com").exists()


@pytest.mark.django_db
def test_saleors_documents_at_first_100_pass_the_default_cost_limit(gql, shop, settings):
    assert settings.GRAPHQL_MAX_COST == 50000
    listed = gql.execute(DOCUMENTS["ProductListPaginated"], {"first": 100, "channel": CHANNEL})
    assert "errors" not in listed, listed
    json.dumps(listed)


CHECKOUT_STATE = """query($id: ID!) { checkout(id: $id) {
  chargeStatus authorizeStatus translatedDiscountName taxExemption
  delivery { id shippingMethod { name } } shippingMethod { name }
  transactions { chargedAmount { amount } checkout { id } order { id } externalUrl
    authorizePendingAmount { amount } metadata { key } } lastChange note } }"""


@pytest.mark.django_db
def test_checkout_payment_state_delivery_and_discount_name_as_saleor_answers(gql, shop):
    checkout_id = _payload(gql, "CheckoutCreate", channel=CHANNEL)["checkout"]["id"]
    variant = to_global_id("ProductVariant", shop["tray"].variants.get().pk)
    _payload(gql, "CheckoutAddLine", id=checkout_id, productVariantId=variant)
    assert validate(saleor_schema(), parse(CHECKOUT_STATE)) == []
    empty = gql.data(CHECKOUT_STATE, {"id": checkout_id})["checkout"]
    assert (empty["chargeStatus"], empty["authorizeStatus"]) == ("NONE", "NONE")
    assert (empty["delivery"], empty["translatedDiscountName"], empty["transactions"]) == (
        None,
        None,
        [],
    )
    _payload(gql, "CheckoutShippingAddressUpdate", checkoutId=checkout_id, shippingAddress=ADDRESS)
    method = _payload(gql, "DeliveryOptionsCalculate", id=checkout_id)["deliveries"][0]
    _payload(
        gql,
        "CheckoutDeliveryMethodUpdate",
        id=checkout_id,
        deliveryMethodId=method["shippingMethod"]["id"],
    )
    _payload(gql, "CheckoutAddPromoCode", id=checkout_id, promoCode="WELCOME10")
    _payload(
        gql,
        "TransactionInitialize",
        checkoutId=checkout_id,
        paymentGateway={"id": DUMMY_APP, "data": {"event": {"type": "CHARGE_SUCCESS"}}},
        amount=50,
    )
    state = gql.data(CHECKOUT_STATE, {"id": checkout_id})["checkout"]
    assert (state["chargeStatus"], state["authorizeStatus"]) == ("PARTIAL", "PARTIAL")
    assert state["delivery"] == {
        "id": method["id"],
        "shippingMethod": {"name": "Colissimo International"},
    }
    assert state["shippingMethod"] == {"name": "Colissimo International"}
    assert state["translatedDiscountName"] == "Welcome"
    assert state["transactions"] == [
        {
            "chargedAmount": {"amount": 50.0},
            "checkout": {"id": checkout_id},
            "order": None,
            "externalUrl": "",
            "authorizePendingAmount": {"amount": 0.0},
            "metadata": [],
        }
    ]
    assert (state["taxExemption"], state["note"]) == (False, "")


TRANSLATED = """query($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    translation(languageCode: FR) { name slug description descriptionJson language { code } }
  }
  page(slug: "about") { translation(languageCode: FR) { slug contentJson } }
}"""


@pytest.mark.django_db
def test_translations_answer_saleors_slug_and_deprecated_json_fields(gql, shop):
    from marketplace.catalog.models import ProductTranslation

    text = {"blocks": [{"type": "paragraph", "data": {"text": "Plateau ciselé"}}]}
    ProductTranslation.objects.create(
        product=shop["tray"], language_code="fr", name="Plateau", description=text
    )
    assert validate(saleor_schema(), parse(TRANSLATED)) == []
    data = gql.data(TRANSLATED, {"slug": shop["tray"].slug, "channel": CHANNEL})
    translation = data["product"]["translation"]
    assert json.loads(translation.pop("description")) == text
    assert json.loads(translation.pop("descriptionJson")) == text
    assert translation == {"name": "Plateau", "slug": None, "language": {"code": "FR"}}
    assert data["page"] == {"translation": None}


PAGES_WHERE = """query($where: PageWhereInput, $sort: PageSortingInput) {
  pages(first: 20, where: $where, sortBy: $sort) {
    edges { node { slug contentJson publicationDate attributes { attribute { slug } } } }
  }
}"""


@pytest.mark.django_db
def test_pages_where_as_saleor_filters_them(gql, shop):
    story = PageType.objects.get(slug="story")
    Page.objects.create(
        page_type=story,
        title="Batna silver",
        slug="batna",
        is_published=True,
        published_at=timezone.now() - timedelta(days=2),
        metadata={"region": "aures"},
    )
    assert validate(saleor_schema(), parse(PAGES_WHERE)) == []

    def slugs(where, sort=None):
        edges = gql.data(PAGES_WHERE, {"where": where, "sort": sort})["pages"]["edges"]
        return [e["node"]["slug"] for e in edges]

    assert slugs({"slug": {"eq": "about"}}) == ["about"]
    assert slugs({"slug": {"oneOf": ["about", "batna"]}}) == ["about", "batna"]
    assert slugs({"metadata": {"key": "region", "value": {"eq": "aures"}}}) == ["batna"]
    assert slugs({"pageType": {"eq": to_global_id("PageType", story.pk)}}) == ["about", "batna"]
    assert slugs({"OR": [{"slug": {"eq": "about"}}, {"metadata": {"key": "region"}}]}) == [
        "about",
        "batna",
    ]
    assert slugs({"attributes": [{"slug": "colour"}]}) == []
    assert slugs(None, {"field": "PUBLICATION_DATE", "direction": "DESC"}) == ["about", "batna"]
    node = gql.data(PAGES_WHERE, {"where": {"slug": {"eq": "batna"}}})["pages"]["edges"][0]
    assert node["node"]["attributes"] == [] and node["node"]["contentJson"] == "{}"


PRODUCTS_WHERE = """query($where: ProductWhereInput, $channel: String!) {
  products(first: 20, channel: $channel, where: $where) { edges { node { name } } }
}"""


@pytest.mark.django_db
def test_products_where_takes_saleors_listing_stock_and_gift_card_conditions(gql, shop, catalog):
    assert validate(saleor_schema(), parse(PRODUCTS_WHERE)) == []

    def names(where):
        data = gql.data(PRODUCTS_WHERE, {"where": where, "channel": CHANNEL})
        return [e["node"]["name"] for e in data["products"]["edges"]]

    everything = ["Chased tray", "Hammered ewer"]
    assert names({"isPublished": True}) == everything
    assert names({"isPublished": False}) == []
    assert names({"isVisibleInListing": True}) == everything
    assert names({"isVisibleInListing": False}) == []
    assert names({"publishedFrom": timezone.now().isoformat()}) == everything
    assert names({"giftCard": True}) == [] and names({"giftCard": False}) == everything
    warehouse = to_global_id("Warehouse", catalog.warehouse.pk)
    assert names({"stocks": {"warehouseIds": [warehouse], "quantity": {"gte": 5}}}) == everything
    assert names({"stocks": {"quantity": {"gte": 6}}}) == []
    ewer_stock = shop["ewer"].variants.get().stocks.get()
    ewer_stock.quantity = 9
    ewer_stock.save(update_fields=["quantity"])
    assert names({"AND": [{"isPublished": True}, {"stocks": {"quantity": {"gte": 6}}}]}) == [
        "Hammered ewer"
    ]


ATTRIBUTES = """query($slug: String!, $channel: String!) { product(slug: $slug, channel: $channel) {
  attributes { attribute { slug inputType entityType unit filterableInStorefront
      translation(languageCode: FR) { name } }
    values { name slug inputType reference file { url } richText plainText boolean date dateTime
      translation(languageCode: FR) { name } } } } }"""


@pytest.mark.django_db
def test_attribute_values_answer_saleors_fields_for_a_dropdown(gql, shop):
    from marketplace.catalog.models import Attribute, AttributeValue

    material = Attribute.objects.create(name="Material", slug="material", input_type="dropdown")
    copper = AttributeValue.objects.create(attribute=material, name="Copper", slug="copper")
    shop["tray"].attribute_values.add(copper)
    assert validate(saleor_schema(), parse(ATTRIBUTES)) == []
    data = gql.data(ATTRIBUTES, {"slug": shop["tray"].slug, "channel": CHANNEL})
    assert data["product"]["attributes"] == [
        {
            "attribute": {
                "slug": "material",
                "inputType": "DROPDOWN",
                "entityType": None,
                "unit": None,
                "filterableInStorefront": True,
                "translation": None,
            },
            "values": [
                {
                    "name": "Copper",
                    "slug": "copper",
                    "inputType": "DROPDOWN",
                    "reference": None,
                    "file": None,
                    "richText": None,
                    "plainText": None,
                    "boolean": None,
                    "date": None,
                    "dateTime": None,
                    "translation": None,
                }
            ],
        }
    ]


ASSIGNED = """
fragment Choice on AssignedAttribute {
  attribute { slug }
  ... on AssignedSingleChoiceAttribute { choice: value { name slug translation(languageCode: FR) } }
  ... on AssignedMultiChoiceAttribute { choices: value { name } }
  ... on AssignedNumericAttribute { numeric: value }
}
query($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    assignedAttribute(slug: "material") { ...Choice }
    assignedAttributes(limit: 10) { ...Choice }
    variants { assignedAttributes { attribute { slug } } }
  }
  page(slug: "about") { assignedAttributes { attribute { slug } } }
}"""


@pytest.mark.django_db
def test_assigned_attributes_as_saleor_answers_them(gql, shop):
    from marketplace.catalog.models import Attribute, AttributeValue

    material = Attribute.objects.create(name="Material", slug="material", input_type="dropdown")
    motifs = Attribute.objects.create(name="Motifs", slug="motifs", input_type="multiselect")
    copper = AttributeValue.objects.create(attribute=material, name="Copper", slug="copper")
    floral = AttributeValue.objects.create(attribute=motifs, name="Floral", slug="floral")
    arabesque = AttributeValue.objects.create(attribute=motifs, name="Arabesque", slug="arabesque")
    shop["tray"].attribute_values.add(copper, floral, arabesque)
    assert validate(saleor_schema(), parse(ASSIGNED)) == []
    data = gql.data(ASSIGNED, {"slug": shop["tray"].slug, "channel": CHANNEL})
    choice = {"slug": "copper", "name": "Copper", "translation": None}
    assert data["product"]["assignedAttribute"] == {
        "attribute": {"slug": "material"},
        "choice": choice,
    }
    assert data["product"]["assignedAttributes"] == [
        {"attribute": {"slug": "material"}, "choice": choice},
        {"attribute": {"slug": "motifs"}, "choices": [{"name": "Floral"}, {"name": "Arabesque"}]},
    ]
    assert data["product"]["variants"] == [{"assignedAttributes": []}]
    assert data["page"] == {"assignedAttributes": []}
    refused = gql.execute(
        "{ products(first: 1) { edges { node { assignedAttributes(limit: 0) { __typename } } } } }"
    )
    assert "PositiveInt" in refused["errors"][0]["message"]


DESTINATION = """query($slug: String!, $channel: String!, $address: AddressInput) {
  product(slug: $slug, channel: $channel) {
    isAvailable(address: $address)
    pricing(address: $address) { priceRange { start { gross { amount } } } }
    variants { quantityAvailable(address: $address, countryCode: FR)
      pricing(address: $address) { price { gross { amount } } } }
  }
}"""


@pytest.mark.django_db
def test_saleors_destination_arguments_are_accepted_and_change_nothing(gql, shop):
    assert validate(saleor_schema(), parse(DESTINATION)) == []
    slug = shop["tray"].slug
    without = gql.data(DESTINATION, {"slug": slug, "channel": CHANNEL, "address": None})
    with_address = gql.data(DESTINATION, {"slug": slug, "channel": CHANNEL, "address": ADDRESS})
    assert with_address == without
    assert without["product"]["variants"] == [
        {"quantityAvailable": 5, "pricing": {"price": {"gross": {"amount": 100.0}}}}
    ]


DEPRECATED_PRODUCT = """query($slug: String!, $channel: String!, $sku: String) {
  product(slug: $slug, channel: $channel) {
    descriptionJson chargeTaxes availableForPurchase externalReference
    attribute(slug: "material") { attribute { slug } }
    variant(sku: $sku) { sku }
    category { descriptionJson }
  }
}"""


@pytest.mark.django_db
def test_saleors_deprecated_product_fields_still_answer(gql, shop):
    tray = shop["tray"]
    tray.metadata = {"external_reference": "ERP-42"}
    tray.save(update_fields=["metadata"])
    assert validate(saleor_schema(), parse(DEPRECATED_PRODUCT)) == []
    sku = tray.variants.get().sku
    data = gql.data(DEPRECATED_PRODUCT, {"slug": tray.slug, "channel": CHANNEL, "sku": sku})
    product = data["product"]
    assert (product["chargeTaxes"], product["externalReference"]) == (False, "ERP-42")
    assert product["variant"] == {"sku": sku} and product["attribute"] is None
    assert product["availableForPurchase"] is not None
    assert json.loads(product["descriptionJson"]) == tray.description


LINE_PROBLEMS = """query($id: ID!) { checkout(id: $id) {
  problems { __typename ... on CheckoutLineProblemInsufficientStock { availableQuantity } }
  lines { quantity priorUnitPrice { amount } priceOverrideReason problems { __typename
    ... on CheckoutLineProblemInsufficientStock { availableQuantity line { quantity } } } } } }"""


@pytest.mark.django_db
def test_a_lines_problems_are_answered_on_the_line_too(gql, shop):
    checkout_id = _payload(gql, "CheckoutCreate", channel=CHANNEL)["checkout"]["id"]
    tray = shop["tray"].variants.get()
    _payload(
        gql,
        "CheckoutAddLine",
        id=checkout_id,
        productVariantId=to_global_id("ProductVariant", tray.pk),
    )
    assert validate(saleor_schema(), parse(LINE_PROBLEMS)) == []
    fine = gql.data(LINE_PROBLEMS, {"id": checkout_id})["checkout"]
    assert fine == {
        "problems": [],
        "lines": [
            {"quantity": 1, "priorUnitPrice": None, "priceOverrideReason": None, "problems": []}
        ],
    }
    tray.stocks.update(quantity=0)
    short = gql.data(LINE_PROBLEMS, {"id": checkout_id})["checkout"]
    problem = {"__typename": "CheckoutLineProblemInsufficientStock", "availableQuantity": 0}
    assert short["problems"] == [problem]
    assert short["lines"] == [
        {
            "quantity": 1,
            "priorUnitPrice": None,
            "priceOverrideReason": None,
            "problems": [{**problem, "line": {"quantity": 1}}],
        }
    ]
