"""The cluster's side: terms, sharing lines among members, the members' answers, quote
versions, production, consolidation and the one shipment; pooled purchases."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.mutations import decode
from marketplace.graphql.core.scalars import PositiveDecimal
from marketplace.graphql.core.uploads import Upload
from marketplace.wholesale.models import QuoteShare as ShareModel
from marketplace.wholesale.services import allocation, pooling, production, quotes, shipment
from marketplace.wholesale.services.terms import terms_set

from .errors import mutation
from .mutations_buyer import QUOTE, quote_id, value
from .quote_types import PooledPurchase
from .types import (
    IncotermEnum,
    WholesaleProgressReport,
    WholesaleQuoteShare,
    WholesaleQuoteVersion,
    WholesaleShipment,
)

SHARE = {"share": graphene.Field(WholesaleQuoteShare), **QUOTE}
POOL = {"pooled_purchase": graphene.Field(PooledPurchase)}


def share_id(id: str) -> int:
    return decode(id, "WholesaleQuoteShare", field="id")


def _share(share: ShareModel) -> dict[str, Any]:
    return {"share": share, "quote": share.line.quote}


class WholesaleTierInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    min_quantity = graphene.Int(required=True)
    unit_price = PositiveDecimal(required=True)


class WholesaleTermsInput(graphene.InputObjectType):
    currency = graphene.String(required=True)
    min_first_order = PositiveDecimal(required=True)
    min_reorder = PositiveDecimal(required=True)
    min_quantity_per_product = graphene.Int(required=True)
    lead_time_days = graphene.Int(required=True)
    deposit_share = PositiveDecimal(required=True, description="0.3 is 30 %.")
    incoterms = graphene.List(graphene.NonNull(IncotermEnum), required=True)
    net_days = graphene.Int()
    tiers = graphene.List(graphene.NonNull(WholesaleTierInput))


class QuoteSendInput(graphene.InputObjectType):
    packaging = PositiveDecimal(required=True, description="The branded packaging's price.")
    shipping = PositiveDecimal(required=True, description="One consolidated shipment's cost.")
    expires_on = graphene.Date(required=True)
    lead_time_days = graphene.Int()


class ShipmentBoxContentInput(graphene.InputObjectType):
    share = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ShipmentBoxInput(graphene.InputObjectType):
    weight_kg = PositiveDecimal(required=True)
    contents = graphene.List(graphene.NonNull(ShipmentBoxContentInput), required=True)


class SupplierTierInput(graphene.InputObjectType):
    min_quantity = PositiveDecimal(required=True)
    unit_price = PositiveDecimal(required=True)


class PooledPurchaseOpenInput(graphene.InputObjectType):
    material = graphene.String(required=True)
    supplier = graphene.String(required=True)
    currency = graphene.String(required=True)
    deadline = graphene.DateTime(required=True)
    unit = graphene.String()
    tiers = graphene.List(graphene.NonNull(SupplierTierInput), required=True)


def _terms(user: Any, vendor: str, input: dict[str, Any]) -> Any:
    terms_set(
        actor=user,
        vendor_id=decode(vendor, "Cluster", "Vendor", field="vendor"),
        currency=input["currency"],
        min_first_order=input["min_first_order"],
        min_reorder=input["min_reorder"],
        min_quantity_per_product=input["min_quantity_per_product"],
        lead_time_days=input["lead_time_days"],
        deposit_share=input["deposit_share"],
        incoterms=[value(t) for t in input["incoterms"]],
        net_days=input.get("net_days") or 30,
        tiers=[
            (
                decode(t["product"], "Product", field=f"tiers.{i}.product"),
                t["min_quantity"],
                t["unit_price"],
            )
            for i, t in enumerate(input.get("tiers") or [])
        ],
    )
    return {"ok": True}


def _assign(user: Any, line: str, workshop: str, **rest: Any) -> Any:
    share = allocation.share_assign(
        actor=user,
        line_id=decode(line, "WholesaleQuoteLine", field="line"),
        workshop_id=decode(workshop, "Vendor", field="workshop"),
        **rest,
    )
    return _share(share)


def _respond(action: str) -> Any:
    def call(user: Any, id: str, note: str | None = None, **counter: Any) -> Any:
        share = allocation.share_respond(
            actor=user, share_id=share_id(id), action=action, note=note or "", **counter
        )
        return _share(share)

    return call


def _send(user: Any, id: str, input: dict[str, Any]) -> Any:
    version = quotes.quote_send(actor=user, quote_id=quote_id(id), **input)
    return {"version": version, "quote": version.quote}


def _report(user: Any, share: str, progress: int, **rest: Any) -> Any:
    report = production.progress_report(
        actor=user,
        share_id=decode(share, "WholesaleQuoteShare", field="share"),
        progress=progress,
        quality_passed=rest.get("quality_passed"),
        note=rest.get("note") or "",
        photo=rest.get("photo"),
    )
    return {"report": report, **_share(report.share)}


def _late(user: Any, id: str) -> Any:
    told = production.late_shares_notify(actor=user, quote_id=quote_id(id))
    for share in told:
        share.line  # noqa: B018 - loaded for the payload's fields
    return {"shares": told}


def _consolidate(user: Any, id: str, boxes: list[dict[str, Any]]) -> Any:
    packed = shipment.shipment_pack(
        actor=user,
        quote_id=quote_id(id),
        boxes=[
            shipment.BoxInput(
                box["weight_kg"],
                [
                    (
                        decode(c["share"], "WholesaleQuoteShare", field=f"boxes.{i}.contents"),
                        c["quantity"],
                    )
                    for c in box["contents"]
                ],
            )
            for i, box in enumerate(boxes)
        ],
    )
    return {"shipment": packed, "quote": packed.quote}


def _pool_open(user: Any, cluster: str, input: dict[str, Any]) -> Any:
    purchase = pooling.pool_open(
        actor=user,
        cluster_id=decode(cluster, "Cluster", field="cluster"),
        material=input["material"],
        supplier=input["supplier"],
        currency=input["currency"],
        deadline=input["deadline"],
        unit=input.get("unit") or "kg",
        tiers=[(t["min_quantity"], t["unit_price"]) for t in input["tiers"]],
    )
    return {"pooled_purchase": purchase}


def _pool_commit(user: Any, id: str, workshop: str, quantity: Any) -> Any:
    commitment = pooling.pool_commit(
        actor=user,
        purchase_id=decode(id, "PooledPurchase", field="id"),
        workshop_id=decode(workshop, "Vendor", field="workshop"),
        quantity=quantity,
    )
    return {"pooled_purchase": commitment.purchase}


ID = {"id": graphene.ID(required=True)}
SHARE_ID = {"id": graphene.ID(required=True, description="The WholesaleQuoteShare.")}

WholesaleTermsUpdate = mutation(
    "WholesaleTermsUpdate",
    doc="A cluster manager (or a workshop) sets its wholesale terms and volume tiers.",
    arguments={"vendor": graphene.ID(required=True), "input": WholesaleTermsInput(required=True)},
    payload={"ok": graphene.Boolean()},
    call=_terms,
)
QuoteShareAssign = mutation(
    "QuoteShareAssign",
    doc="The manager offers part of a line to a member workshop.",
    arguments={
        "line": graphene.ID(required=True),
        "workshop": graphene.ID(required=True),
        "quantity": graphene.Int(required=True),
        "unit_price": PositiveDecimal(required=True),
        "promised_date": graphene.Date(required=True),
    },
    payload=SHARE,
    call=_assign,
)
QuoteShareAccept = mutation(
    "QuoteShareAccept",
    doc="A member workshop accepts the share offered to it.",
    arguments={**SHARE_ID, "note": graphene.String()},
    payload=SHARE,
    call=_respond("ACCEPT"),
)
QuoteShareCounter = mutation(
    "QuoteShareCounter",
    doc="A member workshop counters with a quantity, a unit price and/or a date.",
    arguments={
        **SHARE_ID,
        "quantity": graphene.Int(),
        "unit_price": PositiveDecimal(),
        "promised_date": graphene.Date(),
        "note": graphene.String(),
    },
    payload=SHARE,
    call=_respond("COUNTER"),
)
QuoteShareDecline = mutation(
    "QuoteShareDecline",
    doc="A member workshop declines; the quantity goes back to the manager to share again.",
    arguments={**SHARE_ID, "note": graphene.String()},
    payload=SHARE,
    call=_respond("DECLINE"),
)
QuoteShareCounterAnswer = mutation(
    "QuoteShareCounterAnswer",
    doc="The manager takes a member's counter (agree) or refuses it (the share is withdrawn).",
    arguments={**SHARE_ID, "agree": graphene.Boolean(required=True)},
    payload=SHARE,
    call=lambda user, id, agree: _share(
        allocation.share_counter_settle(actor=user, share_id=share_id(id), agree=agree)
    ),
)
QuoteShareWithdraw = mutation(
    "QuoteShareWithdraw",
    doc="The manager takes a share back (a late part, say) to share it again.",
    arguments=SHARE_ID,
    payload=SHARE,
    call=lambda user, id: _share(allocation.share_withdraw(actor=user, share_id=share_id(id))),
)
QuoteSend = mutation(
    "QuoteSend",
    doc="The manager prices the agreed shares and sends the quote as a new version.",
    arguments={**ID, "input": QuoteSendInput(required=True)},
    payload={"version": graphene.Field(WholesaleQuoteVersion), **QUOTE},
    call=_send,
)
ProductionReport = mutation(
    "ProductionReport",
    doc="A member reports progress (and a quality check, with a photo) on its share.",
    arguments={
        "share": graphene.ID(required=True),
        "progress": graphene.Int(required=True, description="Per cent made, 0 to 100."),
        "quality_passed": graphene.Boolean(),
        "note": graphene.String(),
        "photo": Upload(),
    },
    payload={"report": graphene.Field(WholesaleProgressReport), **SHARE},
    call=_report,
)
QuoteLatePartsNotify = mutation(
    "QuoteLatePartsNotify",
    doc="The manager tells the buyer (by e-mail, once per part) about every late part.",
    arguments=ID,
    payload={"shares": graphene.List(graphene.NonNull(WholesaleQuoteShare))},
    call=_late,
)
QuoteShareReceive = mutation(
    "QuoteShareReceive",
    doc="The consolidation point records pieces a member handed in.",
    arguments={**SHARE_ID, "quantity": graphene.Int(required=True)},
    payload=SHARE,
    call=lambda user, id, quantity: _share(
        shipment.share_receive(actor=user, share_id=share_id(id), quantity=quantity)
    ),
)
ShipmentConsolidate = mutation(
    "ShipmentConsolidate",
    doc="The manager packs every received piece into the boxes of one shipment.",
    arguments={**ID, "boxes": graphene.List(graphene.NonNull(ShipmentBoxInput), required=True)},
    payload={"shipment": graphene.Field(WholesaleShipment), **QUOTE},
    call=_consolidate,
)
ShipmentDispatch = mutation(
    "ShipmentDispatch",
    doc="The shipment leaves with its carrier and tracking; each member is credited.",
    arguments={
        **ID,
        "carrier": graphene.String(required=True),
        "tracking_number": graphene.String(required=True),
    },
    payload=QUOTE,
    call=lambda user, id, carrier, tracking_number: _dispatch(user, id, carrier, tracking_number),
)


def _dispatch(user: Any, id: str, carrier: str, tracking_number: str) -> Any:
    quote = shipment.shipment_dispatch(
        actor=user, quote_id=quote_id(id), carrier=carrier, tracking_number=tracking_number
    )
    quote.refresh_from_db()  # settled in the same transaction
    return {"quote": quote}


PooledPurchaseOpen = mutation(
    "PooledPurchaseOpen",
    doc="The manager opens a pooled raw-material purchase with the supplier's price tiers.",
    arguments={
        "cluster": graphene.ID(required=True),
        "input": PooledPurchaseOpenInput(required=True),
    },
    payload=POOL,
    call=_pool_open,
)
PooledPurchaseCommit = mutation(
    "PooledPurchaseCommit",
    doc="A member workshop commits a quantity (again to change it) before the deadline.",
    arguments={
        **ID,
        "workshop": graphene.ID(required=True),
        "quantity": PositiveDecimal(required=True),
    },
    payload=POOL,
    call=_pool_commit,
)
PooledPurchaseClose = mutation(
    "PooledPurchaseClose",
    doc="After the deadline: order at the tier reached; each member's cost is split exactly.",
    arguments=ID,
    payload=POOL,
    call=lambda user, id: {
        "pooled_purchase": pooling.pool_close(
            actor=user, purchase_id=decode(id, "PooledPurchase", field="id")
        )
    },
)
