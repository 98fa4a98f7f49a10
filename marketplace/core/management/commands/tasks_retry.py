from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from marketplace.core.models import FailedTask


class Command(BaseCommand):
    help = "Send failed background tasks again, by id (see tasks_failed) or --all waiting."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from marketplace.celery import app

        if not options["ids"] and not options["all"]:
            raise CommandError("Name the failed tasks to retry by id, or pass --all.")
        tasks = FailedTask.objects.filter(retried_at__isnull=True)
        if options["ids"]:
            tasks = tasks.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(tasks.values_list("pk", flat=True))
            if missing:
                raise CommandError(
                    f"No waiting failed task with id {', '.join(map(str, sorted(missing)))}."
                )
        for task in tasks:
            if task.task_name not in app.tasks:
                raise CommandError(f"Task {task.task_name} no longer exists; nothing was sent.")
        sent = 0
        for task in tasks:
            app.tasks[task.task_name].apply_async(args=task.args, kwargs=task.kwargs)
            task.retried_at = timezone.now()
            task.save(update_fields=["retried_at"])
            sent += 1
        self.stdout.write(f"Sent {sent} task(s) again.")
