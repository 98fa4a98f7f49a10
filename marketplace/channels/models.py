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
    # A fixed length: the computed one moves with django-countries and the COUNTRIES settings.
    countries = CountryField(multiple=True, blank=True, max_length=1000)
    is_active = models.BooleanField(default=True)
    duties_mode = models.CharField(
        max_length=3,
        choices=[("DDP", "Duties paid at checkout"), ("DAP", "Duties paid at delivery")],
        default="DAP",
        help_text="DDP: the buyer pays estimated duties with the order; DAP: at the door.",
    )

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.slug
