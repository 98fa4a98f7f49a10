"""File uploads over GraphQL, after the GraphQL multipart request specification:
a multipart form with ``operations`` (the JSON request), ``map`` (which file goes to which
variable path) and the files themselves.

A multipart request is answered before its body is read when it is larger than
``GRAPHQL_MULTIPART_MAX_BYTES`` (HTTP 413) or comes from nobody logged in (HTTP 403): every
upload needs an account, and Django would otherwise spool the whole body to disk first."""

from __future__ import annotations

import json
from typing import Any

import graphene
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse


class UploadError(ValueError):
    pass


class Upload(graphene.Scalar):
    """A file sent in a multipart request, referenced from a variable."""

    @staticmethod
    def serialize(value: Any) -> None:
        return None

    @staticmethod
    def parse_value(value: Any) -> Any:
        if not isinstance(value, UploadedFile):
            raise UploadError("Expected a file sent with the multipart request.")
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        # A literal is never a file (null is handled before this is called): refusing it here
        # keeps a required Upload from reaching a service as None.
        raise UploadError("A file is sent with a multipart request and named by a variable.")


def _json_error(message: str, code: str, status: int) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def _content_length(request: HttpRequest) -> int:
    """The length Django reads the body up to (it reads nothing when the header is bad)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def multipart_refusal(request: HttpRequest, *, authenticated: bool) -> HttpResponse | None:
    """The answer to a multipart request that must not be read, or None to go on.

    Decided from the headers and the caller alone, so nothing of the body is parsed or
    spooled: a body over the limit is a 413, an anonymous caller a 403.
    """
    if request.content_type != "multipart/form-data":
        return None
    limit: int = settings.GRAPHQL_MULTIPART_MAX_BYTES
    if _content_length(request) > limit:
        return _json_error(
            f"The upload request is larger than the limit of {limit} bytes.",
            "REQUEST_TOO_LARGE",
            413,
        )
    if not authenticated:
        return _json_error(
            "Log in to upload files: uploads are sent by an account.", "PERMISSION_DENIED", 403
        )
    return None


def _place(target: Any, path: list[str], value: Any) -> None:
    for index, part in enumerate(path):
        last = index == len(path) - 1
        key: Any = int(part) if isinstance(target, list) else part
        try:
            if last:
                target[key] = value
            else:
                target = target[key]
        except (KeyError, IndexError, TypeError):
            raise UploadError(
                f"The map names a path that does not exist: {'.'.join(path)}."
            ) from None


def multipart_operations(request: HttpRequest) -> dict[str, Any]:
    """The GraphQL request of a multipart form, with files set into its variables."""
    try:
        operations = json.loads(request.POST["operations"])
        mapping = json.loads(request.POST.get("map", "{}"))
    except KeyError:
        raise UploadError("A multipart GraphQL request needs an `operations` field.") from None
    except ValueError:
        raise UploadError("`operations` and `map` must be JSON.") from None
    if not isinstance(operations, dict) or not isinstance(mapping, dict):
        raise UploadError("`operations` and `map` must be JSON objects (no batching).")
    for file_key, paths in mapping.items():
        upload = request.FILES.get(file_key)
        if upload is None:
            raise UploadError(f"The map names a file {file_key!r} that was not sent.")
        for path in paths if isinstance(paths, list) else []:
            _place(operations, str(path).split("."), upload)
    return operations
