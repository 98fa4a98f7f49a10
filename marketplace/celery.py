"""The Celery application: Redis as broker when configured, in-process (eager) otherwise."""

import os

from celery import Celery

from marketplace.core import db_router, metrics

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")

app = Celery("marketplace", task_cls="marketplace.core.tasks:MarketplaceTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
db_router.connect_task_signals()
metrics.connect_task_signals()
