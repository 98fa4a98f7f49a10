"""The hooks plugins may implement, with one typed payload each. This module is the list.

A plugin subclasses ``BasePlugin`` and overrides the hooks it cares about. Hooks that report
an event run after the transaction commits, so a plugin never sees rolled-back data and can
never undo the core's work; a plugin that raises is logged and skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from marketplace.payments.gateway import PaymentGateway
    from marketplace.payouts.gateway import PayoutGateway


@dataclass(frozen=True)
class CertificateIssued:
    certificate_id: int
    serial: str
    product_id: int
    workshop_id: int
    cluster_id: int | None
    verify_url: str


@dataclass(frozen=True)
class CertificateRevoked:
    certificate_id: int
    serial: str
    product_id: int
    reason: str


@dataclass(frozen=True)
class ProvenanceUpdated:
    product_id: int
    variant_id: int | None
    workshop_id: int


@dataclass(frozen=True)
class PackagingQuoteItem:
    """What a plugin may adjust in a packaging price before it is shown (e.g. a cluster's
    discount on its own branded box)."""

    option_id: int
    vendor_id: int
    channel_slug: str
    price: Decimal


@dataclass(frozen=True)
class ShippingQuoteRequest:
    """One workshop's parcel and the shipping methods this plugin rates (``rated_by`` set to
    the plugin's name); the plugin answers with a price per method it can serve."""

    vendor_id: int
    country: str
    channel_slug: str
    currency: str
    chargeable_weight_kg: Decimal
    goods_total: Decimal
    method_ids: tuple[int, ...]


@dataclass(frozen=True)
class PluginShippingRate:
    method_id: int
    price: Decimal


class BasePlugin:
    """Every hook is a no-op here; override what you need."""

    name: ClassVar[str] = "base"

    def active_for_vendor(self, vendor_id: int | None) -> bool:
        """Whether this plugin acts for the workshop or cluster concerned (default: all)."""
        return True

    def certificate_issued(self, event: CertificateIssued) -> None:
        return None

    def certificate_revoked(self, event: CertificateRevoked) -> None:
        return None

    def provenance_updated(self, event: ProvenanceUpdated) -> None:
        return None

    def packaging_price(self, item: PackagingQuoteItem) -> Decimal:
        return item.price

    def shipping_quotes(self, request: ShippingQuoteRequest) -> Sequence[PluginShippingRate]:
        """Live rates for the methods this plugin rates; leave out those it cannot serve."""
        return ()

    def payment_gateways(self) -> Sequence[PaymentGateway]:
        return ()

    def payout_gateways(self) -> Sequence[PayoutGateway]:
        return ()

    def urls(self) -> Sequence[Any]:
        """URL patterns mounted under ``/plugins/<name>/`` (e.g. a provider's webhook)."""
        return ()
