"""/<lang>/account/security/… (storefront/shop/security.py), in the shop's namespace."""

from django.urls import path

from . import security

urlpatterns = [
    path("", security.overview, name="security"),
    path("authenticator/", security.totp_setup, name="security-totp"),
    path("verify/", security.verify, name="security-verify"),
    path("recovery-codes/", security.recovery_renew, name="security-recovery"),
    path("off/", security.disable, name="security-disable"),
    path("sessions/<int:session_id>/end/", security.session_end, name="security-session-end"),
    path("sessions/end-others/", security.sessions_end_others, name="security-sessions-end"),
]
