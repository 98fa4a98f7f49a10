"""Artisan Clusters Marketplace: a multi-vendor marketplace in Saleor's GraphQL dialect."""

from .celery import app as celery_app

__all__ = ["celery_app"]
