"""Reading configuration from the environment, with errors a person can act on.

Everything Safar needs to know about where it runs comes from environment
variables (optionally a `.env` file when DJANGO_READ_DOT_ENV_FILE is true).
The helpers here turn a malformed value into an ImproperlyConfigured that names
the variable, instead of a stack trace in the middle of a request.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

SUPPORTED_DATABASE_SCHEMES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
}


# The embedded SQLite default takes concurrent requests (one phone tapping twice,
# a page and its scripts): write-ahead logging lets readers go on while one
# request writes; every transaction takes the write lock when it begins
# (IMMEDIATE), so two writers queue for up to `timeout` seconds instead of one
# failing with "database is locked" when it upgrades a read to a write.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_url(url: str) -> dict:
    """Parse DATABASE_URL into a Django DATABASES entry, or explain what is wrong."""
    scheme = urlsplit(url).scheme
    if not scheme or "://" not in url:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not a database URL. Use e.g. "
            "postgres://USER:PASSWORD@HOST:5432/NAME or sqlite:////absolute/path.sqlite3"
        )
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses the scheme {scheme!r}, which Safar does not support. "
            f"Supported: {', '.join(sorted(SUPPORTED_DATABASE_SCHEMES))}."
        )
    try:
        config = environ.Env.db_url_config(url)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from exc
    if not config.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} names no database (the path after the host)."
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    config.setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    config["CONN_HEALTH_CHECKS"] = True
    config["ATOMIC_REQUESTS"] = False
    return config


def broker_url(value: str) -> str:
    scheme = urlsplit(value).scheme
    if scheme not in {"filesystem", "redis", "rediss", "amqp", "pyamqp", "memory"}:
        raise ImproperlyConfigured(
            f"CELERY_BROKER_URL uses the scheme {scheme!r}; use redis://HOST:6379/0 "
            "in production or filesystem:// (the default) on one machine."
        )
    return value


def filesystem_broker_options(folder: Path) -> dict:
    """Transport options for kombu's filesystem broker: one folder of messages
    shared by every process on this machine, no server needed."""
    queue, processed, control = folder / "queue", folder / "processed", folder / "control"
    for path in (queue, processed, control, folder / "results"):
        path.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(control),
        "store_processed": False,
    }
