"""Activity definitions: the canonical definition of each activity, merged
from every statement that targets it (the Activities resource answers it)."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from ..models import ActivityDefinition
from ..protocol import dumps


# One round trip on PostgreSQL: insert new definitions; merge into known ones
# (name and description maps key by key, the other keys replaced) where the
# merge changes the stored definition. The join first keeps only those: a
# platform re-sending the definitions the LRS has (the usual case) costs index
# lookups, no speculative insert and no row lock.
def _merged(old: str, new: str) -> str:
    return f"""{old}.definition || {new}.definition || jsonb_strip_nulls(jsonb_build_object(
    'name', CASE WHEN {old}.definition ? 'name' AND {new}.definition ? 'name'
        THEN ({old}.definition -> 'name') || ({new}.definition -> 'name') END,
    'description', CASE WHEN {old}.definition ? 'description' AND {new}.definition ? 'description'
        THEN ({old}.definition -> 'description') || ({new}.definition -> 'description') END
))"""


DEFINITIONS_UPSERT = f"""
WITH n AS (SELECT key AS a, value AS definition FROM jsonb_each(%s::jsonb)),
todo AS (
    SELECT n.a, n.definition FROM n LEFT JOIN xapi_activitydefinition AS o ON o.activity_id = n.a
    WHERE o.id IS NULL OR {_merged("o", "n")} <> o.definition
)
INSERT INTO xapi_activitydefinition AS t (activity_id, definition, updated_at)
SELECT a, definition, %s FROM todo
ON CONFLICT (activity_id) DO UPDATE SET
    definition = {_merged("t", "EXCLUDED")}, updated_at = EXCLUDED.updated_at
WHERE {_merged("t", "EXCLUDED")} <> t.definition
"""  # noqa: S608 (constant text; the values are bound)


def definition_merged(old: dict | None, new: dict) -> dict:
    """An activity's canonical definition after one more statement: the name and
    description language maps merged key by key, the other keys replaced."""
    if not old:
        return new
    merged = {**old, **new}
    for key in ("name", "description"):
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            merged[key] = {**old[key], **new[key]}
    return merged


def definitions_merge(definitions: dict[str, dict]) -> None:
    if not definitions:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                DEFINITIONS_UPSERT,
                # One JSON object {activity id: definition}: psycopg would
                # escape every quote of a jsonb[] array's elements in Python.
                [dumps(definitions).decode(), timezone.now()],
            )
        return
    known = {
        d.activity_id: d
        for d in ActivityDefinition.objects.filter(activity_id__in=list(definitions))
    }
    for activity_id, definition in definitions.items():
        row = known.get(activity_id)
        if row is None:
            ActivityDefinition.objects.get_or_create(
                activity_id=activity_id, defaults={"definition": definition}
            )
        else:
            merged = definition_merged(row.definition, definition)
            if merged != row.definition:
                row.definition = merged
                row.save(update_fields=["definition", "updated_at"])
