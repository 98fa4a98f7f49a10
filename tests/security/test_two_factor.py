"""Two-factor authentication and sessions (issue 11, Security), through the account pages as a
person uses them: set up an authenticator, sign in with a code or a recovery code, list and
end sessions. The wrong actor gets a 404 and nothing changes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.security.models import UserSession
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"
ME = "{ me { email } }"


def _code(device: TOTPDevice, *, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + drift * device.step
    return f"{totp.token():0{device.digits}d}"


def _sign_in(email: str) -> Client:
    client = Client(HTTP_USER_AGENT="Firefox on a phone")
    response = client.post(reverse("shop:login"), {"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _me(client: Client) -> Any:
    return client.post("/graphql/", {"query": ME}, "application/json").json()["data"]["me"]


def _turn_on(client: Client, user: User, next_url: str = "") -> list[str]:
    page = client.get(reverse("shop:security-totp"), {"next": next_url} if next_url else {})
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode())
    assert secret is not None and len(secret.group(1)) >= 32
    assert "<svg" in page.content.decode()  # the QR code, drawn by the server
    done = client.post(reverse("shop:security-totp"), {"code": _code(device), "next": next_url})
    assert done.status_code == 302
    overview = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", overview)
    assert len(codes) == 10
    # Shown once only.
    assert not re.findall(r"<li><code>", client.get(reverse("shop:security")).content.decode())
    return codes


@pytest.fixture
def owner(catalog: Any) -> User:
    user = User.objects.create_user("owner@example.com", PASSWORD)
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    return user


@pytest.fixture
def buyer(db: Any) -> User:
    return User.objects.create_user("buyer@example.com", PASSWORD)


def test_a_wrong_code_leaves_two_factor_off(owner):
    client = _sign_in(owner.email)
    client.get(reverse("shop:security-totp"))
    refused = client.post(reverse("shop:security-totp"), {"code": "000000"})
    assert refused.status_code == 200
    assert "The code is not right" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()


def test_an_account_with_two_factor_signs_in_with_a_code(owner):
    _turn_on(_sign_in(owner.email), owner)
    device = TOTPDevice.objects.get(user=owner, confirmed=True)

    client = _sign_in(owner.email)  # the password alone
    account = client.get(reverse("shop:account"))
    assert account.status_code == 302
    assert account["Location"].startswith(reverse("shop:security-verify"))
    assert client.get("/fr/workspace/").status_code == 302
    assert _me(client) is None  # GraphQL sees nobody until the code is given

    wrong = client.post(reverse("shop:security-verify"), {"code": "123456"})
    assert wrong.status_code == 200 and _me(client) is None
    # A later code (the next 30 s step) also works: the app's clock may run a little ahead.
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    passed = client.post(
        reverse("shop:security-verify"), {"code": _code(device, drift=1), "next": "/fr/workspace/"}
    )
    assert passed.status_code == 302 and passed["Location"] == "/fr/workspace/"
    assert _me(client) == {"email": owner.email}
    assert client.get(reverse("shop:account")).status_code == 200


def test_a_recovery_code_works_once_and_an_outside_next_is_ignored(owner):
    codes = _turn_on(_sign_in(owner.email), owner)
    client = _sign_in(owner.email)
    used = client.post(
        reverse("shop:security-verify"), {"code": codes[0], "next": "https://evil.example/"}
    )
    assert used.status_code == 302 and used["Location"] == reverse("shop:account")
    assert StaticToken.objects.filter(device__user=owner).count() == 9

    again = _sign_in(owner.email)
    assert again.post(reverse("shop:security-verify"), {"code": codes[0]}).status_code == 200
    assert _me(again) is None


def test_new_recovery_codes_replace_the_old_ones(owner):
    client = _sign_in(owner.email)
    old = _turn_on(client, owner)
    client.post(reverse("shop:security-recovery"))
    page = client.get(reverse("shop:security")).content.decode()
    new = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_workshop_accounts_keep_two_factor_on_buyers_may_turn_it_off(owner, buyer):
    owner_client = _sign_in(owner.email)
    _turn_on(owner_client, owner)
    device = TOTPDevice.objects.get(user=owner, confirmed=True)
    owner_client.post(reverse("shop:security-disable"), {"code": _code(device, drift=1)})
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).exists()

    buyer_client = _sign_in(buyer.email)
    _turn_on(buyer_client, buyer)
    mine = TOTPDevice.objects.get(user=buyer, confirmed=True)
    buyer_client.post(reverse("shop:security-disable"), {"code": _code(mine, drift=1)})
    assert not TOTPDevice.objects.filter(user=buyer).exists()
    assert not StaticToken.objects.filter(device__user=buyer).exists()


def test_sessions_are_listed_and_another_one_can_be_ended(owner, buyer):
    phone = _sign_in(owner.email)
    laptop = _sign_in(owner.email)
    stranger = _sign_in(buyer.email)
    assert UserSession.objects.filter(user=owner).count() == 2
    page = laptop.get(reverse("shop:security")).content.decode()
    assert page.count('class="session"') == 2 and 'data-current="yes"' in page
    assert "Firefox on a phone" in page

    phone_key = phone.session.session_key
    phone_record = UserSession.objects.get(session_key=phone_key)
    # Somebody else's session: the same 404 as a missing one, and it stays signed in.
    stranger_record = UserSession.objects.get(user=buyer)
    url = reverse("shop:security-session-end", args=[stranger_record.pk])
    assert laptop.post(url).status_code == 404
    assert laptop.post(reverse("shop:security-session-end", args=[999999])).status_code == 404
    assert _me(stranger) == {"email": buyer.email}

    ended = laptop.post(reverse("shop:security-session-end", args=[phone_record.pk]))
    assert ended.status_code == 302
    assert _me(phone) is None  # signed out
    assert _me(laptop) == {"email": owner.email}
    assert list(UserSession.objects.filter(user=owner).values_list("session_key", flat=True)) == [
        laptop.session.session_key
    ]


def test_ending_every_other_session(owner):
    first, second, third = (_sign_in(owner.email) for _ in range(3))
    third.post(reverse("shop:security-sessions-end"))
    assert (_me(first), _me(second)) == (None, None)
    assert _me(third) == {"email": owner.email}


def test_staff_sets_up_two_factor_on_the_way_to_the_back_office(catalog):
    staff = User.objects.create_user("staff@example.com", PASSWORD, is_staff=True)
    client = _sign_in(staff.email)
    to_login = client.get("/admin/")
    to_setup = client.get(to_login["Location"])
    assert to_setup["Location"].startswith(reverse("shop:security"))
    _turn_on(client, staff, next_url="/admin/")
    assert client.get("/admin/").status_code == 200

    later = _sign_in(staff.email)  # a new session: the password alone is not enough
    assert later.get("/admin/").status_code == 302
    assert later.get(reverse("backoffice:orders_order_changelist")).status_code == 302


def test_pages_need_a_signed_in_account(catalog):
    for name in ("shop:security", "shop:security-totp", "shop:security-verify"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and reverse("shop:login") in response["Location"]
