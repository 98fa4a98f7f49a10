from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"

    def ready(self) -> None:
        from marketplace.demo import checks  # noqa: F401 - registers the deploy checks
