"""Charts drawn on the server as SVG (no script, no library): horizontal bars for categories
(members, channels, countries) and vertical bars for months. Text is escaped; bars mirror for
right-to-left pages through the ``direction`` the page gives."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from marketplace.vendors.reports import Row
from storefront.templatetags.shop import money

WIDTH = 640
BAR = 26
GAP = 10
LABEL = 170
AMOUNT = 110


def _scale(rows: Sequence[Row]) -> Decimal:
    top = max((r.amount for r in rows), default=Decimal(0))
    return top if top > 0 else Decimal(1)


def _amount(value: Decimal, currency: str) -> str:
    return money(value, currency)


def bars(rows: Sequence[Row], *, currency: str, title: str, rtl: bool = False) -> SafeString:
    """One horizontal bar per row, longest first as given; amount at the bar's end."""
    if not rows:
        return SafeString("")
    top = _scale(rows)
    height = len(rows) * (BAR + GAP) + GAP
    track = WIDTH - LABEL - AMOUNT
    parts = []
    for i, row in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        length = max(2, int(track * float(row.amount / top)))
        x = (WIDTH - LABEL - length) if rtl else LABEL
        label_x, anchor = (WIDTH - 8, "end") if rtl else (8, "start")
        amount_x = (x - 6) if rtl else (x + length + 6)
        amount_anchor = "end" if rtl else "start"
        parts.append(
            format_html(
                "<g><title>{} · {} · {}</title>"
                '<text x="{}" y="{}" text-anchor="{}" class="lbl">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="4" class="bar"/>'
                '<text x="{}" y="{}" text-anchor="{}" class="amt">{}</text></g>',
                row.label,
                _amount(row.amount, currency),
                row.parcels,
                label_x,
                y + BAR * 0.68,
                anchor,
                row.label[:22],
                x,
                y,
                length,
                BAR,
                amount_x,
                y + BAR * 0.68,
                amount_anchor,
                _amount(row.amount, currency),
            )
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">' + "".join(parts) + "</svg>"
    )


def columns(rows: Sequence[Row], *, currency: str, title: str, rtl: bool = False) -> SafeString:
    """One column per month, oldest at the reading start (left, or right in Arabic)."""
    if not rows:
        return SafeString("")
    top = _scale(rows)
    height, base, column_gap = 260, 220, 8
    count = len(rows)
    width = max(WIDTH, count * 44)
    slot = (width - 20) / count
    parts = []
    for i, row in enumerate(rows):
        position = (count - 1 - i) if rtl else i
        tall = max(2, int(180 * float(row.amount / top)))
        x = 10 + position * slot + column_gap / 2
        parts.append(
            format_html(
                "<g><title>{} · {} · {}</title>"
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" class="bar"/>'
                '<text x="{}" y="{}" text-anchor="middle" class="lbl">{}</text></g>',
                row.label,
                _amount(row.amount, currency),
                row.parcels,
                round(x, 1),
                base - tall,
                round(slot - column_gap, 1),
                tall,
                round(x + (slot - column_gap) / 2, 1),
                base + 22,
                row.key[2:] if count > 8 else row.key,
            )
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">'
        f'<line x1="10" x2="{width - 10}" y1="{base}" y2="{base}" class="axis"/>'
        + "".join(parts)
        + "</svg>"
    )
