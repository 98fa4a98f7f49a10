from django.apps import AppConfig


class WholesaleConfig(AppConfig):
    name = "marketplace.wholesale"
    label = "wholesale"
