"""Account mail in the reader's language, each with a plain-text and an HTML part: the
HTML part carries ``lang`` and ``dir`` so an Arabic mail reads right to left in any
client. Built here, sent by tasks.py after the request's transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import User

RTL_LANGUAGES = frozenset({"ar"})


def mail_language(code: str | None) -> str:
    """``fr-FR``, ``FR``, ``fr_fr`` → ``fr``; anything the shop does not speak → its default."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    return base if base in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def password_reset_message(*, user: User, link: str, language: str) -> EmailMultiAlternatives:
    """The reset mail for ``user`` in ``language``; ``link`` already names the reset page
    in that language (the shop's /fr/… page, or the API client's own URL)."""
    language = mail_language(language)
    with translation.override(language):
        context = {
            "language": language,
            "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
            "shop_name": settings.SHOP_NAME,
            "email": user.email,
            # An address is Latin text: isolated, it keeps its order inside Arabic.
            "email_isolated": format_html('<bdi dir="ltr">{}</bdi>', user.email),
            "link": link,
        }
        subject = f"{settings.SHOP_NAME}: {_('Choose a new password')}"
        text = render_to_string("accounts/mail/password_reset.txt", context)
        html = render_to_string("accounts/mail/password_reset.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    return message
