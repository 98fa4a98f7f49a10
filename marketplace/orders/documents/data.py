"""Everything a parcel's papers show, read once (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from marketplace.accounts.models import Address
from marketplace.inventory.models import Stock
from marketplace.provenance.models import Certificate
from marketplace.shipping.customs import customs_form

from ..models import OrderLine, ParcelShipment, VendorOrder


@dataclass(frozen=True)
class PaperLine:
    line: OrderLine
    quantity: int
    value: Decimal  # goods value of these pieces, in the order's currency
    weight_kg: Decimal
    serials: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParcelPapers:
    vendor_order: VendorOrder
    lines: list[PaperLine]
    shipment: ParcelShipment | None
    sender: list[str]
    recipient: list[str]
    customs_form: str  # "CN22", "CN23" or "" (the parcel stays in the country)
    currency: str
    packaging: Decimal
    shipping: Decimal
    date: str

    @property
    def reference(self) -> str:
        number = f"{self.vendor_order.order.number}-{self.vendor_order.pk}"
        return f"{number}-{self.shipment.number}" if self.shipment else number

    @property
    def declared_value(self) -> Decimal:
        return sum((p.value for p in self.lines), Decimal(0))

    @property
    def weight_kg(self) -> Decimal:
        return sum((p.weight_kg for p in self.lines), Decimal(0))

    @property
    def serials(self) -> list[str]:
        return [serial for p in self.lines for serial in p.serials]


def address_lines(address: Address | None) -> list[str]:
    if address is None:
        return []
    rows = [
        f"{address.first_name} {address.last_name}".strip(),
        address.company_name,
        address.street_address_1,
        address.street_address_2,
        f"{address.postal_code} {address.city}".strip(),
        address.country_area,
        str(address.country),
        address.phone,
    ]
    return [row for row in rows if row]


def papers_for(*, vendor_order_id: int, shipment_number: int | None = None) -> ParcelPapers:
    """The parcel's papers: all its pieces, or those of one of its shipments (when named).
    The caller has checked who asks. Raises ParcelShipment.DoesNotExist for a wrong number."""
    vendor_order = VendorOrder.objects.select_related(
        "order__shipping_address", "vendor__cluster"
    ).get(pk=vendor_order_id)
    order = vendor_order.order
    lines = list(vendor_order.lines.order_by("product_name", "pk"))
    shipment = None
    if shipment_number is not None:
        shipment = ParcelShipment.objects.get(vendor_order=vendor_order, number=shipment_number)
        chosen = {line.pk: shipment.lines.get(str(line.pk), 0) for line in lines}
    else:
        chosen = {line.pk: line.quantity - line.quantity_refunded for line in lines}
    reference = f"order #{order.number}"
    serials: dict[int, list[str]] = {}
    for variant_id, serial in (
        Certificate.objects.filter(
            order_reference=reference,
            variant_id__in=[line.variant_id for line in lines if line.variant_id],
            status="valid",
        )
        .order_by("issued_at", "pk")
        .values_list("variant_id", "serial")
    ):
        serials.setdefault(variant_id, []).append(serial)
    rows = []
    for line in lines:
        quantity = chosen.get(line.pk, 0)
        if quantity <= 0:
            continue
        mine = serials.get(line.variant_id or 0, [])
        rows.append(
            PaperLine(
                line=line,
                quantity=quantity,
                value=line.unit_price * quantity,
                weight_kg=line.unit_weight_kg * quantity,
                serials=mine[: line.quantity],
            )
        )
    stock_ids = [stock_id for line in lines for stock_id, _ in line.allocations][:1]
    stock = (
        Stock.objects.select_related("warehouse__address").filter(pk__in=stock_ids).first()
        if stock_ids
        else None
    )
    workshop = vendor_order.vendor
    sender = [workshop.name]
    if stock is not None and stock.warehouse.address_id:
        sender += address_lines(stock.warehouse.address) or [str(workshop.country)]
    else:
        sender += [f"{workshop.town}, {workshop.region}", str(workshop.country)]
    value = sum((p.value for p in rows), Decimal(0))
    form = vendor_order.customs_form
    if form and shipment is not None:
        form = customs_form(declared_value=value, currency=order.currency)
    packaging = sum((p.line.packaging_unit_price * p.quantity for p in rows), Decimal(0))
    when = shipment.created_at if shipment else timezone.now()
    return ParcelPapers(
        vendor_order=vendor_order,
        lines=rows,
        shipment=shipment,
        sender=sender,
        recipient=address_lines(order.shipping_address) or [order.user_email],
        customs_form=form,
        currency=order.currency,
        packaging=packaging,
        shipping=vendor_order.shipping_price
        if not shipment or shipment.number == 1
        else Decimal(0),
        date=timezone.localdate(when).isoformat(),
    )


def still_expected(papers: ParcelPapers) -> list[tuple[OrderLine, int]]:
    """For one shipment's papers: the pieces of the parcel that had not left once this
    shipment (and the ones before it) left, refunded pieces aside. Two queries."""
    if papers.shipment is None:
        return []
    sent: dict[str, int] = {}
    for shipment in papers.vendor_order.shipments.filter(number__lte=papers.shipment.number):
        for line_id, quantity in shipment.lines.items():
            sent[line_id] = sent.get(line_id, 0) + int(quantity)
    rows = []
    for line in papers.vendor_order.lines.order_by("product_name", "pk"):
        left = line.quantity - line.quantity_refunded - sent.get(str(line.pk), 0)
        if left > 0:
            rows.append((line, left))
    return rows
