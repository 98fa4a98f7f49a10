from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"

    def ready(self) -> None:
        from marketplace.core import catalog_version
        from marketplace.demo import checks  # noqa: F401 - registers the deploy checks

        catalog_version.connect()  # the response cache's invalidation
