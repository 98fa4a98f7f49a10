"""What every settings module reads the environment with, and where the data lives."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


MARKETPLACE_HOME = Path(
    os.environ.get("MARKETPLACE_HOME") or platformdirs.user_data_dir("artisan-marketplace")
)
