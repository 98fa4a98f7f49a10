from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Page


def pages_visible(*, see_unpublished: bool) -> QuerySet[Page]:
    pages = Page.objects.all()
    if see_unpublished:
        return pages
    now = timezone.now()
    return pages.filter(Q(published_at__isnull=True) | Q(published_at__lte=now), is_published=True)
