"""Static files, media and private documents: local folders, or S3 buckets when configured.
Read into every settings module through base.py."""

from __future__ import annotations

import os
from pathlib import Path

from .environment import MARKETPLACE_HOME, env_flag

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or MARKETPLACE_HOME / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or MARKETPLACE_HOME / "media")
SERVE_MEDIA = env_flag("SERVE_MEDIA", default=True)

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        # S3Storage that sets each object's type and disposition from its extension.
        "BACKEND": "marketplace.core.media.PublicMediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_flag("AWS_QUERYSTRING_AUTH"),
            "file_overwrite": False,
            # Names are never reused (file_overwrite off): a CDN may keep each file for good.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Private documents (claim evidence, payout files, statements, customs papers) never sit
# in the public bucket: a bucket of their own, reached only by short-lived signed URLs.
AWS_PRIVATE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_BUCKET_NAME", "")
PRIVATE_URL_SECONDS = int(os.environ.get("PRIVATE_URL_SECONDS", "300"))
if AWS_PRIVATE_BUCKET_NAME:
    _private_storage = {
        "BACKEND": "marketplace.core.media.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_PRIVATE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "querystring_auth": True,
            "querystring_expire": PRIVATE_URL_SECONDS,
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Outside MEDIA_ROOT: nothing serves this folder.
        "OPTIONS": {"location": str(MARKETPLACE_HOME / "private-media")},
    }
STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
