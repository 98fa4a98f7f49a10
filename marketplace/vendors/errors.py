"""The vendors domain's error codes (``VendorErrorCode`` in the API)."""

from __future__ import annotations

VENDOR_ERROR_CODES = [
    "GRAPHQL_ERROR",
    "INVALID",
    "NOT_FOUND",
    "REQUIRED",
    "UNIQUE",
    "PERMISSION_DENIED",
    "ALREADY_APPLIED",
    "INVALID_STATUS",
    "NOT_MODERATED",
    "INVITATION_USED",
    "INVITATION_EXPIRED",
    "INVITATION_FOR_ANOTHER_ADDRESS",
]
