"""A small wholesale world: a cluster with three member workshops, an approved business buyer,
the cluster's manager, staff, and terms with volume tiers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from marketplace.catalog.models import Product, ProductType
from marketplace.shipping.models import DutyRate
from marketplace.vendors.models import VendorMembership, VendorRole
from marketplace.wholesale.models import WorkshopCapacity
from marketplace.wholesale.services.buyers import business_apply, business_review
from marketplace.wholesale.services.terms import terms_set
from tests.factories import CategoryFactory, ChannelFactory, ClusterFactory, WorkshopFactory


@dataclass
class World:
    cluster: Any
    workshops: list[Any]
    owners: list[Any]
    manager: Any
    buyer: Any
    other_buyer: Any
    staff: Any
    products: list[Any]


def build(*, workshops: int = 3, products: int = 3, tag: str = "") -> World:
    User = get_user_model()
    ChannelFactory(slug="international", currency_code="EUR")
    cluster = ClusterFactory(slug=f"constantine{tag}", name=f"Constantine Cluster{tag}")
    shops = [
        WorkshopFactory(name=f"Atelier {i}{tag}", slug=f"atelier-{i}{tag}", cluster=cluster)
        for i in range(workshops)
    ]
    owners = []
    for i, shop in enumerate(shops):
        owner = User.objects.create_user(email=f"owner{i}{tag}@example.com", password="x")
        VendorMembership.objects.create(user=owner, vendor=shop, role=VendorRole.OWNER)
        WorkshopCapacity.objects.create(workshop=shop, pieces_per_week=40 + i)
        owners.append(owner)
    manager = User.objects.create_user(email=f"manager{tag}@example.com", password="x")
    VendorMembership.objects.create(user=manager, vendor=cluster, role=VendorRole.MANAGER)
    staff = User.objects.create_user(email=f"staff{tag}@example.com", password="x", is_staff=True)
    buyer = User.objects.create_user(email=f"buyer{tag}@example.com", password="x")
    other = User.objects.create_user(email=f"other{tag}@example.com", password="x")
    business = business_apply(
        user=buyer,
        company_name="Concept Store Marseille",
        address="12 rue de la République, Marseille",
        country="FR",
        contact_name="Léa",
        contact_email=f"buyer{tag}@example.com",
        vat_number="FR12345678901",
        eori_number="FR12345678901000",
    )
    business_review(actor=staff, business_id=business.pk, approve=True, net_terms=False)
    ptype, _ = ProductType.objects.get_or_create(
        slug="copperware",
        defaults={"name": "Copperware", "hs_code": "741810", "weight_kg": Decimal("1.2")},
    )
    category = CategoryFactory()
    items = [
        Product.objects.create(
            vendor=shops[i % workshops],
            product_type=ptype,
            category=category,
            name=f"Piece {i}",
            slug=f"piece-{i}{tag}",
            weight_kg=Decimal("0.8"),
        )
        for i in range(products)
    ]
    DutyRate.objects.get_or_create(destination="FR", hs_chapter="74", rate=Decimal("0.0370"))
    terms_set(
        actor=manager,
        vendor_id=cluster.pk,
        currency="EUR",
        min_first_order=Decimal("1000"),
        min_reorder=Decimal("500"),
        min_quantity_per_product=10,
        lead_time_days=45,
        deposit_share=Decimal("0.3"),
        incoterms=["DAP", "DDP"],
        tiers=[(p.pk, 10, Decimal("20.00")) for p in items]
        + [(p.pk, 100, Decimal("16.50")) for p in items],
    )
    return World(cluster, shops, owners, manager, buyer, other, staff, items)
