"""Abstract building blocks shared by domain models."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS


class MetadataModel(models.Model):
    """Public and private key/value metadata, as Saleor exposes it."""

    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class SeoModel(models.Model):
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


class TranslationModel(models.Model):
    """One row per object and language; the default language lives on the object itself."""

    language_code = models.CharField(max_length=10, choices=settings.LANGUAGES)

    class Meta:
        abstract = True


def money_field(**kwargs: Any) -> models.DecimalField:
    """An amount column wide and precise enough for every currency we sell in (TND: 3 places)."""
    return models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, **kwargs
    )


class FailedTask(models.Model):
    """A background task that failed after its last retry, kept until a person retries it."""

    task_id = models.CharField(max_length=255, unique=True)
    task_name = models.CharField(max_length=255)
    queue = models.CharField(max_length=64, blank=True)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    error = models.TextField()
    traceback = models.TextField(blank=True)
    failed_at = models.DateTimeField(auto_now=True)
    retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-failed_at", "pk")

    def __str__(self) -> str:
        return f"{self.task_name} [{self.task_id}]"
