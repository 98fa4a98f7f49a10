"""The save's packaging step: which of the workshop's packaging options the piece is
offered with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from marketplace.catalog.models import Product
from marketplace.packaging.models import PackagingOption
from marketplace.packaging.services import PackagingInput, packaging_option_update

from .listings_forms import ListingForm
from .listings_refused import ListingRefused


def _packaging_set(*, actor: Any, product: Product, form: ListingForm) -> None:
    """Offer the piece with the workshop's own options made for chosen pieces, or not."""
    chosen = set(form.cleaned_data.get("packaging") or [])
    offered = {pk for pk, _name in form.fields["packaging"].choices}  # type: ignore[attr-defined]
    for option in PackagingOption.objects.filter(pk__in=offered).prefetch_related("products"):
        current = {p.pk for p in option.products.all()}
        wanted = current | {product.pk} if option.pk in chosen else current - {product.pk}
        if wanted == current:
            continue
        if not wanted:
            raise ListingRefused(
                fields={
                    "packaging": _(
                        "%(name)s is offered with this piece only: keep it, or change the "
                        "option itself."
                    )
                    % {"name": option.name}
                }
            )
        packaging_option_update(
            actor=actor,
            option_id=option.pk,
            data=PackagingInput(
                name=option.name,
                kind=option.kind,
                length_cm=option.length_cm,
                width_cm=option.width_cm,
                height_cm=option.height_cm,
                added_weight_kg=option.added_weight_kg,
                description=option.description,
                material=option.material,
                recyclable=option.recyclable,
                extra_lead_days=option.extra_lead_days,
                is_active=option.is_active,
                product_ids=sorted(wanted),
            ),
        )
