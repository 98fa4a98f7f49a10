from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from marketplace.core.backup import backup_restore, backup_verify
from marketplace.core.errors import DomainError


class Command(BaseCommand):
    help = "Restore a backup made by backup_create (replaces the database's contents)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--check", action="store_true", help="only verify the backup")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["folder"])
        try:
            if options["check"]:
                manifest = backup_verify(source=source)
                self.stdout.write(f"Backup of {manifest['created_at']} is complete and intact.")
                return
            if not options["yes"]:
                raise CommandError("Restoring replaces the current data: pass --yes to go on.")
            manifest = backup_restore(source=source)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']}.")
