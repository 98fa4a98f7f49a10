"""File uploads over GraphQL, after the GraphQL multipart request specification:
a multipart form with ``operations`` (the JSON request), ``map`` (which file goes to which
variable path) and the files themselves."""

from __future__ import annotations

import json
from typing import Any

import graphene
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest


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
