"""marketplace manage certificate_key_rotate"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from marketplace.provenance.signing import signing_key_rotate


class Command(BaseCommand):
    help = "Start signing new certificates with a fresh key; old keys stay published."

    def handle(self, *args: Any, **options: Any) -> None:
        key = signing_key_rotate()
        self.stdout.write(f"New signing key {key.kid} is active.")
