from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "marketplace.shipping"
    label = "shipping"
