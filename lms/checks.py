"""System checks that turn a broken environment into a clear message at start."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections


@register(Tags.database)
def database_reachable(app_configs=None, databases=None, **kwargs):
    """Run by `manage.py check --database default` (make demo runs it first)."""
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            settings = connection.settings_dict
            where = settings.get("HOST") or settings.get("NAME")
            errors.append(
                Error(
                    f"Cannot connect to the {alias!r} database at {where}: {exc}".strip(),
                    hint="Check DATABASE_URL and that the database server is running.",
                    id="lms.E001",
                )
            )
    return errors


# Cache backends that each process or machine keeps to itself.
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches)
def shared_cache(app_configs=None, **kwargs):
    """In production the sign-in and sign-up limits (accounts/throttle.py) must
    count in one cache for every process, or N workers give N times the tries."""
    if not settings.SAFAR_REQUIRE_SHARED_CACHE:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in UNSHARED_CACHES:
        return [
            Error(
                f"The default cache ({backend.rsplit('.', 1)[-1]}) is not shared between "
                "processes, so sign-in limits would count per process.",
                hint="Set DJANGO_CACHE_URL=redis://HOST:6379/2 (a cache every web process shares).",
                id="lms.E002",
            )
        ]
    return []
