"""The workspace's front page: anonymous visitors log in first; members see their vendors."""

from __future__ import annotations

import pytest
from django.test import Client

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorMembership, VendorRole
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_log_in_and_back() -> None:
    response = Client().get("/fr/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/account/login/?next=/fr/workspace/")


def test_an_owner_sees_their_workshop_in_arabic_right_to_left(catalog) -> None:
    owner = User.objects.create_user(email="owner@example.com", password="x-long-pass-1")
    workshop = WorkshopFactory()
    VendorMembership.objects.create(user=owner, vendor=workshop, role=VendorRole.OWNER)
    client = Client()
    client.force_login(owner)
    body = client.get("/ar/workspace/").content.decode()
    assert 'dir="rtl"' in body
    assert f'data-slug="{workshop.slug}"' in body
