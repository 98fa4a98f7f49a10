"""GraphQL input → the write services' arguments (ids decoded, unset fields left UNSET)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from marketplace.catalog.writes.common import UNSET, AttributeChoice
from marketplace.catalog.writes.listings import PriceInput
from marketplace.catalog.writes.products import ProductData
from marketplace.catalog.writes.stocks import StockLine
from marketplace.catalog.writes.variants import VariantData
from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode


def given(values: Mapping[str, Any], key: str) -> Any:
    """The input's value, or UNSET when the client left the field out."""
    return values.get(key, UNSET)


def attributes(items: Sequence[Mapping[str, Any]] | None) -> Any:
    if items is None:
        return UNSET
    choices = []
    for item in items:
        if not item.get("id"):
            raise DomainError(_("Name the attribute by its id."), field="attributes")
        ids: list[int] = []
        names: list[str] = list(item.get("values") or [])
        selected = [item.get("dropdown"), item.get("swatch"), *(item.get("multiselect") or [])]
        for choice in filter(None, selected):
            if choice.get("id"):
                ids.append(decode(choice["id"], "AttributeValue", field="attributes"))
            elif choice.get("value"):
                names.append(choice["value"])
        unsupported = ("numeric", "file", "reference", "references", "rich_text", "plain_text")
        if any(item.get(key) not in (None, [], "") for key in unsupported) or (
            item.get("boolean") is not None or item.get("date") or item.get("date_time")
        ):
            raise DomainError(
                _("Only dropdown and multiselect attributes are used here."),
                field="attributes",
                code="INVALID",
            )
        choices.append(
            AttributeChoice(
                attribute_id=decode(item["id"], "Attribute", field="attributes"),
                value_ids=tuple(ids),
                value_names=tuple(names),
            )
        )
    return choices


def _refuse_unsupported(values: Mapping[str, Any]) -> None:
    if values.get("collections"):
        raise DomainError(
            _("Collections are curated by the marketplace, not set on a product."),
            field="collections",
            code="INVALID",
        )
    if values.get("tax_class"):
        raise DomainError(
            _("Taxes are worked out per destination here: no tax class to set."),
            field="taxClass",
            code="INVALID",
        )
    if values.get("rating") is not None:
        raise DomainError(
            _("The rating is the average of buyers' reviews."), field="rating", code="INVALID"
        )


def product_data(values: Mapping[str, Any]) -> ProductData:
    _refuse_unsupported(values)
    seo = values.get("seo")
    category = given(values, "category")
    return ProductData(
        name=given(values, "name"),
        slug=given(values, "slug"),
        description=given(values, "description"),
        category_id=(
            None
            if category is None
            else decode(category, "Category", field="category")
            if category is not UNSET
            else UNSET
        ),
        seo_title=seo.get("title", UNSET) if seo else UNSET,
        seo_description=seo.get("description", UNSET) if seo else UNSET,
        weight=given(values, "weight"),
        attributes=attributes(values.get("attributes")),
        metadata=given(values, "metadata"),
        private_metadata=given(values, "private_metadata"),
    )


def stock_lines(items: Sequence[Mapping[str, Any]] | None) -> list[StockLine]:
    return [
        StockLine(
            warehouse_id=decode(item["warehouse"], "Warehouse", field="warehouse"),
            quantity=item["quantity"],
        )
        for item in items or []
    ]


def prices(items: Sequence[Mapping[str, Any]] | None) -> list[PriceInput]:
    return [
        PriceInput(
            channel_id=decode(item["channel_id"], "Channel", field="channelId"),
            price=item["price"],
            cost_price=item.get("cost_price"),
        )
        for item in items or []
    ]


def variant_data(values: Mapping[str, Any], *, with_listings: bool = False) -> VariantData:
    attrs = values.get("attributes")
    return VariantData(
        sku=given(values, "sku"),
        name=given(values, "name"),
        track_inventory=given(values, "track_inventory"),
        weight=given(values, "weight"),
        quantity_limit_per_customer=given(values, "quantity_limit_per_customer"),
        attributes=attributes(attrs) if attrs else UNSET,
        metadata=given(values, "metadata"),
        private_metadata=given(values, "private_metadata"),
        stocks=stock_lines(values.get("stocks")),
        prices=prices(values.get("channel_listings")) if with_listings else (),
    )
