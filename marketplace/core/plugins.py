"""A small plugin manager: plugins named in settings.PLUGINS (dotted paths) and those
registered under the ``marketplace.plugins`` entry point group."""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from django.conf import settings
from django.db import transaction

from .hooks import (
    BasePlugin,
    CertificateIssued,
    CertificateRevoked,
    PackagingQuoteItem,
    PluginShippingRate,
    ProvenanceUpdated,
    ShippingQuoteRequest,
)

logger = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "marketplace.plugins"


def _load(path: str) -> type[BasePlugin]:
    module_name, _, class_name = path.rpartition(".")
    plugin_class = getattr(import_module(module_name), class_name)
    if not (isinstance(plugin_class, type) and issubclass(plugin_class, BasePlugin)):
        raise TypeError(f"{path} is not a BasePlugin subclass.")
    return plugin_class


class PluginManager:
    def __init__(self, plugins: list[BasePlugin]) -> None:
        self.plugins = plugins

    def _notify(self, hook: str, event: Any, vendor_ids: tuple[int | None, ...]) -> None:
        for plugin in self.plugins:
            if not any(plugin.active_for_vendor(v) for v in vendor_ids):
                continue
            try:
                getattr(plugin, hook)(event)
            except Exception:
                logger.exception("Plugin %s failed in %s", plugin.name, hook)

    def _after_commit(self, hook: str, event: Any, *vendor_ids: int | None) -> None:
        transaction.on_commit(lambda: self._notify(hook, event, vendor_ids))

    def certificate_issued(self, event: CertificateIssued) -> None:
        self._after_commit("certificate_issued", event, event.workshop_id, event.cluster_id)

    def certificate_revoked(self, event: CertificateRevoked, *, vendor_id: int) -> None:
        self._after_commit("certificate_revoked", event, vendor_id)

    def provenance_updated(self, event: ProvenanceUpdated) -> None:
        self._after_commit("provenance_updated", event, event.workshop_id)

    def packaging_price(self, item: PackagingQuoteItem) -> Any:
        price = item.price
        for plugin in self.plugins:
            if plugin.active_for_vendor(item.vendor_id):
                price = plugin.packaging_price(
                    PackagingQuoteItem(item.option_id, item.vendor_id, item.channel_slug, price)
                )
        return price

    def shipping_quotes(
        self, request: ShippingQuoteRequest, *, rated_by: dict[int, str]
    ) -> list[PluginShippingRate]:
        """Each plugin rates the methods that name it in ``rated_by`` (method id: plugin name);
        a failing plugin offers nothing."""
        rates: list[PluginShippingRate] = []
        for plugin in self.plugins:
            mine = tuple(sorted(m for m, name in rated_by.items() if name == plugin.name))
            if not mine or not plugin.active_for_vendor(request.vendor_id):
                continue
            try:
                offered = plugin.shipping_quotes(replace(request, method_ids=mine))
            except Exception:
                logger.exception("Plugin %s failed to quote shipping", plugin.name)
                continue
            rates.extend(rate for rate in offered if rate.method_id in mine and rate.price >= 0)
        return rates

    def payment_gateways(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for plugin in self.plugins:
            for gateway in plugin.payment_gateways():
                found.setdefault(gateway.id, gateway)
        return found

    def payout_gateways(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for plugin in self.plugins:
            for gateway in plugin.payout_gateways():
                found.setdefault(gateway.id, gateway)
        return found


def discover() -> list[BasePlugin]:
    classes = [_load(path) for path in settings.PLUGINS]
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        plugin_class = entry.load()
        if plugin_class not in classes:
            classes.append(plugin_class)
    return [plugin_class() for plugin_class in classes]


@cache
def plugin_manager() -> PluginManager:
    return PluginManager(discover())


def reset_plugin_manager() -> None:
    """Forget the loaded plugins (settings changed, e.g. in tests)."""
    plugin_manager.cache_clear()


__all__ = ["PluginManager", "plugin_manager", "reset_plugin_manager"]
