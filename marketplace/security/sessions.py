"""Signed-in sessions: recorded at login, listed for their owner, ended on request.

Ending one deletes it from the session store, so the browser holding it is signed out at its
next request. A session another account owns answers like one that does not exist.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.http import HttpRequest
from django.utils import timezone

from marketplace.accounts.tokens import tokens_revoke
from marketplace.core.client import client_ip
from marketplace.core.errors import NotFound

from .models import UserSession
from .two_factor import second_factor_enabled

SEEN_KEY = "_security_seen"
WANTS_KEY = "_security_second_factor"  # whether the account had it on when this session began
SEEN_EVERY = timedelta(minutes=5)


def _store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_record(
    *, request: HttpRequest, user: Any, at_login: bool = False
) -> UserSession | None:
    session = getattr(request, "session", None)
    if session is None:
        return None
    if session.session_key is None:
        session.save()
    now = timezone.now()
    record, _ = UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "last_seen_at": now,
            "ip_address": client_ip(request) or None,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
        },
    )
    session[SEEN_KEY] = now.timestamp()
    if at_login or WANTS_KEY not in session:
        session[WANTS_KEY] = second_factor_enabled(user)
    return record


def session_wants_second_factor(request: HttpRequest) -> bool:
    """Whether this session must pass the second factor: decided when it signed in (no query
    per request), and set when the account turns it on from this very session."""
    return bool(request.session.get(WANTS_KEY))


def session_second_factor_on(request: HttpRequest) -> None:
    request.session[WANTS_KEY] = True


def session_touch(request: HttpRequest) -> None:
    """At most every few minutes, the session's last-seen time (and a record for a session
    signed in before records were kept)."""
    seen = request.session.get(SEEN_KEY)
    if seen is not None and timezone.now().timestamp() - float(seen) < SEEN_EVERY.seconds:
        return
    session_record(request=request, user=request.user)


def sessions_for(*, user: Any) -> list[UserSession]:
    return list(UserSession.objects.filter(user=user))


def session_revoke(*, user: Any, session_id: int) -> None:
    record = UserSession.objects.filter(pk=session_id, user=user).first()
    if record is None:
        raise NotFound("No session with this id.", field="session")
    _store()(session_key=record.session_key).delete()
    record.delete()


def sessions_revoke_others(*, user: Any, keep_key: str | None) -> int:
    """End every signed-in session but ``keep_key``'s; the API tokens issued so far (which
    are sessions too, of apps) stop working as well. Counts the web sessions ended."""
    tokens_revoke(user)
    revoked = 0
    for record in UserSession.objects.filter(user=user).exclude(session_key=keep_key or ""):
        _store()(session_key=record.session_key).delete()
        record.delete()
        revoked += 1
    return revoked


def _on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        session_record(request=request, user=user, at_login=True)


def _on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def connect_signals() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="security-session-login")
    user_logged_out.connect(_on_logout, dispatch_uid="security-session-logout")
