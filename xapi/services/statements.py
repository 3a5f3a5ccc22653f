"""Statements in: `statements_store` is the one way a statement gets into the
LRS, for the platform's own statements and for those clients POST or PUT; it
runs in the caller's transaction, so a statement (and its forwarding outbox
rows) exists if and only if the event that caused it does."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .. import validation
from ..bulk import StatementRow, insert_batch, sequence_numbers
from ..exceptions import Conflict, ValidationError
from ..identity import agent_key, comparable, with_arrays
from ..models import Attachment, LRSClient, Statement
from .definitions import definition_merged, definitions_merge
from .outbox import outbox_add

TRACKS = ("migrant", "staff")


def platform_authority() -> dict:
    return {
        "objectType": "Agent",
        "name": "Safar",
        "account": {"homePage": settings.SITE_URL, "name": "safar"},
    }


def client_authority(client: LRSClient) -> dict:
    return {
        "objectType": "Agent",
        "name": client.name,
        "account": {"homePage": settings.SITE_URL, "name": f"lrs-client:{client.key}"},
    }


def track_iri(track: str) -> str:
    return f"{settings.SITE_URL}/xapi/activities/track/{track}"


def _context_activities(context: dict) -> list[dict]:
    found = []
    for items in (context.get("contextActivities") or {}).values():
        found.extend(items if isinstance(items, list) else [items])
    return found


def _relations(statement: dict) -> tuple[set[str], set[str]]:
    """The activity ids and agent keys a statement mentions besides its own
    actor and object (related_* filters). The statement's actor and object are
    in its indexed columns (actor_key, object_activity_id, object_agent_key),
    which the related_* queries also search: repeating them here would cost two
    more index entries per statement for nothing. Group members, sub-statements,
    context and authority are only here."""
    activities: set[str] = set()
    agents: set[str] = set()

    def add_agent(agent, *, itself=True):
        if agent:
            if itself:
                agents.add(agent_key(agent))
            for member in agent.get("member", []):
                agents.add(agent_key(member))

    def walk(body, *, top):
        add_agent(body.get("actor"), itself=not top)
        target = body.get("object", {})
        kind = target.get("objectType", "Activity")
        if kind == "Activity":
            if not top:
                activities.add(target["id"])
        elif kind in ("Agent", "Group"):
            add_agent(target, itself=not top)
        elif kind == "SubStatement":
            walk(target, top=False)
        context = body.get("context") or {}
        add_agent(context.get("instructor"))
        add_agent(context.get("team"))
        for item in context.get("contextAgents", []):
            add_agent(item.get("agent"))
        for item in context.get("contextGroups", []):
            add_agent(item.get("group"))
        for item in _context_activities(context):
            activities.add(item["id"])

    walk(statement, top=True)
    add_agent(statement.get("authority"))
    return activities, agents


def _track_of(statement: dict, client: LRSClient | None) -> str | None:
    """The track a client's statement belongs to: the client's only track when it
    has one; else the track activity named in its context; else None (unscoped,
    readable only by clients that may read every track)."""
    if client is not None and len(client.tracks or []) == 1:
        return client.tracks[0]
    track_iris = {track_iri(track): track for track in TRACKS}
    for item in _context_activities(statement.get("context") or {}):
        if item.get("id") in track_iris:
            return track_iris[item["id"]]
    return None


def _row(statement: dict, *, track: str | None, client: LRSClient | None) -> StatementRow:
    """A prepared statement's columns. The UUIDs go as the text the statement
    holds (validated; the database's uuid type reads every form of it). Without
    a `track`, the statement's own (`_track_of`)."""
    target = statement["object"]
    kind = target.get("objectType", "Activity")
    registration = (statement.get("context") or {}).get("registration")
    stored = datetime.fromisoformat(statement["stored"])
    return StatementRow(
        statement_id=statement["id"],
        data=statement,
        verb_id=statement["verb"]["id"],
        actor_key=agent_key(statement["actor"]),
        object_activity_id=target["id"] if kind == "Activity" else "",
        object_agent_key=agent_key(target) if kind in ("Agent", "Group") else "",
        object_statement_id=target["id"] if kind == "StatementRef" else None,
        registration=registration,
        timestamp=(
            stored
            if statement["timestamp"] == statement["stored"]
            else validation.timestamp(statement["timestamp"], "timestamp", version="1.0.3")
        ),
        stored=stored,
        is_voiding=statement["verb"]["id"] == validation.VOIDED,
        track=track if track is not None else _track_of(statement, client),
        client_id=client.pk if client is not None else None,
        has_attachments=bool(statement.get("attachments")),
    )


def prepare(
    statement: dict,
    *,
    authority: dict,
    stored: datetime,
    version: str = "1.0.3",
    validate: bool = True,
) -> dict:
    """Validate one statement (unless done already) and complete what the LRS
    sets: id, timestamp, stored, authority, version."""
    if validate:
        validation.statement(statement, version=version)
    statement = dict(with_arrays(statement))
    statement["id"] = (
        validation.canonical_uuid(statement["id"]) if "id" in statement else str(uuid.uuid4())
    )
    stored_text = stored.isoformat().replace("+00:00", "Z")
    statement.setdefault("timestamp", stored_text)
    statement["stored"] = stored_text
    statement["authority"] = authority
    statement.setdefault("version", "2.0.0" if version.startswith("2.") else "1.0.0")
    return statement


def _same(incoming: dict, existing: dict) -> bool:
    if "timestamp" not in incoming:
        existing = {k: v for k, v in existing.items() if k != "timestamp"}
    return comparable(incoming) == comparable(existing)


def _check_attachments(statements: list[dict], attachments: dict[str, tuple[str, bytes]]):
    declared = set()
    for statement in statements:
        for item in statement.get("attachments", []):
            if "fileUrl" in item and item["sha2"] not in attachments:
                continue
            if item["sha2"] not in attachments:
                raise ValidationError(
                    f"attachment {item['sha2']}: no part with this X-Experience-API-Hash was sent"
                )
            declared.add(item["sha2"])
            if item["usageType"] == validation.SIGNATURE_USAGE:
                from ..signatures import verify_signed_statement

                verify_signed_statement(statement, attachments[item["sha2"]])
    extra = set(attachments) - declared
    if extra:
        raise ValidationError(
            f"attachment part {sorted(extra)[0]} does not match any attachment of the statements"
        )


# Statements are returned in the order of their sequence number, and "ascending"
# means by stored time: the two must agree when writers run at once. On
# PostgreSQL a transaction takes this lock and its sequence numbers (one
# query), then reads the clock for `stored`, and holds the lock until it
# commits, so a batch that reads the clock later also gets the higher numbers.
# The batch is validated after that, statement by statement, while the rows
# already validated go to the database: validating takes no longer than the
# insert it runs beside, so the lock is held about as long as before.
STORED_ORDER_LOCK = 0x78617069  # "xapi"


def _stored_now(count: int) -> tuple[datetime, list[int] | None]:
    """The stored time of a batch of `count` statements and, on PostgreSQL,
    their sequence numbers (None elsewhere: the insert assigns them)."""
    seqs = None
    if connection.vendor == "postgresql":
        seqs = sequence_numbers(count, lock=STORED_ORDER_LOCK)
    return timezone.now(), seqs


class _AlreadyStored(Exception):
    """An id of the batch is stored already (the transaction is rolled back)."""


def statements_store(
    statements: list[dict],
    *,
    client: LRSClient | None = None,
    track: str | None = None,
    version: str = "1.0.3",
    attachments: dict[str, tuple[str, bytes]] | None = None,
) -> list[str]:
    """Store statements (all or none) and queue them for forwarding; returns
    their ids in order. Raises ValidationError (400) or Conflict (409)."""
    args = {"client": client, "track": track, "version": version, "attachments": attachments}
    statements = list(statements)
    if connection.in_atomic_block:  # inside the event's transaction: a savepoint
        return _statements_store(statements, **args, own_transaction=False)
    # A transaction of its own (a client's POST): the insert needs no savepoint
    # (two round trips); when it meets a stored id, the whole transaction rolls
    # back and runs again, comparing first.
    try:
        return _statements_store(statements, **args, own_transaction=True)
    except _AlreadyStored:
        return _statements_store(statements, **args, own_transaction=False)


@transaction.atomic
def _statements_store(
    statements: list[dict],
    *,
    client: LRSClient | None,
    track: str | None,
    version: str,
    attachments: dict[str, tuple[str, bytes]] | None,
    own_transaction: bool,
) -> list[str]:
    authority = client_authority(client) if client is not None else platform_authority()
    incoming = list(statements)
    if not incoming:
        return []
    now, seqs = _stored_now(len(incoming))
    prepared: list[dict] = []
    rows_in = _prepared_rows(
        incoming,
        prepared,
        authority=authority,
        now=now,
        version=version,
        track=track,
        client=client,
        seqs=seqs,
    )
    # Optimistic: a fresh id (the usual case) costs no lookup; only when the
    # insert meets an id already stored does the LRS compare (204/200 for the
    # same statement, 409 for a different one) and store the others.
    try:
        if own_transaction:
            try:
                rows = _insert(rows_in)
            except IntegrityError as exc:
                raise _AlreadyStored from exc
        else:
            with transaction.atomic():
                rows = _insert(rows_in)
        new = prepared
    except IntegrityError:
        for _ in rows_in:  # the rest of the batch, should the insert have failed before its end
            pass
        ids = [s["id"] for s in prepared]
        new = _not_stored(incoming, prepared, ids)
        if not new:
            _check_attachments(prepared, attachments or {})
            return ids
        rows = _rows(new, track=track, client=client, seqs=seqs)
        try:
            with transaction.atomic():
                rows = _insert(rows)
        except IntegrityError as exc:
            raise Conflict("a statement with one of these ids was stored at the same time") from exc
    ids = [s["id"] for s in prepared]
    _check_attachments(prepared, attachments or {})
    _void(new, ids)
    definitions = {}
    for statement in new:
        target = statement["object"]
        if target.get("objectType", "Activity") == "Activity" and target.get("definition"):
            definitions[target["id"]] = definition_merged(
                definitions.get(target["id"]), target["definition"]
            )
    definitions_merge(definitions)
    if attachments:
        Attachment.objects.bulk_create(
            [
                Attachment(sha2=sha2, content_type=content_type, content=content)
                for sha2, (content_type, content) in attachments.items()
            ],
            ignore_conflicts=True,
        )
    outbox_add(rows)
    return ids


def _prepared_rows(
    incoming: list[dict],
    prepared: list[dict],
    *,
    authority: dict,
    now: datetime,
    version: str,
    track: str | None,
    client: LRSClient | None,
    seqs: list[int] | None,
):
    """Validate and prepare each statement (appended to `prepared`) and yield
    its row as it is ready: the insert sends a row to the database while the
    next is validated. Raises ValidationError at the first invalid statement."""
    seen = set()
    for i, statement in enumerate(incoming):
        statement = prepare(statement, authority=authority, stored=now, version=version)
        if statement["id"] in seen:
            raise ValidationError("the batch has two statements with the same id")
        seen.add(statement["id"])
        prepared.append(statement)
        row = _row(statement, track=track, client=client)
        if seqs is not None:
            row.seq = seqs[i]
        yield row


def _insert(rows) -> list[StatementRow]:
    return insert_batch(rows, _relation_keys)


def _rows(
    statements: list[dict],
    *,
    track: str | None,
    client: LRSClient | None,
    seqs: list[int] | None,
) -> list[StatementRow]:
    rows = [_row(s, track=track, client=client) for s in statements]
    for row, seq in zip(rows, seqs or (), strict=False):
        row.seq = seq
    return rows


def _relation_keys(row: StatementRow) -> list[tuple[str, str]]:
    """What the statements' relations table holds of a row (related_* filters)."""
    activities, agents = _relations(row.data)
    return [("activity", key[:1024]) for key in activities] + [
        ("agent", key[:1024]) for key in agents
    ]


def _not_stored(incoming: list[dict], prepared: list[dict], ids: list[str]) -> list[dict]:
    """The statements of a batch whose ids are not stored yet; Conflict when
    one that is stored differs from the one sent."""
    existing = {
        str(row.statement_id): row.data
        for row in Statement.objects.filter(statement_id__in=ids).only("statement_id", "data")
    }
    new = []
    for original, statement in zip(incoming, prepared, strict=True):
        if statement["id"] in existing:
            if not _same({**original, "id": statement["id"]}, existing[statement["id"]]):
                raise Conflict(f"statement {statement['id']} already exists with different content")
            continue
        new.append(statement)
    return new


def _void(new: list[dict], batch_ids: list[str]) -> None:
    """Mark the targets of the batch's voiding statements voided (run after
    the batch is inserted: its own statements are neither voided nor counted)."""
    targets = [s["object"]["id"] for s in new if s["verb"]["id"] == validation.VOIDED]
    if not targets:
        return
    voiding_in_batch = {s["id"] for s in new if s["verb"]["id"] == validation.VOIDED}
    for target in targets:
        if target in voiding_in_batch:
            raise ValidationError(f"statement {target} is a voiding statement: it cannot be voided")
    stored_before = Statement.objects.filter(statement_id__in=targets).exclude(
        statement_id__in=batch_ids
    )
    if stored_before.filter(is_voiding=True).exists():
        raise ValidationError("a voiding statement cannot be voided")
    stored_before.update(voided=True)
