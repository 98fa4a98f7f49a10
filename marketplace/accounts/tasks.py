from __future__ import annotations

from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .mail import password_reset_message
from .models import User


@shared_task
def send_password_reset(
    *, user_id: int, token: str, redirect_url: str, language_code: str = ""
) -> int:
    """``language_code`` is the page's the buyer asked from; empty (the API gave none), the
    account's own language."""
    user = User.objects.get(pk=user_id)
    link = f"{redirect_url}?{urlencode({'email': user.email, 'token': token})}"
    message = password_reset_message(
        user=user, link=link, language=language_code or user.language_code
    )
    return message.send()


@shared_task
def send_email_change_link(*, new_email: str, token: str, redirect_url: str) -> int:
    link = f"{redirect_url}?{urlencode({'token': token})}"
    return send_mail(
        f"Confirm your new e-mail address at {settings.SHOP_NAME}",
        f"Someone asked to use {new_email} for their account.\n\n"
        f"If it was you, follow this link within three days, signed in:\n{link}\n\n"
        "If it was not, ignore this message: nothing changes.",
        settings.DEFAULT_FROM_EMAIL,
        [new_email],
    )


@shared_task
def send_account_deletion_link(*, user_id: int, token: str, redirect_url: str) -> int:
    user = User.objects.get(pk=user_id)
    link = f"{redirect_url}?{urlencode({'token': token})}"
    return send_mail(
        f"Close your account at {settings.SHOP_NAME}",
        f"Someone asked to close the account of {user.email}.\n\n"
        f"If it was you, follow this link within three days, signed in:\n{link}\n\n"
        "If it was not, ignore this message: nothing changes.",
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


@shared_task
def send_registration_attempt(*, user_id: int) -> int:
    """accountRegister with an address that already has an account: its owner hears of it
    (the caller is told nothing, so registration cannot probe for accounts)."""
    user = User.objects.get(pk=user_id)
    return send_mail(
        f"Someone tried to register with your address at {settings.SHOP_NAME}",
        f"Someone tried to open a new account with {user.email}, which already has one.\n\n"
        "If it was you: you already have an account. Log in, or reset your password if you"
        " have forgotten it.\n\n"
        "If it was not, ignore this message: nothing changed.",
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
