from __future__ import annotations

from django.db import models
from django_countries.fields import CountryField

from marketplace.core.models import MetadataModel


class Channel(MetadataModel):
    """A market: one currency, the countries it serves, and its own prices."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    currency_code = models.CharField(max_length=3)
    default_country = CountryField()
    countries = CountryField(multiple=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.slug
