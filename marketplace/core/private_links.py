"""Signed, expiring links to private documents, for one actor.

A link (``/private/<signed>/``) names a kind of document, the object and the user it was made
for, signed with ``SECRET_KEY`` and valid for ``PRIVATE_URL_SECONDS``. Opening it checks, in
order: the signature and its age, that the caller is the user it was made for, and that this
user may still see the document (the kind's resolver, asked afresh: a suspended manager's
old link stops working). Any failure answers the same 404 as a document that does not exist.

The file is then streamed from the private storage (a folder nothing else serves) or, on S3,
the caller is redirected to a presigned URL of the private bucket that lives as long.
Documents are served as attachments under a sandboxing CSP, never cached by a proxy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.module_loading import import_string

from .media import media_headers
from .private_files import private_storage

SALT = "marketplace.private-document"
# kind → "dotted.path" of resolver(actor=..., object_id=...) -> stored name, or None when
# the actor may not see it (or it does not exist).
RESOLVERS: dict[str, str] = {
    "claim-evidence": "marketplace.provenance.access.claim_evidence_name",
    "vendor-document": "marketplace.vendors.applications.document_name",
}


def _resolver(kind: str) -> Callable[..., str | None]:
    resolver: Callable[..., str | None] = import_string(RESOLVERS[kind])
    return resolver


def private_link(*, kind: str, object_id: int, actor: Any) -> str | None:
    """A signed link to the document for ``actor``, or None when the actor may not see it or
    there is no document. Only the resolver decides: callers never pass a file name."""
    if kind not in RESOLVERS or actor is None or not actor.is_authenticated:
        return None
    if not _resolver(kind)(actor=actor, object_id=object_id):
        return None
    signed = signing.dumps({"k": kind, "o": object_id, "u": actor.pk}, salt=SALT, compress=True)
    return reverse("private-document", args=[signed])


def _name_for(request: HttpRequest, signed: str) -> str:
    try:
        claims = signing.loads(signed, salt=SALT, max_age=settings.PRIVATE_URL_SECONDS)
    except signing.BadSignature:  # SignatureExpired included
        raise Http404 from None
    if not isinstance(claims, dict) or claims.get("k") not in RESOLVERS:
        raise Http404
    user = request.user
    if not user.is_authenticated or user.pk != claims.get("u"):
        raise Http404
    name = _resolver(claims["k"])(actor=user, object_id=claims.get("o"))
    if not name:
        raise Http404
    return name


def private_document(request: HttpRequest, signed: str) -> HttpResponseBase:
    """``/private/<signed>/``: the document, for the user the link was made for."""
    name = _name_for(request, signed)
    storage = private_storage()
    response: HttpResponseBase
    if isinstance(storage, FileSystemStorage):
        if not storage.exists(name):
            raise Http404
        response = FileResponse(storage.open(name, "rb"))
        for header, value in media_headers(name).items():
            response[header] = value
    else:
        headers = media_headers(name)
        disposition = headers.get("Content-Disposition", "inline")
        s3: Any = storage  # S3Storage.url takes the response headers to sign
        url = s3.url(name, parameters={"ResponseContentDisposition": disposition})
        response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
