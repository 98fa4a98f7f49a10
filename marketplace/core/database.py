"""Telling "the database is unreachable" apart from "this statement failed".

A request that meets the first deserves HTTP 503 and a retry; the second is a bug or bad input.
Both arrive as Django's ``OperationalError``: the SQLSTATE of the driver's error decides.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError

# Connection exceptions (class 08), server shutting down or starting (57P01-57P03), too many
# connections (53300). Errors without a SQLSTATE never reached a server.
UNAVAILABLE_SQLSTATE_CLASSES = ("08",)
UNAVAILABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300"})


def database_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` says the database cannot be reached (not that a statement failed)."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    sqlstate = getattr(error.__cause__ or error, "sqlstate", None)
    if sqlstate is None:
        return True
    return sqlstate.startswith(UNAVAILABLE_SQLSTATE_CLASSES) or sqlstate in UNAVAILABLE_SQLSTATES
