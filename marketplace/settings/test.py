"""Test settings: an embedded PostgreSQL under .test-home unless DATABASE_URL is set."""

import os
from pathlib import Path

_repo = Path(__file__).resolve().parent.parent.parent
os.environ.setdefault("MARKETPLACE_HOME", str(_repo / ".test-home"))
# Whether importing these settings starts the embedded server: the test session stops it at
# the end only then, and leaves alone a server somebody else started.
EMBEDDED_SERVER_STARTED_HERE = (
    not os.environ.get("DATABASE_URL")
    and not (Path(os.environ["MARKETPLACE_HOME"]) / "postgres" / "postmaster.pid").exists()
)

from .base import *  # noqa: E402, F403
from .base import MARKETPLACE_HOME, env_flag  # noqa: E402

DEBUG = False
GRAPHQL_PLAYGROUND = True
MEDIA_ROOT = MARKETPLACE_HOME / "test-media"
CERTIFICATE_KEY_DIR = MARKETPLACE_HOME / "test-certificate-keys"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Eager unless a test starts a real worker (tests/deploy/test_worker.py sets it to 0 there).
CELERY_TASK_ALWAYS_EAGER = env_flag("CELERY_TASK_ALWAYS_EAGER", default=True)
# The storefront hosts the tests send mailed links to (redirectUrl allow-list).
ALLOWED_CLIENT_HOSTS = ["shop.example", "shop.example.com"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MARKETPLACE_HOME / "test-private-media")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RESPONSE_CACHE_ENABLED = False  # tests/api/test_response_cache.py turns it on
