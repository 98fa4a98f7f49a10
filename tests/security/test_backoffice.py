"""The staff back office at /admin/ (issue 11): staff whose session passed the second factor
open every changelist, with search and filters; nobody else gets in; money is read only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.core.admin_site import site
from marketplace.orders.models import Order, VendorOrder
from marketplace.payments.models import Transaction
from marketplace.payouts.models import LedgerEntry, Payout
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "vendors_vendor",
    "vendors_vendormembership",
    "catalog_product",
    "catalog_productvariant",
    "orders_order",
    "orders_vendororder",
    "payouts_ledgerentry",
    "payouts_payout",
    "payments_transaction",
    "provenance_certificate",
    "provenance_claim",
    "shipping_dutyrate",
    "channels_channel",
    "core_failedtask",
    "accounts_user",
]
MONEY = [Order, VendorOrder, LedgerEntry, Payout, Transaction]


def verified_client(user: User) -> Client:
    """Signed in with a password and an authenticator code, as a person would."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client()
    client.force_login(user)
    code = f"{totp(device.bin_key):06d}"
    response = client.post(reverse("shop:security-verify", args=()), {"code": code})
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def staff(catalog: Any) -> Client:
    return verified_client(User.objects.create_user("staff@example.com", "pw-123", is_staff=True))


@pytest.mark.parametrize("name", CHANGELISTS)
def test_staff_opens_each_changelist_and_searches_it(staff, name):
    url = reverse(f"backoffice:{name}_changelist")
    assert staff.get(url).status_code == 200
    assert staff.get(url, {"q": "souika"}).status_code == 200


def test_the_index_lists_every_section_for_staff(staff):
    response = staff.get("/admin/")
    assert response.status_code == 200
    for name in CHANGELISTS:
        assert reverse(f"backoffice:{name}_changelist") in response.content.decode()


def test_a_vendor_is_found_by_search_and_filter(staff, catalog):
    url = reverse("backoffice:vendors_vendor_changelist")
    page = staff.get(url, {"q": catalog.workshop.name, "kind__exact": "workshop"})
    assert page.status_code == 200 and catalog.workshop.name in page.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "buyer", "owner", "manager", "unverified-staff"])
def test_nobody_else_gets_in(catalog, who):
    client = Client()
    if who != "anonymous":
        user = User.objects.create_user(
            f"{who}@example.com", "pw-123", is_staff=who.endswith("staff")
        )
        if who in ("owner", "manager"):
            vendor = catalog.workshop if who == "owner" else catalog.cluster
            VendorMembership.objects.create(user=user, vendor=vendor, role=who)
        client.force_login(user)
    for name in CHANGELISTS:
        response = client.get(reverse(f"backoffice:{name}_changelist"))
        assert response.status_code == 302
        assert "/admin/" not in response["Location"] or "/admin/login/" in response["Location"]
    assert client.get("/admin/").status_code == 302


def test_staff_without_an_authenticator_is_sent_to_set_one_up(catalog):
    user = User.objects.create_user("new-staff@example.com", "pw-123", is_staff=True)
    client = Client()
    client.force_login(user)
    login = client.get("/admin/", follow=False)
    assert login.status_code == 302 and login["Location"].startswith("/admin/login/")
    setup = client.get(login["Location"])
    assert setup.status_code == 302
    assert setup["Location"].startswith(reverse("shop:security") + "?next=")


def test_staff_with_an_authenticator_but_no_code_yet_is_asked_for_it(catalog):
    user = User.objects.create_user("coded@example.com", "pw-123", is_staff=True)
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client()
    client.force_login(user)
    login = client.get("/admin/login/?next=/admin/")
    assert login.status_code == 302
    assert login["Location"].startswith(reverse("shop:security-verify") + "?next=")


@pytest.mark.parametrize("model", MONEY, ids=lambda m: m.__name__)
def test_money_has_no_add_change_or_delete(staff, model):
    admin = site._registry[model]
    request = type("R", (), {"user": User.objects.get(email="staff@example.com")})()
    assert admin.has_view_permission(request)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)
    opts = model._meta
    add = reverse(f"backoffice:{opts.app_label}_{opts.model_name}_add")
    assert staff.get(add).status_code == 403


def test_a_payout_opens_read_only_and_cannot_be_changed_or_deleted(staff, catalog):
    payout = Payout.objects.create(
        vendor=catalog.workshop, currency="EUR", amount=Decimal("88.00"), status="AWAITING_EXPORT"
    )
    change = reverse("backoffice:payouts_payout_change", args=[payout.pk])
    page = staff.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert staff.post(change, {"amount": "1.00", "status": "PAID"}).status_code == 403
    delete = reverse("backoffice:payouts_payout_delete", args=[payout.pk])
    assert staff.post(delete, {"post": "yes"}).status_code == 403
    payout.refresh_from_db()
    assert (payout.amount, payout.status) == (Decimal("88.00"), "AWAITING_EXPORT")


def test_staff_may_edit_a_channel(staff):
    channel = Channel.objects.first()
    assert channel is not None
    change = reverse("backoffice:channels_channel_change", args=[channel.pk])
    page = staff.get(change)
    assert page.status_code == 200 and 'name="_save"' in page.content.decode()
