from __future__ import annotations

from collections.abc import Mapping, Sequence

from marketplace.graphql.core.dataloader import DataLoader
from marketplace.vendors.models import Vendor


class VendorByIdLoader(DataLoader[int, Vendor]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Vendor]:
        return {v.pk: v for v in Vendor.objects.filter(pk__in=keys)}
