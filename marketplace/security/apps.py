from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "marketplace.security"
    label = "security"

    def ready(self) -> None:
        from . import sessions

        sessions.connect_signals()
