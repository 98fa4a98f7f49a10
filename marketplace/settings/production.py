"""Production: HTTPS only, secret key required, no GraphiQL or introspection."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_flag

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
GRAPHQL_PLAYGROUND = False
PRODUCTION_SETTINGS = True
# The demo gateway "pays" with card 4242: never on here unless asked for by name (a
# `check --deploy` warning then says so, marketplace.W001).
DEMO_PAYMENTS_ENABLED = env_flag("DEMO_PAYMENTS_ENABLED", default=False)
# Only the storefront origins listed in CORS_ALLOWED_ORIGINS, never the demo's localhost ones.
CORS_ALLOWED_ORIGIN_REGEXES = []
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
# Hashed static file names (collected when the image is built): browsers and CDNs may keep
# each one for a year, and a new release never serves yesterday's CSS under today's name.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "marketplace.core.staticfiles.ManifestStaticStorage"},
}
