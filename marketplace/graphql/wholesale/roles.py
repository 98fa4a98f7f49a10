"""What the requesting user is to a group order, worked out once per request (two queries),
so nested fields hide what an actor may not see without a query per object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marketplace.vendors.models import VendorMembership, VendorRole
from marketplace.wholesale.models import WholesaleQuote


@dataclass(frozen=True)
class Roles:
    user_id: int | None
    staff: bool
    clusters: frozenset[int]  # managed
    workshops: frozenset[int]  # owned or worked at

    def manages(self, quote: WholesaleQuote) -> bool:
        return self.staff or quote.cluster_id in self.clusters

    def buys(self, quote: WholesaleQuote) -> bool:
        business = quote.business  # select_related by every list that returns quotes
        return self.user_id is not None and business.user_id == self.user_id

    def makes(self, workshop_id: int) -> bool:
        return self.staff or workshop_id in self.workshops


def roles(info: Any) -> Roles:
    request = info.context
    found = getattr(request, "_wholesale_roles", None)
    if found is not None:
        return found
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        found = Roles(None, False, frozenset(), frozenset())
    else:
        rows = list(
            VendorMembership.objects.filter(
                user=user, role__in=[VendorRole.OWNER, VendorRole.STAFF, VendorRole.MANAGER]
            ).values_list("vendor_id", "role")
        )
        found = Roles(
            user.pk,
            bool(user.is_staff),
            frozenset(v for v, r in rows if r == VendorRole.MANAGER),
            frozenset(v for v, r in rows if r in (VendorRole.OWNER, VendorRole.STAFF)),
        )
    request._wholesale_roles = found
    return found
