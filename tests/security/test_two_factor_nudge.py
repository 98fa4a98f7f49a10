"""The workspace's front page asks staff and vendor members without two-factor
authentication to turn it on; their account keeps working. Buyers are not asked, nor anyone
who has it on."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"


def _dashboard(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/en/workspace/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def owner(catalog: Any) -> User:
    user = User.objects.create_user("owner@example.com", PASSWORD)
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    return user


def test_a_workshop_owner_without_the_factor_is_asked_and_keeps_working(owner, catalog):
    body = _dashboard(owner)
    assert 'id="two-factor-nudge"' in body
    assert 'href="/en/account/security/authenticator/?next=/en/workspace/"' in body
    assert f'data-slug="{catalog.workshop.slug}"' in body  # the workspace works meanwhile


def test_staff_without_a_workshop_is_asked_too(catalog):
    staff = User.objects.create_user("staff@example.com", PASSWORD, is_staff=True)
    assert 'id="two-factor-nudge"' in _dashboard(staff)


def test_a_buyer_is_not_asked(catalog):
    buyer = User.objects.create_user("buyer@example.com", PASSWORD)
    assert 'id="two-factor-nudge"' not in _dashboard(buyer)


def test_an_owner_with_the_factor_on_is_not_asked(owner):
    TOTPDevice.objects.create(user=owner, name="authenticator", confirmed=True)
    client = Client()
    client.force_login(owner)
    session = client.session
    session["_security_second_factor"] = False  # signed in before turning it on elsewhere
    session.save()
    body = client.get("/en/workspace/").content.decode()
    assert 'id="two-factor-nudge"' not in body
