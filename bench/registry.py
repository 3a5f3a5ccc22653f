"""Finding and running benchmarks by name."""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable
from pathlib import Path

PACKAGE = "bench"
NOT_BENCHMARKS = {"registry"}


def available() -> list[str]:
    folder = Path(__file__).resolve().parent
    return sorted(
        module.name
        for module in pkgutil.iter_modules([str(folder)])
        if not module.name.startswith("_") and module.name not in NOT_BENCHMARKS
    )


def load(name: str) -> Callable[[list[str]], dict]:
    if name not in available():
        raise KeyError(name)
    module = importlib.import_module(f"{PACKAGE}.{name}")
    return module.run


def setup_django() -> None:
    """Benchmarks may use Django (settings, models); local settings by default."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")
    django.setup()


def format_results(results: dict) -> str:
    lines = []
    for key, value in results.items():
        if isinstance(value, float):
            value = f"{value:.3f}"
        lines.append(f"{key}={value}")
    return "\n".join(lines)
