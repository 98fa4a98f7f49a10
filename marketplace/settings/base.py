"""Settings shared by every environment. Everything comes from the environment.

Secure by default: DEBUG is off unless MARKETPLACE_DEBUG=1, hosts are restricted, and
integrations (S3, Redis, Stripe) switch on only when configured.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy

from marketplace.core.database_url import parse_database_url

from .environment import MARKETPLACE_HOME, env_flag, env_list
from .limits import *  # noqa: F403  (holds, throttles, scan flags: limits.py)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_flag("MARKETPLACE_DEBUG")
DEMO_MODE = env_flag("MARKETPLACE_DEMO")


def _secret_key() -> str:
    configured = os.environ.get("SECRET_KEY")
    if configured:
        return configured
    # A per-installation key kept beside the data: never committed, stable across restarts.
    key_file = MARKETPLACE_HOME / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    MARKETPLACE_HOME.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Cross-origin storefronts (a Saleor storefront on another host) that may call /graphql/ from
# a browser, e.g. "https://shop.example.com". None by default; the demo also answers pages
# served from this machine (localhost, any port). Bearer tokens, not cookies, cross origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOWED_ORIGIN_REGEXES = (
    [r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$"] if DEMO_MODE else []
)
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400
PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
# Hosts a client-supplied redirectUrl (password reset, account confirmation and deletion,
# checkout completion) may name, as Saleor calls it; PUBLIC_URL's host and ALLOWED_HOSTS
# (never "*") are always allowed. See marketplace/accounts/redirects.py.
ALLOWED_CLIENT_HOSTS = env_list("ALLOWED_CLIENT_HOSTS")
# True only under marketplace.settings.production: demo conveniences are refused there.
PRODUCTION_SETTINGS = False


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from marketplace.core.embedded_db import embedded_database_url

    return embedded_database_url(MARKETPLACE_HOME)


DATABASES = {"default": parse_database_url(_database_url())}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_flag("DATABASE_CONN_HEALTH_CHECKS", default=True)
# The checkout path's query templates (core/query_templates.py) are prepared statements, so
# PostgreSQL plans them once per connection (a basket's lines: 1.6 ms -> 0.5 ms). Off behind a
# pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env_flag("DATABASE_PREPARED_STATEMENTS", default=True)
# Read replicas (comma-separated URLs): catalog and storefront reads go there, see
# core/db_router.py. A write pins the browser to the primary for REPLICA_PIN_SECONDS.
for _index, _replica_url in enumerate(env_list("DATABASE_REPLICA_URLS")):
    DATABASES[f"replica_{_index}"] = {
        **parse_database_url(_replica_url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": DATABASES["default"]["CONN_HEALTH_CHECKS"],
    }
DATABASE_ROUTERS = ["marketplace.core.db_router.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",  # the staff back office at /admin/ (marketplace/core/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_countries",
    "graphene_django",
    "corsheaders",
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.channels",
    "marketplace.vendors",
    "marketplace.catalog",
    "marketplace.inventory",
    "marketplace.content",
    "marketplace.provenance",
    "marketplace.authenticity",
    "marketplace.packaging",
    "marketplace.checkout",
    "marketplace.discounts",
    "marketplace.shipping",
    "marketplace.payments",
    "marketplace.orders",
    "marketplace.payouts",
    "marketplace.wholesale",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "marketplace.security",
    "storefront",
]

MIDDLEWARE = [
    # Probes answer first: before host validation and the HTTPS redirect (see core/health.py).
    "marketplace.core.health.HealthProbeMiddleware",
    "marketplace.core.request_log.RequestIdMiddleware",
    "marketplace.core.metrics.RequestMetricsMiddleware",
    "marketplace.core.db_router.ReplicaPinMiddleware",
    # A vendor's active custom domain is a known host: before the HTTPS redirect reads it.
    "storefront.custom_domains.CustomDomainMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that answers early
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous catalog queries' cached answers, before sessions and CSRF cost anything.
    "marketplace.graphql.core.response_cache_shortcut.ResponseCacheShortcutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "marketplace.security.middleware.SecondFactorMiddleware",  # two-factor sessions
    "marketplace.core.upload_guard.MultipartGuardMiddleware",  # before CSRF reads a body
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "storefront.csp.ShopContentSecurityPolicy",  # the shop's pages (storefront/csp.py)
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "storefront" / "locale"]
# Kosovo has no ISO 3166-1 code; XK is the user-assigned one that Saleor and carriers use.
COUNTRIES_OVERRIDE = {"XK": gettext_lazy("Kosovo")}

from .storage import *  # noqa: E402, F403  (static files, media, S3: storage.py)
from .tasks import *  # noqa: E402, F403  (Redis, Celery, caches: tasks.py)

# Private certificate signing keys: one PEM file per key id, readable by this user only.
CERTIFICATE_KEY_DIR = Path(
    os.environ.get("CERTIFICATE_KEY_DIR") or MARKETPLACE_HOME / "certificate-keys"
)
# Certificates carry an absolute verification URL (printed as a QR code on the parcel).
CERTIFICATE_BASE_URL = PUBLIC_URL or "http://127.0.0.1:8000"
CERTIFICATE_ISSUER_NAME = os.environ.get("CERTIFICATE_ISSUER_NAME", "Artisan Clusters Marketplace")

# Plugins by dotted path, in order; more arrive through the `marketplace.plugins` entry point.
PLUGINS = env_list(
    "MARKETPLACE_PLUGINS",
    "plugins.cluster_notify.plugin.ClusterNotifyPlugin,"
    "plugins.demo_payments.plugin.DemoPaymentsPlugin,"
    "plugins.stripe_payments.plugin.StripePaymentsPlugin,"
    "plugins.weight_courier.plugin.WeightCourierPlugin",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "marketplace@localhost")
# Without SMTP settings, mail is written to files under MARKETPLACE_HOME/sent-mail to read.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or str(MARKETPLACE_HOME / "sent-mail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
# Or an e-mail service's API through django-anymail: EMAIL_BACKEND names its backend
# (anymail.backends.postmark.EmailBackend, ...mailgun..., ...amazon_ses...) and every
# ANYMAIL_<SETTING> variable becomes ANYMAIL["<SETTING>"] (ANYMAIL_POSTMARK_SERVER_TOKEN,
# ANYMAIL_MAILGUN_API_KEY, ANYMAIL_MAILGUN_SENDER_DOMAIN...); see docs/operations.md.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}

# API tokens (JWT): lifetimes. Their `iss` is the API's absolute URL (PUBLIC_URL + /graphql/,
# else the URL the request came to), as Saleor's auth SDK expects.
JWT_ACCESS_TTL = timedelta(minutes=int(os.environ.get("JWT_ACCESS_TTL_MINUTES", "15")))
JWT_REFRESH_TTL = timedelta(days=int(os.environ.get("JWT_REFRESH_TTL_DAYS", "30")))

# Customs: units of each currency per Special Drawing Right (IMF rates, late 2026), to class
# parcels as CN22 (up to 300 SDR) or CN23. Refresh from the IMF's daily SDR valuation.
CUSTOMS_UNITS_PER_SDR = json.loads(
    os.environ.get("CUSTOMS_UNITS_PER_SDR")
    or '{"EUR": "1.17", "USD": "1.36", "DZD": "177", "TND": "3.99"}'
)

# Payments. Without a Stripe key the demo gateway is on, so the demo can take orders.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # only to point at a fake Stripe
DEMO_PAYMENTS_ENABLED = env_flag("DEMO_PAYMENTS_ENABLED", default=not STRIPE_SECRET_KEY)

# Marketplace money: default commission on a workshop's share, and the default cluster fee.
MARKETPLACE_COMMISSION_RATE = Decimal(os.environ.get("MARKETPLACE_COMMISSION_RATE", "0.12"))
CLUSTER_FEE_RATE = Decimal(os.environ.get("CLUSTER_FEE_RATE", "0.03"))
# Reference rates (units per euro) behind the listing editor's suggested prices per market;
# a suggestion only: the workshop sets every price. "EUR:1,USD:1.08,…"
EXCHANGE_RATES_PER_EUR = {
    code.strip().upper(): Decimal(rate)
    for code, rate in (
        item.split(":", 1)
        for item in env_list(
            "EXCHANGE_RATES_PER_EUR", "EUR:1,USD:1.08,DZD:145.37,TND:3.3571,MAD:10.85"
        )
    )
}

SHOP_NAME = os.environ.get("SHOP_NAME", "Artisan Clusters Marketplace")
SHOP_DESCRIPTION = os.environ.get(
    "SHOP_DESCRIPTION",
    "Hand-made copper, silver and brass from the craft clusters of the Maghreb.",
)
DEFAULT_COUNTRY = os.environ.get("DEFAULT_COUNTRY", "DZ")
DEFAULT_CHANNEL_SLUG = os.environ.get("DEFAULT_CHANNEL_SLUG", "international")

GRAPHQL_PLAYGROUND = DEBUG or DEMO_MODE
GRAPHQL_MAX_PAGE_SIZE = 100
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "12"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "30"))
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "50000"))
# GraphiQL asks for deprecated input fields too: Saleor's schema has inputs whose every field is
# deprecated (PreorderSettingsInput), which would otherwise arrive empty and break the explorer.
GRAPHENE = {
    "SCHEMA": "marketplace.graphql.api.schema",
    "ATOMIC_MUTATIONS": True,
    "GRAPHIQL_INPUT_VALUE_DEPRECATION": True,
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A multipart GraphQL request (an upload) is refused by its Content-Length, before Django reads
# or spools its body, above this: one file of marketplace.core.uploads.UPLOAD_MAX_BYTES (10 MiB)
# and the form around it. Files above FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file.
GRAPHQL_MULTIPART_MAX_BYTES = int(os.environ.get("GRAPHQL_MULTIPART_MAX_BYTES") or 11 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Artisan marketplace")
# The same limit for the web pages' upload forms (marketplace/core/upload_guard.py).
UPLOAD_REQUEST_MAX_BYTES = GRAPHQL_MULTIPART_MAX_BYTES

# /metrics (Prometheus): with METRICS_TOKEN set, scrapers send "Authorization: Bearer <token>".
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# LOG_FORMAT=json: one JSON object a line (for a log collector), each with the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "marketplace.core.request_log.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
