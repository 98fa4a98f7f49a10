"""The manager's pooled purchases on the board: open one with the supplier's tiers (one
"from-quantity price" pair a line), close it after the deadline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError
from marketplace.vendors.models import Vendor
from marketplace.wholesale.services import pooling

from .wholesale_forms import as_date, as_int


def tiers_parse(text: str) -> list[tuple[Decimal, Decimal]]:
    tiers = []
    for number, row in enumerate(line for line in text.splitlines() if line.strip()):
        parts = row.replace(",", ".").replace(";", " ").split()
        try:
            quantity, price = (Decimal(part) for part in parts)
        except (ValueError, InvalidOperation):
            raise DomainError(
                _("Line %(n)s: a quantity and a unit price.") % {"n": number + 1}, field="tiers"
            ) from None
        tiers.append((quantity, price))
    return tiers


def pool_actions(request: HttpRequest, cluster: Vendor) -> dict[str, tuple[Callable[[], Any], str]]:
    user, data = request.user, request.POST

    def open_pool() -> Any:
        day = as_date(data, "deadline")
        deadline = timezone.make_aware(datetime.combine(day, time(18, 0)))
        return pooling.pool_open(
            actor=user,
            cluster_id=cluster.pk,
            material=data.get("material", ""),
            supplier=data.get("supplier", ""),
            currency=(data.get("currency") or "EUR").strip().upper()[:3],
            deadline=deadline,
            unit=(data.get("unit") or "kg").strip()[:16],
            tiers=tiers_parse(data.get("tiers", "")),
        )

    return {
        "pool-open": (open_pool, _("Pooled purchase opened: the members can commit.")),
        "pool-close": (
            lambda: pooling.pool_close(actor=user, purchase_id=as_int(data, "purchase")),
            _("Closed: the order goes out at the tier reached."),
        ),
    }
