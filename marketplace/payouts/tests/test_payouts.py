"""Paying balances out: through the best gateway that can pay the account, once per payout,
retried while the failure is temporary, credited back when it is final; bank transfers go
to a CSV file, each payout in exactly one file."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import ClassVar

import pytest

from marketplace.core.hooks import BasePlugin
from marketplace.core.plugins import reset_plugin_manager
from marketplace.core.private_files import private_storage
from marketplace.payouts.gateway import PayoutError, PayoutGateway, PayoutInstruction, PayoutResult
from marketplace.payouts.models import EntryKind, LedgerEntry, Payout, PayoutAccount
from marketplace.payouts.services import payouts_create, payouts_export
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


class RecordingGateway(PayoutGateway):
    id = "recording"
    priority = 5
    calls: ClassVar[list[PayoutInstruction]] = []
    failures: ClassVar[list[PayoutError]] = []

    def can_pay(self, instruction: PayoutInstruction) -> bool:
        return instruction.stripe_account_id.startswith("acct_")

    def pay(self, instruction: PayoutInstruction) -> PayoutResult:
        RecordingGateway.calls.append(instruction)
        if RecordingGateway.failures:
            raise RecordingGateway.failures.pop(0)
        return PayoutResult(status="PAID", reference=f"tr_{instruction.payout_id}")


class RecordingPlugin(BasePlugin):
    name: ClassVar[str] = "recording_payouts"

    def payout_gateways(self) -> list[PayoutGateway]:
        return [RecordingGateway()]


@pytest.fixture(autouse=True)
def recording(settings):
    settings.PLUGINS = ["marketplace.payouts.tests.test_payouts.RecordingPlugin"]
    RecordingGateway.calls.clear()
    RecordingGateway.failures.clear()
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def owed(vendor, amount, currency="EUR", key=None):
    return LedgerEntry.objects.create(
        vendor=vendor,
        kind=EntryKind.SALE,
        currency=currency,
        amount=Decimal(amount),
        key=key or f"k-{vendor.pk}-{amount}",
    )


def test_connected_workshops_are_paid_by_the_gateway_once(django_capture_on_commit_callbacks):
    connected = WorkshopFactory(slug="souika")
    PayoutAccount.objects.create(vendor=connected, stripe_account_id="acct_123")
    owed(connected, "182.75")
    owed(connected, "-20.00", key="refund")
    with django_capture_on_commit_callbacks(execute=True):
        payouts = payouts_create(currency="EUR")
    assert [(p.amount, p.gateway_id, p.status) for p in Payout.objects.all()] == [
        (Decimal("162.750"), "recording", "PAID")
    ]
    call = RecordingGateway.calls[0]
    assert (call.amount, call.currency, call.stripe_account_id) == (
        Decimal("162.750"),
        "EUR",
        "acct_123",
    )
    assert call.idempotency_key == f"payout-{payouts[0].pk}" == call.transfer_group
    with django_capture_on_commit_callbacks(execute=True):
        assert payouts_create(currency="EUR") == []  # nothing left to pay
    from marketplace.payouts.tasks import payout_send

    assert payout_send.delay(payout_id=payouts[0].pk).get() == "PAID"  # a replay sends nothing
    assert len(RecordingGateway.calls) == 1


def test_a_temporary_failure_is_retried_and_a_final_one_credits_the_balance_back(
    django_capture_on_commit_callbacks,
):
    workshop = WorkshopFactory()
    PayoutAccount.objects.create(vendor=workshop, stripe_account_id="acct_9")
    owed(workshop, "50.00")
    RecordingGateway.failures.extend([PayoutError("timeout"), PayoutError("timeout")])
    with django_capture_on_commit_callbacks(execute=True):
        payouts_create(currency="EUR")
    payout = Payout.objects.get()
    assert (payout.status, payout.attempts, len(RecordingGateway.calls)) == ("PAID", 3, 3)

    RecordingGateway.calls.clear()
    owed(workshop, "30.00", key="second")
    RecordingGateway.failures.append(PayoutError("account closed", retryable=False))
    with django_capture_on_commit_callbacks(execute=True):
        payouts_create(currency="EUR")
    failed = Payout.objects.get(status="FAILED")
    assert failed.last_error == "account closed"
    balance = sum(e.amount for e in LedgerEntry.objects.filter(vendor=workshop))
    assert balance == Decimal("30.00")  # owed again, to be paid another way


def test_others_get_a_bank_transfer_file(django_capture_on_commit_callbacks):
    banked = WorkshopFactory(name="Atelier Fidda")
    PayoutAccount.objects.create(
        vendor=banked,
        bank_holder="Fidda SARL",
        bank_iban="DZ5800200001234567890123",
        bank_bic="BEXADZAL",
    )
    owed(banked, "85.00")
    owed(banked, "40000.00", currency="DZD")
    with django_capture_on_commit_callbacks(execute=True):
        payouts_create(currency="EUR")
        payouts_create(currency="DZD")
    assert set(Payout.objects.values_list("status", flat=True)) == {"AWAITING_EXPORT"}
    name = payouts_export(currency="EUR")
    assert name is not None and name.startswith("payouts/bank-EUR-")
    with private_storage().open(name) as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode())))
    payout = Payout.objects.get(currency="EUR")
    assert rows == [
        ["payout", "beneficiary", "iban", "bic", "amount", "currency", "reference"],
        [
            str(payout.pk),
            "Fidda SARL",
            "DZ5800200001234567890123",
            "BEXADZAL",
            "85.000",
            "EUR",
            f"Marketplace payout {payout.pk}",
        ],
    ]
    payout.refresh_from_db()
    assert (payout.status, payout.reference) == ("EXPORTED", name)
    assert payouts_export(currency="EUR") is None  # never in two files
    assert Payout.objects.get(currency="DZD").status == "AWAITING_EXPORT"


def test_the_commands_pay_and_export(django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    owed(WorkshopFactory(name="Atelier Fidda"), "85.00")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("payouts_run", "eur", stdout=out)
    assert out.getvalue().splitlines() == [
        "Atelier Fidda: 85.000 EUR via bank_transfer (PENDING)",
        "1 payouts.",
    ]
    out = io.StringIO()
    call_command("payouts_export", "EUR", stdout=out)
    assert out.getvalue().startswith("payouts/bank-EUR-")
    with pytest.raises(CommandError, match="is not an ISO 4217 currency code"):
        call_command("payouts_run", "euro")
