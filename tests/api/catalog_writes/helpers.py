"""Shared pieces of the GraphQL tests: ids, a listing made through the API, uploads."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import to_global_id

from . import documents as doc


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


def upload(client: Any, query: str, variables: dict[str, Any], image: SimpleUploadedFile) -> Any:
    """A GraphQL multipart request: the file goes to ``$image``."""
    operations = json.dumps({"query": query, "variables": {**variables, "image": None}})
    response = client.client.post(
        "/graphql/",
        {"operations": operations, "map": json.dumps({"0": ["variables.image"]}), "0": image},
    )
    return response


def payload(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"][name]
    return result


def create_listing(owner: Any, world: Any, name: str = "Copper tray") -> dict[str, str]:
    """productCreate → channel listing → variant with stock → price, all through the API."""
    catalog = world.catalog
    created = payload(
        owner.execute(
            doc.PRODUCT_CREATE,
            {
                "input": {
                    "name": name,
                    "productType": gid("ProductType", catalog.product_type.pk),
                    "category": gid("Category", catalog.category.pk),
                    "weight": 1.25,
                }
            },
        ),
        "productCreate",
    )
    assert created["errors"] == [], created
    product_id = created["product"]["id"]
    listed = payload(
        owner.execute(
            doc.PRODUCT_CHANNEL_LISTING_UPDATE,
            {
                "id": product_id,
                "input": {
                    "updateChannels": [
                        {
                            "channelId": gid("Channel", catalog.tnd.pk),
                            "isPublished": True,
                            "isAvailableForPurchase": True,
                            "visibleInListings": True,
                        }
                    ]
                },
            },
        ),
        "productChannelListingUpdate",
    )
    assert listed["errors"] == [], listed
    variant = payload(
        owner.execute(
            doc.VARIANT_CREATE,
            {
                "input": {
                    "product": product_id,
                    "sku": f"{name}-1".upper().replace(" ", "-"),
                    "attributes": [],
                    "trackInventory": True,
                    "stocks": [
                        {"warehouse": gid("Warehouse", catalog.warehouse.pk), "quantity": 4}
                    ],
                }
            },
        ),
        "productVariantCreate",
    )
    assert variant["errors"] == [], variant
    variant_id = variant["productVariant"]["id"]
    priced = payload(
        owner.execute(
            doc.VARIANT_CHANNEL_LISTING_UPDATE,
            {
                "id": variant_id,
                "input": [{"channelId": gid("Channel", catalog.tnd.pk), "price": "95.250"}],
            },
        ),
        "productVariantChannelListingUpdate",
    )
    assert priced["errors"] == [], priced
    return {"product": product_id, "variant": variant_id}
