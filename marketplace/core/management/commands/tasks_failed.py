from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from marketplace.core.models import FailedTask


class Command(BaseCommand):
    help = "List background tasks that failed after their last retry (newest first)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="include those already retried")

    def handle(self, *args: Any, **options: Any) -> None:
        tasks = FailedTask.objects.all()
        if not options["all"]:
            tasks = tasks.filter(retried_at__isnull=True)
        if not tasks:
            self.stdout.write("No failed tasks.")
            return
        for task in tasks:
            state = f"retried {task.retried_at:%Y-%m-%d %H:%M}" if task.retried_at else "waiting"
            self.stdout.write(
                f"{task.pk}\t{task.failed_at:%Y-%m-%d %H:%M}\t{task.task_name}\t{state}\t"
                f"{task.error.splitlines()[0][:120] if task.error else ''}"
            )
