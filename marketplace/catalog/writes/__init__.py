"""The catalog's write side: what a workshop does to its own listings.

Every service takes keyword arguments only, starts with the actor (a user) and is scoped to the
workshops that actor runs (owner or staff membership; marketplace staff for support): a
product, variant, media or warehouse of another workshop raises ``NotFound`` exactly as a
missing one does, before anything is written. Services raise ``DomainError`` naming the input
field at fault; each runs in one transaction, so a refused call leaves nothing half-written.
Derived data (search document, cheapest listed price) is refreshed through
``marketplace.catalog.services`` in the same transaction.

Modules:

- ``access``: which workshop and which objects the actor may write;
- ``products``: ``product_create``, ``product_update``, ``product_delete``;
- ``variants``: ``variant_create``, ``variant_update``, ``variant_delete``,
  ``variant_bulk_create``;
- ``listings``: ``product_channel_listing_update``, ``variant_channel_listing_update``
  (prices in the channel's currency, with that currency's precision);
- ``media``: ``media_create`` (checked upload), ``media_delete``, ``media_reorder``;
- ``stocks``: ``variant_stocks_update`` (the workshop's own warehouses, rows locked);
- ``translations``: ``product_translate``, ``variant_translate``;
- ``importing``: CSV/XLSX import and export of listings with a row-by-row report.
"""
