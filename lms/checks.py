"""System checks that turn a broken environment into a clear message at start."""

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
