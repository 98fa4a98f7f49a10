"""Entries for what workshops and clusters do: orders to ship, refunds, provenance, claims,
certificates and packaging. Object X is always workshop A's (in A's cluster)."""

from __future__ import annotations

from typing import Any

from .core import GATED, Entry, found, only, payload_ok, refused_with
from .world import World, missing_gid

ERRORS = "errors { field code message }"
WORKSHOP_A = only("owner_a", "staff")
CLUSTER_A = only("manager_a", "staff")
MISSING_ORDER = missing_gid("Order", uuid_pk=True)
MISSING_PRODUCT = missing_gid("Product")
PACKAGING = {
    "name": "Crate",
    "kind": "EXPORT_PROTECTIVE",
    "lengthCm": 40,
    "widthCm": 30,
    "heightCm": 20,
}


def _swap(target: Any, **changes: Any):  # type: ignore[no-untyped-def]
    def missing(world: World) -> dict[str, Any]:
        return {**target(world), **changes}

    return missing


def _entry(
    field: str,
    document: str,
    target: Any,
    allowed: frozenset[str],
    result: str | None,
    label: str = "",
    uploads: tuple[str, ...] = (),
    **missing: Any,
) -> Entry:
    return Entry(
        f"mutation.{field}",
        document,
        target,
        allowed=allowed,
        ok=payload_ok(field, result),
        missing=_swap(target, **missing),
        label=label,
        uploads=uploads,
    )


def _fulfil(world: World) -> dict[str, Any]:
    return {
        "o": world.ids["buyer_a_order"],
        "l": world.ids["buyer_a_order_line"],
        "w": world.ids["warehouse_a"],
    }


def _refund(world: World) -> dict[str, Any]:
    return {"o": world.ids["buyer_a_order"], "l": world.ids["buyer_a_order_line"]}


def _tray(world: World) -> dict[str, Any]:
    return {"p": world.ids["tray"]}


ENTRIES = [
    Entry(
        "query.order",
        "query($id: ID) { order(id: $id) { number lines { productName } } }",
        lambda w: {"id": w.ids["buyer_a_order"]},
        allowed=only("buyer_a", "owner_a", "staff"),
        ok=found("order"),
        missing=lambda w: {"id": MISSING_ORDER},
    ),
    Entry(
        "query.workshopOrders",
        "query($v: ID) { workshopOrders(vendor: $v, first: 10) { edges { node { orderNumber } } } }",
        lambda w: {"v": w.ids["workshop_a"]},
        allowed=WORKSHOP_A,
        ok=found("workshopOrders"),
        missing=lambda w: {"v": missing_gid("Vendor")},
    ),
    _entry(
        "orderCancel",
        f"mutation($id: ID!) {{ orderCancel(id: $id) {{ order {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["buyer_a_order"]},
        only("buyer_a", "staff"),
        "order",
        id=MISSING_ORDER,
    ),
    _entry(
        "orderFulfill",
        "mutation($o: ID, $l: ID, $w: ID!) { orderFulfill(order: $o, input: {lines: [{orderLineId: $l, "
        f"stocks: [{{quantity: 1, warehouse: $w}}]}}]}}) {{ order {{ status }} {ERRORS} }} }}",
        _fulfil,
        WORKSHOP_A,
        "order",
        o=MISSING_ORDER,
    ),
    _entry(
        "orderFulfillmentRefundProducts",
        "mutation($o: ID!, $l: ID!) { orderFulfillmentRefundProducts(order: $o, input: {orderLines: "
        f"[{{orderLineId: $l, quantity: 1}}]}}) {{ order {{ status }} {ERRORS} }} }}",
        _refund,
        WORKSHOP_A,
        "order",
        o=MISSING_ORDER,
    ),
    _entry(
        "productProvenanceUpdate",
        f'mutation($p: ID!) {{ productProvenanceUpdate(product: $p, input: {{town: "Constantine"}}) {{ provenance {{ hoursOfWork }} {ERRORS} }} }}',
        _tray,
        WORKSHOP_A,
        "provenance",
        p=MISSING_PRODUCT,
    ),
    _entry(
        "provenancePhotoAdd",
        f"mutation($p: ID!, $f: Upload!) {{ provenancePhotoAdd(product: $p, image: $f) {{ photo {{ alt }} {ERRORS} }} }}",
        _tray,
        WORKSHOP_A,
        "photo",
        uploads=("f",),
        p=MISSING_PRODUCT,
    ),
    _entry(
        "productClaimCreate",
        'mutation($p: ID!) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, title: "Label", '
        f'issuingBody: "ANART", validFrom: "2026-01-01"}}) {{ claim {{ title }} {ERRORS} }} }}',
        _tray,
        WORKSHOP_A,
        "claim",
        p=MISSING_PRODUCT,
    ),
    _entry(
        "productClaimVerify",
        f"mutation($id: ID!) {{ productClaimVerify(id: $id) {{ claim {{ verifiedAt }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["claim_a"]},
        CLUSTER_A,
        "claim",
        id=missing_gid("Claim"),
    ),
    _entry(
        "productAttest",
        f'mutation($p: ID!) {{ productAttest(product: $p, note: "Made here") {{ attestation {{ clusterName }} {ERRORS} }} }}',
        _tray,
        CLUSTER_A,
        "attestation",
        p=MISSING_PRODUCT,
    ),
    _entry(
        "certificateIssue",
        f"mutation($p: ID!) {{ certificateIssue(product: $p) {{ certificate {{ status }} {ERRORS} }} }}",
        _tray,
        only("staff"),
        "certificate",
        p=MISSING_PRODUCT,
    ),
    _entry(
        "certificateRevoke",
        f'mutation($s: String!) {{ certificateRevoke(serial: $s, reason: "Sold twice") {{ certificate {{ status }} {ERRORS} }} }}',
        lambda w: {"s": w.ids["certificate_a"]},
        CLUSTER_A,
        "certificate",
        s="MKT-NO-SUCH-SERIAL",
    ),
    Entry(
        "mutation.techniqueCreate",
        f'mutation {{ techniqueCreate(slug: "repousse-matrix", name: "Repoussé") {{ technique {{ slug }} {ERRORS} }} }}',
        lambda w: {},
        allowed=only("staff"),
        ok=payload_ok("techniqueCreate", "technique"),
        kind=GATED,
        denied=refused_with("techniqueCreate", "PERMISSION_DENIED"),
    ),
    _entry(
        "packagingOptionCreate",
        f"mutation($v: ID!, $i: PackagingOptionInput!) {{ packagingOptionCreate(vendor: $v, input: $i) {{ packagingOption {{ name }} {ERRORS} }} }}",
        lambda w: {"v": w.ids["workshop_a"], "i": PACKAGING},
        WORKSHOP_A,
        "packagingOption",
        v=missing_gid("Vendor"),
    ),
    _entry(
        "packagingOptionCreate",
        f"mutation($v: ID!, $i: PackagingOptionInput!) {{ packagingOptionCreate(vendor: $v, input: $i) {{ packagingOption {{ name }} {ERRORS} }} }}",
        lambda w: {"v": w.ids["cluster_a"], "i": PACKAGING},
        CLUSTER_A,
        "packagingOption",
        label="cluster",
        v=missing_gid("Cluster"),
    ),
    _entry(
        "packagingOptionUpdate",
        f"mutation($id: ID!, $i: PackagingOptionInput!) {{ packagingOptionUpdate(id: $id, input: $i) {{ packagingOption {{ name }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["packaging_a"], "i": PACKAGING},
        WORKSHOP_A,
        "packagingOption",
        id=missing_gid("PackagingOption"),
    ),
    _entry(
        "packagingOptionUpdate",
        f"mutation($id: ID!, $i: PackagingOptionInput!) {{ packagingOptionUpdate(id: $id, input: $i) {{ packagingOption {{ name }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["packaging_cluster_a"], "i": PACKAGING},
        CLUSTER_A,
        "packagingOption",
        label="cluster",
        id=missing_gid("PackagingOption"),
    ),
    _entry(
        "packagingOptionDelete",
        f"mutation($id: ID!) {{ packagingOptionDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda w: {"id": w.ids["packaging_a"]},
        WORKSHOP_A,
        "deletedId",
        id=missing_gid("PackagingOption"),
    ),
]
