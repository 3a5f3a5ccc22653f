"""Fast inserts of statement rows: PostgreSQL's COPY (with sequence numbers
taken in one query, with the stored-order lock when the caller asks),
bulk_create elsewhere. Used by `statements_store` (every statement, the
platform's and the clients') and by the bulk loader."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from django.db import connection

from .models import Statement, StatementRelation
from .protocol import dumps


@dataclass(slots=True)
class StatementRow:
    """One statement's columns, as COPY writes them: a plain record rather
    than a model instance, whose __init__ costs about 35 µs (a twelfth of the
    time a statement takes to store)."""

    statement_id: str
    data: dict
    verb_id: str
    actor_key: str
    object_activity_id: str
    object_agent_key: str
    object_statement_id: str | None
    registration: str | None
    timestamp: datetime
    stored: datetime
    is_voiding: bool
    track: str | None
    client_id: int | None
    has_attachments: bool
    voided: bool = False
    seq: int | None = None


STATEMENT_COLUMNS = [
    "seq",
    "statement_id",
    "data",
    "verb_id",
    "actor_key",
    "object_activity_id",
    "object_agent_key",
    "object_statement_id",
    "registration",
    "timestamp",
    "stored",
    "voided",
    "is_voiding",
    "track",
    "client_id",
    "has_attachments",
]


def _copy_ok() -> bool:
    return connection.vendor == "postgresql"


def sequence_numbers(count: int, *, lock: int | None = None) -> list[int]:
    """`count` new statement sequence numbers (PostgreSQL), in one query; with
    `lock`, the transaction first takes that advisory lock (held until it ends)."""
    table = Statement._meta.db_table
    locked = "(SELECT pg_advisory_xact_lock(%s)) AS l, " if lock is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'seq')) "  # noqa: S608 (our table name)
            f"FROM {locked}generate_series(1, %s)",
            [lock, count] if lock is not None else [count],
        )
        return [value for (value,) in cursor.fetchall()]


def insert_batch(
    rows: Iterable[StatementRow],
    relations: Callable[[StatementRow], Iterable[tuple[str, str]]],
) -> list[StatementRow]:
    """Insert rows (an iterable: see `insert_statements`) and each row's
    (kind, key) relations; returns the rows, each with its seq."""
    written = insert_statements(rows)
    insert_relations([(row.seq, kind, key) for row in written for kind, key in relations(row)])
    return written


def insert_statements(rows: Iterable[StatementRow]) -> list[StatementRow]:
    """Insert rows and return them, each with its seq.

    On PostgreSQL, COPY sends the rows as the iterable yields them, so the
    server stores the first ones while the caller still prepares the next (the
    two run on different cores); such a row comes with its seq set
    (`sequence_numbers`), or a list of rows without gets its numbers here. An
    exception the iterable raises aborts the COPY and propagates."""
    if not _copy_ok():
        rows = list(rows)
        if not rows:
            return rows
        names = [f.name for f in fields(StatementRow)]
        models = [Statement(**{name: getattr(row, name) for name in names}) for row in rows]
        Statement.objects.bulk_create(models, batch_size=500)
        if models[0].seq is None:  # a backend that does not return ids from inserts
            by_id = {
                str(statement_id): seq
                for statement_id, seq in Statement.objects.filter(
                    statement_id__in=[r.statement_id for r in rows]
                ).values_list("statement_id", "seq")
            }
            for model in models:
                model.seq = by_id[str(model.statement_id)]
        for row, model in zip(rows, models, strict=True):
            row.seq = model.seq
        return rows
    if isinstance(rows, list):
        if not rows:
            return rows
        if any(row.seq is None for row in rows):
            for row, seq in zip(rows, sequence_numbers(len(rows)), strict=True):
                row.seq = seq
    table = Statement._meta.db_table
    written = []
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        columns = ", ".join(STATEMENT_COLUMNS)
        # psycopg's errors become Django's (IntegrityError for a stored id).
        with (
            connection.wrap_database_errors,
            raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if row.seq is None:
                    raise ValueError("a statement row to COPY needs its sequence number")
                copy.write_row(
                    (
                        row.seq,
                        row.statement_id,
                        dumps(row.data).decode(),
                        row.verb_id,
                        row.actor_key,
                        row.object_activity_id,
                        row.object_agent_key,
                        row.object_statement_id,
                        row.registration,
                        row.timestamp,
                        row.stored,
                        row.voided,
                        row.is_voiding,
                        row.track,
                        row.client_id,
                        row.has_attachments,
                    )
                )
                written.append(row)
    return written


def insert_relations(rows: list[tuple[int, str, str]]) -> None:
    """Insert (statement seq, kind, key) rows."""
    if not rows:
        return
    if not _copy_ok():
        StatementRelation.objects.bulk_create(
            [StatementRelation(statement_id=seq, kind=kind, key=key) for seq, kind, key in rows],
            batch_size=1000,
        )
        return
    table = StatementRelation._meta.db_table
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} (statement_id, kind, key) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def insert_outbox(pairs: list[tuple[int, int]]) -> None:
    """Queue (endpoint id, statement seq) pairs, skipping ones already queued."""
    from django.utils import timezone

    from .models import OutboxEntry

    if not pairs:
        return
    if not _copy_ok():
        OutboxEntry.objects.bulk_create(
            [OutboxEntry(endpoint_id=e, statement_id=s) for e, s in pairs],
            batch_size=1000,
            ignore_conflicts=True,
        )
        return
    table = OutboxEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (endpoint_id, statement_id, created_at, attempts) "  # noqa: S608
            "SELECT e, s, %s, 0 FROM unnest(%s::bigint[], %s::bigint[]) AS t(e, s) "
            "ON CONFLICT DO NOTHING",
            [timezone.now(), [e for e, _ in pairs], [s for _, s in pairs]],
        )
