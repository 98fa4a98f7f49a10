"""Static files for production: hashed names, compressed, CSS references rewritten.

Vendored libraries ship minified JavaScript whose ``sourceMappingURL`` names maps we do not
ship; Django's manifest storage would refuse to build over them. Only the references that
load something (CSS ``url()`` and ``@import``) are rewritten to hashed names.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _loading_references() -> tuple[tuple[str, tuple[object, ...]], ...]:
    css = next(entry for entry in HashedFilesMixin.patterns if entry[0] == "*.css")
    kept = tuple(rule for rule in css[1] if "sourceMappingURL" not in str(rule))
    return (("*.css", kept),)


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    patterns = _loading_references()
