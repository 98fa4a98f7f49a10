"""Entries for the catalog's and the content's id-taking queries: public objects are the same
for everyone; unpublished, pending or inactive ones exist for staff only."""

from __future__ import annotations

from typing import Any

from .core import EVERYONE, Entry, found, only
from .world import World, missing_gid

STAFF = only("staff")


def _query(
    field: str,
    document: str,
    key: str,
    type_name: str,
    allowed: frozenset[str],
    label: str = "",
    **extra: Any,
) -> Entry:
    def target(world: World) -> dict[str, Any]:
        return {"id": world.ids[key], **extra}

    def missing(world: World) -> dict[str, Any]:
        return {"id": missing_gid(type_name), **extra}

    return Entry(
        f"query.{field}",
        document,
        target,
        allowed=allowed,
        ok=found(field),
        missing=missing,
        label=label,
    )


def _by_slug(
    field: str, argument: str, value: str, allowed: frozenset[str], label: str, **extra: Any
) -> Entry:
    """The same object reached by its slug (or SKU): the same rule as by its id."""
    channel = "$c: String, " if extra else ""
    document = (
        f"query({channel}$s: String) {{ {field}({argument}: $s"
        + (", channel: $c" if extra else "")
        + ") { __typename } }"
    )
    return Entry(
        f"query.{field}",
        document,
        lambda w: {"s": w.ids.get(value, value), **extra},
        allowed=allowed,
        ok=found(field),
        missing=lambda w: {"s": "no-such-thing", **extra},
        label=label,
    )


CHANNEL = {"c": "international"}
BY_SLUG = [
    _by_slug("product", "slug", "draft_product_slug", STAFF, "unpublished, by slug", **CHANNEL),
    _by_slug("productVariant", "sku", "draft_variant_sku", STAFF, "unpublished, by SKU", **CHANNEL),
    _by_slug("collection", "slug", "hidden", STAFF, "unpublished, by slug", **CHANNEL),
    _by_slug("category", "slug", "trays", EVERYONE, "by slug"),
    _by_slug("vendor", "slug", "pending-ws", STAFF, "pending, by slug"),
    _by_slug("cluster", "slug", "pending-cl", STAFF, "pending, by slug"),
    _by_slug("page", "slug", "draft-page", STAFF, "unpublished, by slug"),
    _by_slug("menu", "slug", "footer", EVERYONE, "by slug"),
    _by_slug("channel", "slug", "closed", STAFF, "inactive, by slug"),
]
ENTRIES = [
    _query(
        "product",
        "query($id: ID, $c: String) { product(id: $id, channel: $c) { name } }",
        "draft_product",
        "Product",
        STAFF,
        label="unpublished",
        **CHANNEL,
    ),
    _query(
        "productVariant",
        "query($id: ID, $c: String) { productVariant(id: $id, channel: $c) { name } }",
        "draft_variant",
        "ProductVariant",
        STAFF,
        label="unpublished",
        **CHANNEL,
    ),
    Entry(
        "query.productVariants",
        "query($ids: [ID!], $c: String) { productVariants(ids: $ids, channel: $c, first: 5) { edges { node { name } } } }",
        lambda w: {"ids": [w.ids["draft_variant"]], **CHANNEL},
        allowed=STAFF,
        ok=found("productVariants"),
        missing=lambda w: {"ids": [missing_gid("ProductVariant")], **CHANNEL},
        label="unpublished",
    ),
    _query(
        "collection",
        "query($id: ID, $c: String) { collection(id: $id, channel: $c) { name } }",
        "hidden_collection",
        "Collection",
        STAFF,
        label="unpublished",
        **CHANNEL,
    ),
    _query(
        "category",
        "query($id: ID) { category(id: $id) { name } }",
        "category",
        "Category",
        EVERYONE,
    ),
    _query(
        "vendor",
        "query($id: ID) { vendor(id: $id) { name } }",
        "pending_workshop",
        "Vendor",
        STAFF,
        label="pending",
    ),
    _query(
        "cluster",
        "query($id: ID) { cluster(id: $id) { name } }",
        "pending_cluster",
        "Cluster",
        STAFF,
        label="pending",
    ),
    _query(
        "page",
        "query($id: ID) { page(id: $id) { title } }",
        "draft_page",
        "Page",
        STAFF,
        label="unpublished",
    ),
    _query("menu", "query($id: ID) { menu(id: $id) { name } }", "menu", "Menu", EVERYONE),
    _query(
        "channel",
        "query($id: ID) { channel(id: $id) { slug } }",
        "closed_channel",
        "Channel",
        STAFF,
        label="inactive",
    ),
    Entry(
        "query.certificate",
        "query($s: String!) { certificate(serial: $s) { status } }",
        lambda w: {"s": w.ids["certificate_a"]},
        allowed=EVERYONE,  # anyone holding the piece may check its certificate
        ok=lambda data: data["certificate"]["status"] == "VALID",
    ),
]
ENTRIES += BY_SLUG
