"""The permission matrix's wholesale objects (issue 12), built with the domain services: buyer A
is an approved business, A's cluster has terms, and its group orders stand in every state an
operation needs, each with a share allotted to workshop A; two pooled purchases of A's cluster."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.wholesale.models import PooledPurchase, QuoteShare, WholesaleQuote
from marketplace.wholesale.services import allocation, payment, pooling, quotes, shipment
from marketplace.wholesale.services.buyers import business_apply, business_review
from marketplace.wholesale.services.requests import LineInput, quote_request
from marketplace.wholesale.services.terms import terms_set

from .world import World, gid

PIECES = 100


def _business(user: User, staff: User, *, approve: bool) -> Any:
    business = business_apply(
        user=user,
        company_name=f"{user.email} SARL",
        address="12 rue de la République, Marseille",
        country="FR",
        contact_name="Léa",
        contact_email=user.email,
    )
    if approve:
        business_review(actor=staff, business_id=business.pk, approve=True)
    return business


def _request(world: World) -> WholesaleQuote:
    return quote_request(
        user=world.users["buyer_a"],
        cluster_id=world.catalog.cluster.pk,
        lines=[LineInput(quantity=PIECES, product_id=world.shop.tray.pk)],
        target_date=timezone.localdate() + timedelta(days=60),
        destination_country="FR",
        destination_address="12 rue de la République, Marseille",
        incoterm="DAP",
    )


def _assign(world: World, quote: WholesaleQuote, quantity: int) -> QuoteShare:
    return allocation.share_assign(
        actor=world.users["manager_a"],
        line_id=quote.lines.get().pk,
        workshop_id=world.catalog.workshop.pk,
        quantity=quantity,
        unit_price=Decimal("20.00"),
        promised_date=timezone.localdate() + timedelta(days=30),
    )


def _agreed(world: World) -> tuple[WholesaleQuote, QuoteShare]:
    """A quote whose one line workshop A accepted in full."""
    quote = _request(world)
    share = _assign(world, quote, PIECES)
    allocation.share_respond(actor=world.users["owner_a"], share_id=share.pk, action="ACCEPT")
    return quote, share


def _sent(world: World) -> tuple[WholesaleQuote, QuoteShare]:
    quote, share = _agreed(world)
    quotes.quote_send(
        actor=world.users["manager_a"],
        quote_id=quote.pk,
        packaging=Decimal("40.00"),
        shipping=Decimal("160.00"),
        expires_on=timezone.localdate() + timedelta(days=14),
    )
    return quote, share


def _accepted(world: World) -> tuple[WholesaleQuote, QuoteShare]:
    quote, share = _sent(world)
    accepted = quotes.quote_accept(actor=world.users["buyer_a"], quote_id=quote.pk)
    return accepted, share


def _transfer(world: World, quote: WholesaleQuote, kind: str, amount: Decimal) -> None:
    payment.bank_transfer_record(
        actor=world.users["staff"], quote_id=quote.pk, kind=kind, amount=amount, reference="VIR-1"
    )


def _quotes(world: World) -> None:
    ids = world.ids
    # Being shared among members: one share offered to workshop A, one it countered, 30 free.
    sharing = _request(world)
    offered = _assign(world, sharing, 40)
    countered = _assign(world, sharing, 30)
    allocation.share_respond(
        actor=world.users["owner_a"],
        share_id=countered.pk,
        action="COUNTER",
        unit_price=Decimal("22.00"),
    )
    ids["wq_sharing"] = gid("WholesaleQuote", sharing.pk)
    ids["wq_sharing_line"] = gid("WholesaleQuoteLine", sharing.lines.get().pk)
    ids["wq_share_offered"] = gid("WholesaleQuoteShare", offered.pk)
    ids["wq_share_countered"] = gid("WholesaleQuoteShare", countered.pk)
    ready, _share = _agreed(world)
    ids["wq_ready"] = gid("WholesaleQuote", ready.pk)
    sent, _share = _sent(world)
    ids["wq_sent"] = gid("WholesaleQuote", sent.pk)
    accepted, _share = _accepted(world)
    ids["wq_accepted"] = gid("WholesaleQuote", accepted.pk)
    # In production: the deposit paid by transfer; workshop A's part is late.
    making, share = _accepted(world)
    assert making.accepted_version is not None
    _transfer(world, making, "DEPOSIT", making.accepted_version.deposit)
    QuoteShare.objects.filter(pk=share.pk).update(
        promised_date=timezone.localdate() - timedelta(days=5)
    )
    ids["wq_making"] = gid("WholesaleQuote", making.pk)
    ids["wq_making_share"] = gid("WholesaleQuoteShare", share.pk)
    # Paid in full, every piece received and packed: ready to leave.
    packed, share = _accepted(world)
    assert packed.accepted_version is not None
    _transfer(world, packed, "BALANCE", packed.accepted_version.total)
    manager = world.users["manager_a"]
    shipment.share_receive(actor=manager, share_id=share.pk, quantity=PIECES)
    shipment.shipment_pack(
        actor=manager,
        quote_id=packed.pk,
        boxes=[shipment.BoxInput(Decimal("150"), [(share.pk, PIECES)])],
    )
    ids["wq_packed"] = gid("WholesaleQuote", packed.pk)
    ids["wq_packed_share"] = gid("WholesaleQuoteShare", share.pk)


def _pools(world: World) -> None:
    manager, now = world.users["manager_a"], timezone.now()

    def opened(days: int) -> PooledPurchase:
        return pooling.pool_open(
            actor=manager,
            cluster_id=world.catalog.cluster.pk,
            material="Copper sheet",
            supplier="Cuivres de Kairouan",
            currency="EUR",
            deadline=now + timedelta(days=days),
            tiers=[(Decimal(0), Decimal("9.80")), (Decimal(500), Decimal("8.90"))],
        )

    world.ids["pool_open"] = gid("PooledPurchase", opened(7).pk)
    due = opened(1)
    pooling.pool_commit(
        actor=world.users["owner_a"],
        purchase_id=due.pk,
        workshop_id=world.catalog.workshop.pk,
        quantity=Decimal(120),
    )
    PooledPurchase.objects.filter(pk=due.pk).update(deadline=now - timedelta(hours=1))
    world.ids["pool_due"] = gid("PooledPurchase", due.pk)


def wholesale(world: World) -> None:
    """Called by build_world."""
    staff = world.users["staff"]
    _business(world.users["buyer_a"], staff, approve=True)
    applicant = User.objects.create_user("applicant@example.com", "pw-123456789")
    world.ids["business_pending"] = gid(
        "BusinessAccount", _business(applicant, staff, approve=False).pk
    )
    terms_set(
        actor=world.users["manager_a"],
        vendor_id=world.catalog.cluster.pk,
        currency="EUR",
        min_first_order=Decimal("100"),
        min_reorder=Decimal("50"),
        min_quantity_per_product=10,
        lead_time_days=30,
        deposit_share=Decimal("0.3"),
        incoterms=["DAP", "DDP"],
        tiers=[(world.shop.tray.pk, 10, Decimal("20.00"))],
    )
    world.ids["cluster_b"] = gid("Cluster", world.shop.batna.pk)
    _quotes(world)
    _pools(world)
