"""Paying balances out: one payout per holder and currency, idempotent and retried.

A payout and its ledger debit are written together under a lock on the holder's account, so
two runs at once cannot pay the same balance twice; the money moves after commit, through the
gateway, with the payout's id as idempotency key.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.plugins import plugin_manager
from marketplace.core.private_files import private_storage
from marketplace.vendors.models import Vendor

from .gateway import BankTransferGateway, PayoutError, PayoutGateway, PayoutInstruction
from .models import EntryKind, LedgerEntry, Payout, PayoutAccount, PayoutStatus

MAX_ATTEMPTS = 5


def _gateways() -> list[PayoutGateway]:
    found = [*plugin_manager().payout_gateways().values(), BankTransferGateway()]
    return sorted(found, key=lambda g: -g.priority)


def _instruction(payout: Payout) -> PayoutInstruction:
    account = PayoutAccount.objects.filter(vendor_id=payout.vendor_id).first()
    return PayoutInstruction(
        payout_id=payout.pk,
        vendor_id=payout.vendor_id,
        vendor_name=payout.vendor.name,
        amount=payout.amount,
        currency=payout.currency,
        stripe_account_id=account.stripe_account_id if account else "",
        bank_holder=account.bank_holder if account else "",
        bank_iban=account.bank_iban if account else "",
        bank_bic=account.bank_bic if account else "",
        idempotency_key=f"payout-{payout.pk}",
        transfer_group=f"payout-{payout.pk}",
    )


def payouts_create(*, currency: str) -> list[Payout]:
    """A payout for every workshop and cluster owed money in the currency."""
    owed = (
        LedgerEntry.objects.filter(currency=currency, vendor__isnull=False)
        .values("vendor_id")
        .annotate(total=Sum("amount"))
        .filter(total__gt=0)
    )
    payouts = []
    for row in owed:
        payout = _payout_for(vendor_id=row["vendor_id"], currency=currency)
        if payout is not None:
            payouts.append(payout)
    return payouts


@transaction.atomic
def _payout_for(*, vendor_id: int, currency: str) -> Payout | None:
    account, _ = PayoutAccount.objects.get_or_create(vendor_id=vendor_id)
    PayoutAccount.objects.select_for_update().get(pk=account.pk)  # one run per holder at once
    owed = LedgerEntry.objects.filter(vendor_id=vendor_id, currency=currency).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    if owed <= 0:
        return None
    vendor = Vendor.objects.get(pk=vendor_id)
    payout = Payout.objects.create(vendor=vendor, currency=currency, amount=owed, gateway_id="")
    gateway = next(g for g in _gateways() if g.can_pay(_instruction(payout)))
    payout.gateway_id = gateway.id
    payout.save(update_fields=["gateway_id"])
    LedgerEntry.objects.create(
        vendor=vendor,
        kind=EntryKind.PAYOUT,
        currency=currency,
        amount=-owed,
        payout=payout,
        key=f"payout:{payout.pk}",
    )
    from .tasks import payout_send

    transaction.on_commit(lambda: payout_send.delay(payout_id=payout.pk))
    return payout


def payout_send(*, payout_id: int) -> Payout:
    """Move the money (again, if an earlier try failed). A payout already sent is left alone."""
    with transaction.atomic():
        payout = Payout.objects.select_for_update().select_related("vendor").get(pk=payout_id)
        if payout.status != PayoutStatus.PENDING:
            return payout
        payout.attempts += 1
        payout.save(update_fields=["attempts"])
    gateway = {g.id: g for g in _gateways()}.get(payout.gateway_id)
    if gateway is None:
        raise DomainError(f"The payout gateway {payout.gateway_id} is not installed.")
    try:
        result = gateway.pay(_instruction(payout))
    except PayoutError as error:
        payout.last_error = str(error)[:512]
        final = not error.retryable or payout.attempts >= MAX_ATTEMPTS
        if final:
            _fail(payout)
        else:
            payout.save(update_fields=["last_error"])
        raise
    payout.status = result.status
    payout.reference = result.reference
    payout.paid_at = timezone.now() if result.status == PayoutStatus.PAID else None
    payout.save(update_fields=["status", "reference", "paid_at"])
    return payout


@transaction.atomic
def _fail(payout: Payout) -> None:
    """Give the balance back so the next run can pay it another way."""
    payout.status = PayoutStatus.FAILED
    payout.save(update_fields=["status", "last_error"])
    LedgerEntry.objects.get_or_create(
        key=f"payout-reversal:{payout.pk}",
        defaults={
            "vendor_id": payout.vendor_id,
            "kind": EntryKind.PAYOUT_REVERSAL,
            "currency": payout.currency,
            "amount": payout.amount,
            "payout": payout,
        },
    )


BANK_COLUMNS = ["payout", "beneficiary", "iban", "bic", "amount", "currency", "reference"]


@transaction.atomic
def payouts_export(*, currency: str) -> str | None:
    """Write the waiting bank transfers of a currency to a CSV file (stored through the
    storage API) and mark them exported; a payout is never in two files. Returns the name."""
    waiting = list(
        Payout.objects.select_for_update()
        .select_related("vendor")
        .filter(currency=currency, status=PayoutStatus.AWAITING_EXPORT)
        .order_by("pk")
    )
    if not waiting:
        return None
    accounts = {
        a.vendor_id: a
        for a in PayoutAccount.objects.filter(vendor_id__in=[p.vendor_id for p in waiting])
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BANK_COLUMNS)
    for payout in waiting:
        account = accounts.get(payout.vendor_id)
        writer.writerow(
            [
                payout.pk,
                (account.bank_holder if account and account.bank_holder else payout.vendor.name),
                account.bank_iban if account else "",
                account.bank_bic if account else "",
                f"{payout.amount}",
                payout.currency,
                f"Marketplace payout {payout.pk}",
            ]
        )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    name = private_storage().save(
        f"payouts/bank-{currency}-{stamp}.csv", ContentFile(buffer.getvalue().encode())
    )
    Payout.objects.filter(pk__in=[p.pk for p in waiting]).update(
        status=PayoutStatus.EXPORTED, reference=name
    )
    return name
