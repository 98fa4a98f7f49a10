"""The password-reset mail speaks the language of the page the buyer asked from (the API:
the account's own language), links to the reset page in that language, reads right to left
in Arabic, has a text and an HTML part, and leaves only once the request has committed."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "copper-and-silver-2026"
# Words the catalogs already hold for the mail's title: the mail is really translated.
TITLE = {"fr": "Choisissez un nouveau mot de passe", "ar": "اختر كلمة مرور جديدة"}


def _post(client: Client, url: str, data: dict[str, str]):
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def _html(message: mail.EmailMultiAlternatives) -> str:
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return str(html)


def _expected(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "subject": f"{settings.SHOP_NAME}: {gettext('Choose a new password')}",
            "follow": gettext(
                "If it was you, follow this link within three days to choose a new password:"
            ),
            "ignore": gettext("If it was not, ignore this message: your password does not change."),
        }


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_reset_mail_in_the_page_language_and_its_link_works(
    catalog, mailoutbox, django_capture_on_commit_callbacks, language, direction
):
    # The account's own language differs: the page's wins.
    User.objects.create_user(
        "ann@example.com", PASSWORD, language_code="en" if language != "en" else "fr"
    )
    client = Client(HTTP_HOST="localhost")
    with django_capture_on_commit_callbacks() as callbacks:
        answer = _post(client, f"/{language}/account/password/", {"email": "ann@example.com"})
        assert answer.status_code == 302
        assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    expected = _expected(language)
    assert message.subject == expected["subject"]
    assert expected["follow"] in message.body and expected["ignore"] in message.body
    if language in TITLE:
        assert TITLE[language] in message.subject
    html = _html(message)
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert expected["follow"] in html and (TITLE.get(language, "Choose a new password") in html)
    assert message.extra_headers["Content-Language"] == language

    link = re.search(r"https?://\S+", message.body).group(0)
    assert f'href="{link.replace("&", "&amp;")}"' in html  # the button opens the same link
    parts = urlsplit(link)
    assert parts.path == f"/{language}/account/password/new/"
    opened = client.get(f"{parts.path}?{parts.query}")
    assert opened["Location"] == f"/{language}/account/password/new/"
    form = client.get(opened["Location"]).content.decode()
    assert f'lang="{language}"' in form and 'name="password_again"' in form
    done = _post(
        client,
        parts.path,
        {"password": "brass-lantern-2026", "password_again": "brass-lantern-2026"},
    )
    assert done["Location"] == f"/{language}/account/"
    assert User.objects.get(email="ann@example.com").check_password("brass-lantern-2026")


REQUEST = """mutation($e: String!, $c: String) { requestPasswordReset(email: $e,
  redirectUrl: "https://shop.example/reset", channel: $c) { errors { field code } } }"""


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_api_reset_mail_in_the_account_language(
    gql, mailoutbox, django_capture_on_commit_callbacks, language, direction
):
    User.objects.create_user("amina@example.com", PASSWORD, language_code=language)
    with django_capture_on_commit_callbacks(execute=True):
        body = gql.data(REQUEST, {"e": "amina@example.com", "c": "default-channel"})
    assert body["requestPasswordReset"]["errors"] == []
    [message] = mailoutbox
    assert message.subject == _expected(language)["subject"]
    assert TITLE[language] in message.subject
    assert _expected(language)["follow"] in message.body
    assert f'dir="{direction}"' in _html(message)
    # The API client's own page receives the link, as Saleor does.
    assert re.search(
        r"https://shop\.example/reset\?email=amina%40example\.com&token=", message.body
    )
