"""Content pages and navigation menus."""

from __future__ import annotations

from django.db import models

from marketplace.core.models import MetadataModel, SeoModel, TranslationModel


class PageType(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)


class Page(MetadataModel, SeoModel):
    """A content page: the marketplace's "about", or a cluster's story."""

    page_type = models.ForeignKey(PageType, on_delete=models.PROTECT, related_name="pages")
    vendor = models.ForeignKey(
        "vendors.Vendor", null=True, blank=True, on_delete=models.CASCADE, related_name="pages"
    )
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    content = models.JSONField(default=dict, blank=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.title


class PageTranslation(TranslationModel, SeoModel):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(max_length=250, blank=True)
    content = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language_code"], name="page_tr_uniq")
        ]


class Menu(MetadataModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ("slug",)


class MenuItem(MetadataModel):
    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    name = models.CharField(max_length=128)
    sort_order = models.IntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    url = models.URLField(max_length=256, blank=True)
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    collection = models.ForeignKey(
        "catalog.Collection", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ("sort_order", "pk")


class MenuItemTranslation(TranslationModel):
    menu_item = models.ForeignKey(MenuItem, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=128)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["menu_item", "language_code"], name="menuitem_tr_uniq")
        ]
