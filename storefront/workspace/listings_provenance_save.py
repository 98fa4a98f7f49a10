"""What the save's provenance step needs beyond the form: whether a market ships abroad
(then publishing needs an HS code) and the materials with what is already recorded."""

from __future__ import annotations

from marketplace.channels.models import Channel
from marketplace.provenance.models import Provenance
from marketplace.provenance.services import MaterialShare
from marketplace.vendors.models import Vendor


def _hs_required_abroad(workshop: Vendor, channels: list[Channel]) -> bool:
    """Does any of these markets serve a country other than the workshop's own?"""
    home = str(workshop.country)
    return any({str(c) for c in (ch.countries or [ch.default_country])} - {home} for ch in channels)


def _materials(record: Provenance | None, slugs: list[str]) -> list[MaterialShare]:
    """The chosen materials, keeping the share and hallmark already recorded for each."""
    known = {}
    if record is not None:
        known = {m.material.slug: m for m in record.materials.select_related("material")}
    return [
        MaterialShare(
            material_slug=slug,
            composition_percent=known[slug].composition_percent if slug in known else None,
            hallmark=known[slug].hallmark if slug in known else "",
        )
        for slug in slugs
    ]
