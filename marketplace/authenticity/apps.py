from django.apps import AppConfig


class AuthenticityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "marketplace.authenticity"
    label = "authenticity"
