from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "marketplace.provenance"
    label = "provenance"
