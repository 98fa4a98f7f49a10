"""Domain errors: services raise these; the API maps them to ``errors { field code message }``."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. ``code`` is an upper-case error code, ``field`` the input at fault."""

    code = "INVALID"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class NotFound(DomainError):
    """Missing, or not the actor's to see: both answer the same, by design."""

    code = "NOT_FOUND"


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"
