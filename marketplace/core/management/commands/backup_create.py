from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from marketplace.core.backup import backup_create
from marketplace.core.errors import DomainError


class Command(BaseCommand):
    help = "Back up the database, media, private documents and certificate signing keys."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", help="a new folder to write the backup into")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(target=Path(options["folder"]))
        except DomainError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Backup written to {options['folder']}: database, {counts['media']} media files, "
            f"{counts['private']} private files, {counts.get('certificate_keys', 0)} signing keys."
        )
