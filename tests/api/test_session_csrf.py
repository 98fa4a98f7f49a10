"""A logged-in browser session counts only for requests that pass the CSRF check."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

QUERY = json.dumps({"query": '{ products(first: 5, channel: "international") { totalCount } }'})


def test_cross_site_request_with_a_session_cookie_is_anonymous(catalog):
    catalog.product("Draft", published=False)
    staff = User.objects.create_user("staff@example.com", "pw-123456789", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)

    forged = browser.post("/graphql/", QUERY, content_type="application/json")
    browser.get("/")  # a page of ours sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    genuine = browser.post(
        "/graphql/", QUERY, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )

    assert forged.json() == {"data": {"products": {"totalCount": 0}}}  # staff powers withheld
    assert genuine.json() == {"data": {"products": {"totalCount": 1}}}
