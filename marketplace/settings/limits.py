"""Limits an operator may tune, each from the environment: stock holds, login and mail
throttles, certificate-scan flagging. Read into every settings module through base.py."""

import os

# Certificate scans (marketplace/authenticity/scans.py): a certificate is flagged for review
# when, within SCAN_FLAG_WINDOW_HOURS, its page is opened from more than SCAN_FLAG_COUNTRIES
# countries, more than SCAN_FLAG_NETWORKS networks (IPv4 /24, IPv6 /48) or more than
# SCAN_FLAG_SCANS times; the same network within SCAN_DEDUPE_MINUTES is one scan. The
# country comes from a header the edge proxy sets (e.g. HTTP_CF_IPCOUNTRY), believed only
# behind TRUSTED_PROXY_COUNT proxies; unset, scans have no country.
SCAN_FLAG_WINDOW_HOURS = int(os.environ.get("SCAN_FLAG_WINDOW_HOURS", "24"))
SCAN_FLAG_COUNTRIES = int(os.environ.get("SCAN_FLAG_COUNTRIES", "3"))
SCAN_FLAG_NETWORKS = int(os.environ.get("SCAN_FLAG_NETWORKS", "8"))
SCAN_FLAG_SCANS = int(os.environ.get("SCAN_FLAG_SCANS", "40"))
SCAN_DEDUPE_MINUTES = int(os.environ.get("SCAN_DEDUPE_MINUTES", "10"))
SCAN_COUNTRY_HEADER = os.environ.get("SCAN_COUNTRY_HEADER", "")

# Checkout: how long a basket holds stock, and the most of one variant per line.
CHECKOUT_RESERVATION_MINUTES = int(os.environ.get("CHECKOUT_RESERVATION_MINUTES", "20"))
# Stock holds (docs/architecture.md, "Stock holds"): a basket holds stock only once it has an
# e-mail and a delivery address (or starts paying); a hold taking a piece's last units lasts
# CHECKOUT_SCARCE_RESERVATION_MINUTES and is never renewed; no hold outlives
# CHECKOUT_RESERVATION_MAX_MINUTES from the basket's first; one client (IP or account) starts
# holds in at most CHECKOUT_HOLDS_PER_CLIENT baskets per CHECKOUT_HOLD_WINDOW_MINUTES.
CHECKOUT_SCARCE_RESERVATION_MINUTES = int(
    os.environ.get("CHECKOUT_SCARCE_RESERVATION_MINUTES", "10")
)
CHECKOUT_RESERVATION_MAX_MINUTES = int(os.environ.get("CHECKOUT_RESERVATION_MAX_MINUTES", "30"))
CHECKOUT_HOLDS_PER_CLIENT = int(os.environ.get("CHECKOUT_HOLDS_PER_CLIENT", "3"))
CHECKOUT_HOLD_WINDOW_MINUTES = int(os.environ.get("CHECKOUT_HOLD_WINDOW_MINUTES", "60"))
# Proxies in front of the app that append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CHECKOUT_MAX_LINE_QUANTITY = int(os.environ.get("CHECKOUT_MAX_LINE_QUANTITY", "50"))

# Throttling (marketplace/core/throttle.py), counted in the cache (Redis with REDIS_URL).
# tokenCreate: after LOGIN_FAILURES_PER_ACCOUNT wrong passwords for one e-mail, or
# LOGIN_FAILURES_PER_IP from one address, within LOGIN_FAILURE_WINDOW_SECONDS, logging in is
# refused for LOGIN_LOCKOUT_SECONDS, doubled at each further failure up to
# LOGIN_LOCKOUT_MAX_SECONDS; a successful password reset lifts an account's lockout.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "3600"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "60"))
LOGIN_LOCKOUT_MAX_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_MAX_SECONDS", "3600"))
# requestPasswordReset: mails per e-mail and requests per IP address, per window.
PASSWORD_RESETS_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESETS_PER_ACCOUNT", "3"))
PASSWORD_RESETS_PER_IP = int(os.environ.get("PASSWORD_RESETS_PER_IP", "10"))
PASSWORD_RESET_WINDOW_SECONDS = int(os.environ.get("PASSWORD_RESET_WINDOW_SECONDS", "3600"))
# accountRegister: registrations per IP address per window.
REGISTRATIONS_PER_IP = int(os.environ.get("REGISTRATIONS_PER_IP", "10"))
REGISTRATION_WINDOW_SECONDS = int(os.environ.get("REGISTRATION_WINDOW_SECONDS", "3600"))
