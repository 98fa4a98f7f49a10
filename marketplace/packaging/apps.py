from django.apps import AppConfig


class PackagingConfig(AppConfig):
    name = "marketplace.packaging"
    label = "packaging"
