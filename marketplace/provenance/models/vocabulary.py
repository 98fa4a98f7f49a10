"""Controlled, translated vocabularies: techniques and materials (extensible by staff)."""

from __future__ import annotations

from django.db import models

from marketplace.core.models import TranslationModel


class Technique(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class TechniqueTranslation(TranslationModel):
    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=128)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["technique", "language_code"], name="technique_tr_uniq")
        ]


class Material(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class MaterialTranslation(TranslationModel):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=128)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["material", "language_code"], name="material_tr_uniq")
        ]
