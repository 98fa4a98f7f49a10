"""The permission matrix's world: two clusters, two workshops, two buyers, their managers,
staff, and everything of A's that the API can reach by an id."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone

from conftest import GraphQLClient
from marketplace.accounts.models import Address, User
from marketplace.accounts.tokens import access_token_issue, refresh_token_issue
from marketplace.catalog.models import ProductVariant
from marketplace.checkout.models import CheckoutLine
from marketplace.content.models import Menu, Page, PageType
from marketplace.discounts.models import Voucher, VoucherChannelListing
from marketplace.inventory.models import Stock, Warehouse
from marketplace.orders.models import Order, OrderLine
from marketplace.packaging.models import PackagingOption
from marketplace.payments.models import Transaction
from marketplace.provenance.certificates import certificate_issue
from marketplace.provenance.models import Artisan, Claim, Provenance
from marketplace.vendors.models import VendorMembership, VendorStatus
from tests.commerce import DELIVERY, Shop, checkout_ready, complete, pay
from tests.factories import CatalogBuilder, ChannelFactory, ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

PASSWORD = "pw-123456789"
ACTORS = (
    "anonymous",
    "buyer_a",
    "buyer_b",
    "owner_a",
    "owner_b",
    "manager_a",
    "manager_other",
    "staff",
)
LOGGED_IN = frozenset(ACTORS) - {"anonymous"}
DECLINED_CARD = "4000000000000002"


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, pk)


def missing_gid(type_name: str, *, uuid_pk: bool = False) -> str:
    """A well-formed id of the type that names nothing."""
    return gid(type_name, uuid.UUID(int=1) if uuid_pk else 2_000_000_000)


@dataclass
class World:
    catalog: CatalogBuilder
    shop: Shop
    users: dict[str, User] = field(default_factory=dict)
    clients: dict[str, GraphQLClient] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)


def bearer_client(world: World, actor: str) -> GraphQLClient:
    """The actor as a storefront calls: a fresh JWT access token, CSRF checks on (a session
    login plays no part, so nothing here rides on the test client's CSRF leniency)."""
    if actor == "anonymous":
        return GraphQLClient(Client(enforce_csrf_checks=True))
    token = access_token_issue(world.users[actor])
    return GraphQLClient(Client(HTTP_AUTHORIZATION=f"Bearer {token}", enforce_csrf_checks=True))


def _user(world: World, actor: str, *, staff: bool = False) -> User:
    user = User.objects.create_user(f"{actor.replace('_', '-')}@example.com", PASSWORD)
    if staff:
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.refresh_from_db()
    world.users[actor] = user
    return user


def _member(world: World, actor: str, vendor: Any, role: str) -> None:
    VendorMembership.objects.create(user=_user(world, actor), vendor=vendor, role=role)


def _buyer_history(world: World, actor: str, product: Any, city: str) -> None:
    """An address book entry, an open checkout and a placed order, all the buyer's own."""
    user = _user(world, actor)
    address = Address.objects.create(
        first_name=actor, city=city, street_address_1="1 rue", postal_code="75011", country="FR"
    )
    user.addresses.add(address)
    user.default_shipping_address = address
    user.save(update_fields=["default_shipping_address"])
    world.ids[f"{actor}_address"] = gid("Address", address.pk)
    client = Client()
    client.force_login(user)
    gql = GraphQLClient(client)
    world.clients[actor] = gql
    lines = [{"variantId": Shop.variant_id(product), "quantity": 1}]
    email = user.email
    world.ids[f"{actor}_checkout"] = checkout_ready(gql, lines, email=email)
    paid = checkout_ready(gql, lines, email=email)
    assert pay(gql, paid)["errors"] == []
    world.ids[f"{actor}_paid_checkout"] = paid
    placed = checkout_ready(gql, lines, email=email)
    assert pay(gql, placed)["errors"] == []
    order = complete(gql, placed)
    assert order["errors"] == [], order
    world.ids[f"{actor}_order"] = order["order"]["id"]


def _checkout_extras(world: World) -> None:
    gql = world.clients["buyer_a"]
    checkout_id = world.ids["buyer_a_checkout"]
    token = uuid.UUID(_decode(checkout_id))
    line = CheckoutLine.objects.filter(checkout_id=token).first()
    assert line is not None
    world.ids["buyer_a_checkout_line"] = gid("CheckoutLine", line.pk)
    group = gql.data(DELIVERY, {"id": checkout_id})["checkout"]["deliveryGroups"][0]
    world.ids["buyer_a_parcel_vendor"] = group["vendor"]["id"]
    world.ids["buyer_a_parcel_method"] = group["shippingMethods"][0]["id"]
    declined = pay(gql, checkout_id, data={"card": DECLINED_CARD})
    assert declined["transaction"] is not None, declined
    world.ids["buyer_a_declined_transaction"] = declined["transaction"]["token"]
    assert Transaction.objects.filter(token=declined["transaction"]["token"], charged=0).exists()
    guest = checkout_ready(
        GraphQLClient(Client()),
        [{"variantId": Shop.variant_id(world.shop.tray), "quantity": 1}],
        email="guest@example.com",
    )
    world.ids["guest_checkout"] = guest


def _decode(global_id: str) -> str:
    from graphql_relay import from_global_id

    return from_global_id(global_id)[1]


def _orders(world: World) -> None:
    order = Order.objects.get(pk=_decode(world.ids["buyer_a_order"]))
    line = OrderLine.objects.filter(order=order).get()
    world.ids["buyer_a_order_line"] = gid("OrderLine", line.pk)
    world.ids["warehouse_a"] = gid("Warehouse", world.catalog.warehouse.pk)
    world.ids["workshop_a"] = gid("Vendor", world.catalog.workshop.pk)
    world.ids["cluster_a"] = gid("Cluster", world.catalog.cluster.pk)
    world.ids["tray"] = gid("Product", world.shop.tray.pk)


def _provenance(world: World) -> None:
    tray = world.shop.tray
    Provenance.objects.create(product=tray)
    claim = Claim.objects.create(
        product=tray,
        kind="craft_label",
        title="Label artisanal",
        issuing_body="ANART",
        valid_from=timezone.now().date(),
    )
    world.ids["claim_a"] = gid("Claim", claim.pk)
    world.ids["certificate_a"] = certificate_issue(product=tray).serial
    option = PackagingOption.objects.create(
        vendor=world.catalog.workshop,
        name="Souika pouch",
        kind="gift",
        length_cm=20,
        width_cm=20,
        height_cm=5,
    )
    world.ids["packaging_a"] = gid("PackagingOption", option.pk)
    world.ids["packaging_cluster_a"] = gid("PackagingOption", world.shop.gift_box.pk)


def _foreign_references(world: World) -> None:
    """Things of A's that B might try to name inside its own inputs, and B's own targets."""
    artisan = Artisan.objects.create(workshop=world.catalog.workshop, name="Ali")
    world.ids["artisan_a"] = gid("Artisan", artisan.pk)
    world.ids["bracelet"] = gid("Product", world.shop.bracelet.pk)
    world.ids["bracelet_variant"] = Shop.variant_id(world.shop.bracelet)
    world.ids["workshop_b"] = gid("Vendor", world.shop.fidda.pk)
    warehouse_b = Warehouse.objects.create(
        vendor=world.shop.fidda,
        name="Fidda",
        slug="fidda-wh",
        address=Address.objects.create(city="Batna", country="DZ"),
    )
    world.ids["warehouse_b"] = gid("Warehouse", warehouse_b.pk)


def _hidden_things(world: World) -> None:
    """Objects only staff see: unpublished, pending or inactive."""
    catalog = world.catalog
    draft = catalog.product("Draft ewer", published=False, media=0)
    world.ids["draft_product"] = gid("Product", draft.pk)
    world.ids["draft_product_slug"] = draft.slug
    world.ids["draft_variant_sku"] = ProductVariant.objects.get(product=draft).sku
    world.ids["draft_variant"] = gid("ProductVariant", ProductVariant.objects.get(product=draft).pk)
    hidden = catalog.collection("hidden", [world.shop.tray], published=False)
    world.ids["hidden_collection"] = gid("Collection", hidden.pk)
    pending = WorkshopFactory(
        slug="pending-ws", status=VendorStatus.PENDING, cluster=catalog.cluster
    )
    world.ids["pending_workshop"] = gid("Vendor", pending.pk)
    world.ids["pending_cluster"] = gid(
        "Cluster", ClusterFactory(slug="pending-cl", status=VendorStatus.PENDING).pk
    )
    page_type = PageType.objects.create(name="About", slug="about")
    page = Page.objects.create(page_type=page_type, title="Draft", slug="draft-page")
    world.ids["draft_page"] = gid("Page", page.pk)
    world.ids["menu"] = gid("Menu", Menu.objects.create(name="Footer", slug="footer").pk)
    world.ids["category"] = gid("Category", catalog.category.pk)
    closed = ChannelFactory(slug="closed", is_active=False)
    world.ids["closed_channel"] = gid("Channel", closed.pk)


def _promo_checkout(world: World) -> None:
    """A second checkout of buyer A's, with the promo code on it."""
    gql = world.clients["buyer_a"]
    lines = [{"variantId": Shop.variant_id(world.shop.tray), "quantity": 1}]
    checkout_id = checkout_ready(gql, lines, email=world.users["buyer_a"].email)
    added = gql.data(
        'mutation($id: ID) { checkoutAddPromoCode(id: $id, promoCode: "MATRIX10") '
        "{ errors { code } } }",
        {"id": checkout_id},
    )
    assert added["checkoutAddPromoCode"]["errors"] == [], added
    world.ids["buyer_a_promo_checkout"] = checkout_id


def _voucher(world: World) -> None:
    voucher = Voucher.objects.create(
        code="MATRIX10",
        name="Matrix",
        kind="percentage",
        percentage=Decimal("10"),
        starts_at=timezone.now() - timedelta(days=1),
    )
    channel = world.catalog.eur
    VoucherChannelListing.objects.create(
        voucher=voucher, channel=channel, currency=channel.currency_code, min_spend=Decimal(0)
    )


def build_world() -> World:
    catalog = CatalogBuilder()
    world = World(catalog=catalog, shop=Shop(catalog))
    shop = world.shop
    # Enough trays for every basket of the world and a quantity change on top.
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=50)
    _member(world, "owner_a", catalog.workshop, "owner")
    _member(world, "owner_b", shop.fidda, "owner")
    _member(world, "manager_a", catalog.cluster, "manager")
    _member(world, "manager_other", shop.batna, "manager")
    _user(world, "staff", staff=True)
    _buyer_history(world, "buyer_a", shop.tray, "Paris")
    _buyer_history(world, "buyer_b", shop.bracelet, "Lyon")
    for actor, user in world.users.items():
        if actor not in world.clients:
            client = Client()
            client.force_login(user)
            world.clients[actor] = GraphQLClient(client)
    world.clients["anonymous"] = GraphQLClient(Client())
    _checkout_extras(world)
    _orders(world)
    _provenance(world)
    _hidden_things(world)
    from .onboarding import listing_reviews  # issue 11: A's cluster reviews listings

    listing_reviews(world)
    _foreign_references(world)
    _voucher(world)
    _promo_checkout(world)
    from .wholesale_world import wholesale  # issue 12: group orders

    wholesale(world)
    from .catalog_world import catalog_writes  # the product mutations

    catalog_writes(world)
    buyer_a = User.objects.get(pk=world.users["buyer_a"].pk)  # after every login
    world.ids["buyer_a_user"] = gid("User", buyer_a.pk)
    world.ids["buyer_a_reset_token"] = default_token_generator.make_token(buyer_a)
    world.ids["buyer_a_refresh_token"] = refresh_token_issue(buyer_a)
    return world
