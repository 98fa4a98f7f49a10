"""Entries where the caller may act on the object named at the top, but an input names
something of another tenant's: that reference answers as a missing one, and nothing changes.
Nobody is allowed these (even staff cannot make A's things part of B's)."""

from __future__ import annotations

from typing import Any

from .core import Entry, payload_ok
from .world import World, missing_gid

ERRORS = "errors { field code message }"
NOBODY: frozenset[str] = frozenset()
PACKAGING = {
    "name": "Crate",
    "kind": "EXPORT_PROTECTIVE",
    "lengthCm": 40,
    "widthCm": 30,
    "heightCm": 20,
}


def _reference(
    field: str, document: str, target: Any, missing: Any, label: str, result: str
) -> Entry:
    return Entry(
        f"mutation.{field}",
        document,
        target,
        allowed=NOBODY,
        ok=payload_ok(field, result),
        missing=missing,
        label=label,
    )


def _b_packaging(products: Any):  # type: ignore[no-untyped-def]
    def variables(world: World) -> dict[str, Any]:
        return {"v": world.ids["workshop_b"], "i": {**PACKAGING, "products": products(world)}}

    return variables


def _provenance(product: str, **more: Any):  # type: ignore[no-untyped-def]
    def variables(world: World) -> dict[str, Any]:
        values = {k: v(world) if callable(v) else v for k, v in more.items()}
        return {"p": world.ids[product], "variant": None, "artisans": [], **values}

    return variables


PROVENANCE = (
    "mutation($p: ID!, $variant: ID, $artisans: [ID!]) { productProvenanceUpdate(product: $p, "
    f"variant: $variant, input: {{artisans: $artisans}}) {{ provenance {{ hoursOfWork }} {ERRORS} }} }}"
)

ENTRIES = [
    _reference(
        "packagingOptionCreate",
        f"mutation($v: ID!, $i: PackagingOptionInput!) {{ packagingOptionCreate(vendor: $v, input: $i) {{ packagingOption {{ name }} {ERRORS} }} }}",
        _b_packaging(lambda w: [w.ids["tray"]]),
        _b_packaging(lambda w: [missing_gid("Product")]),
        "B's packaging for A's product",
        "packagingOption",
    ),
    _reference(
        "productProvenanceUpdate",
        PROVENANCE,
        _provenance("bracelet", artisans=lambda w: [w.ids["artisan_a"]]),
        _provenance("bracelet", artisans=[missing_gid("Artisan")]),
        "B's product made by A's artisan",
        "provenance",
    ),
    _reference(
        "productProvenanceUpdate",
        PROVENANCE,
        _provenance("tray", variant=lambda w: w.ids["bracelet_variant"]),
        _provenance("tray", variant=missing_gid("ProductVariant")),
        "A's product with B's variant",
        "provenance",
    ),
    _reference(
        "certificateIssue",
        f"mutation($p: ID!, $v: ID) {{ certificateIssue(product: $p, variant: $v) {{ certificate {{ status }} {ERRORS} }} }}",
        lambda w: {"p": w.ids["tray"], "v": w.ids["bracelet_variant"]},
        lambda w: {"p": w.ids["tray"], "v": missing_gid("ProductVariant")},
        "A's product with B's variant",
        "certificate",
    ),
    _reference(
        "orderFulfill",
        "mutation($o: ID, $l: ID, $w: ID!) { orderFulfill(order: $o, input: {lines: [{orderLineId: $l, "
        f"stocks: [{{quantity: 1, warehouse: $w}}]}}]}}) {{ order {{ status }} {ERRORS} }} }}",
        lambda w: {
            "o": w.ids["buyer_a_order"],
            "l": w.ids["buyer_a_order_line"],
            "w": w.ids["warehouse_b"],
        },
        lambda w: {
            "o": w.ids["buyer_a_order"],
            "l": w.ids["buyer_a_order_line"],
            "w": missing_gid("Warehouse"),
        },
        "A's parcel from B's warehouse",
        "order",
    ),
]
