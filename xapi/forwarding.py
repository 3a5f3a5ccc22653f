"""Delivering statements to external LRSs from the outbox.

Each outbox row is one statement for one endpoint. A batch is claimed with a
lease (so two workers never send the same rows at once), POSTed as one array,
and its rows deleted only when the other side confirms: 200 for the batch, or,
when the batch is refused with 409/400, statement by statement with PUT, where
204 or 409 (the other side already has that id) both count as delivered.
Nothing is deleted on an error, so an outage loses nothing."""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .downgrade import NotConvertible, to_103
from .models import ForwardEndpoint, OutboxEntry, Statement

logger = logging.getLogger("safar.xapi")

BATCH_SIZE = 100
LEASE = timedelta(minutes=5)
TIMEOUT_SECONDS = 30
# A statement the other side refuses this many times on its own (a 400 for it
# alone) stops being retried; it stays in the outbox, shown in the admin.
MAX_ATTEMPTS = 20


class DeliveryError(Exception):
    """The endpoint could not take the batch now (down, 5xx, refused credentials)."""


def _request(endpoint: ForwardEndpoint, method: str, path: str, body: bytes) -> int:
    url = endpoint.url.rstrip("/") + "/" + path
    if not url.startswith(("http://", "https://")):
        raise DeliveryError(f"{endpoint.url}: only http and https endpoints are supported")
    request = urllib.request.Request(url, data=body, method=method)  # noqa: S310 (checked above)
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Experience-API-Version", endpoint.version)
    if endpoint.username or endpoint.password:
        token = base64.b64encode(f"{endpoint.username}:{endpoint.password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        return exc.code
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise DeliveryError(f"{endpoint.url}: {getattr(exc, 'reason', exc)}") from exc


def pending(endpoint: ForwardEndpoint):
    return OutboxEntry.objects.filter(endpoint=endpoint)


def _claim(endpoint: ForwardEndpoint) -> list[OutboxEntry]:
    now = timezone.now()
    with transaction.atomic():
        rows = (
            pending(endpoint)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
            .filter(attempts__lt=MAX_ATTEMPTS)
            .order_by("id")
        )
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        entries = list(rows[:BATCH_SIZE])
        OutboxEntry.objects.filter(pk__in=[e.pk for e in entries]).update(leased_until=now + LEASE)
    return entries


def _fail(endpoint: ForwardEndpoint, entries: list[OutboxEntry], message: str) -> None:
    from django.db.models import F

    OutboxEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        leased_until=None, attempts=F("attempts") + 1
    )
    ForwardEndpoint.objects.filter(pk=endpoint.pk).update(
        last_error=message[:2000], last_error_at=timezone.now()
    )
    logger.warning("xAPI forwarding to %s failed: %s", endpoint.name, message)


def _delivered(endpoint: ForwardEndpoint, entries: list[OutboxEntry]) -> None:
    OutboxEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
    ForwardEndpoint.objects.filter(pk=endpoint.pk).update(last_success_at=timezone.now())


def _for_wire(statement: dict, endpoint: ForwardEndpoint) -> dict:
    """The statement in the endpoint's version (xapi.downgrade for 1.0.3);
    raises NotConvertible."""
    if endpoint.version.startswith("1."):
        return to_103(statement, convert=endpoint.convert_v2)
    return statement


def _keep_back(endpoint: ForwardEndpoint, refused: list[tuple[OutboxEntry, str]]) -> None:
    """Statements the endpoint's version cannot take as they are: they stay in
    the outbox, counted as refused (never retried), with the reason."""
    OutboxEntry.objects.filter(pk__in=[e.pk for e, _ in refused]).update(
        leased_until=None, attempts=MAX_ATTEMPTS
    )
    entry, reason = refused[0]
    statement_id = (
        Statement.objects.filter(seq=entry.statement_id)
        .values_list("statement_id", flat=True)
        .first()
    )
    message = (
        f"{endpoint.url}: statement {statement_id} not sent to this xAPI "
        f"{endpoint.version} LRS: {reason}"
    )
    ForwardEndpoint.objects.filter(pk=endpoint.pk).update(
        last_error=message[:2000], last_error_at=timezone.now()
    )
    logger.warning("xAPI forwarding to %s: %s", endpoint.name, message)


def forward_batch(*, endpoint: ForwardEndpoint) -> int:
    """Send one batch; returns how many statements were delivered. Raises
    DeliveryError when the endpoint cannot take them now."""
    while True:  # until a batch has something to send, or the backlog is empty
        entries = _claim(endpoint)
        if not entries:
            return 0
        data = dict(
            Statement.objects.filter(seq__in=[e.statement_id for e in entries]).values_list(
                "seq", "data"
            )
        )
        statements, kept_back, sendable = [], [], []
        for entry in entries:
            try:
                statements.append(_for_wire(data[entry.statement_id], endpoint))
                sendable.append(entry)
            except NotConvertible as exc:
                kept_back.append((entry, str(exc)))
        if kept_back:
            _keep_back(endpoint, kept_back)
        entries = sendable
        if entries:
            break
    try:
        status = _request(endpoint, "POST", "statements", json.dumps(statements).encode())
    except DeliveryError as exc:
        _fail(endpoint, entries, str(exc))
        raise
    if 200 <= status < 300:
        _delivered(endpoint, entries)
        return len(entries)
    if status not in (400, 409):
        message = f"{endpoint.url}: HTTP {status} for a batch of {len(entries)}"
        _fail(endpoint, entries, message)
        raise DeliveryError(message)
    # Some of the batch is already there (409) or one statement is refused
    # (400): send them one by one, idempotently by id.
    done, refused = [], []
    for entry, statement in zip(entries, statements, strict=True):
        try:
            one = _request(
                endpoint,
                "PUT",
                f"statements?statementId={statement['id']}",
                json.dumps(statement).encode(),
            )
        except DeliveryError as exc:
            _delivered(endpoint, done) if done else None
            _fail(endpoint, [e for e in entries if e not in done], str(exc))
            raise
        if one in (200, 204, 409):
            done.append(entry)
        else:
            refused.append((entry, one))
    if done:
        _delivered(endpoint, done)
    if refused:
        _fail(
            endpoint,
            [e for e, _ in refused],
            f"{endpoint.url}: refused statement {data[refused[0][0].statement_id]['id']} "
            f"(HTTP {refused[0][1]})",
        )
    return len(done)


def forward_all(*, endpoint: ForwardEndpoint, max_batches: int = 50) -> int:
    """Send batches until the backlog is empty (or max_batches); raises
    DeliveryError on the first failure."""
    total = 0
    for _ in range(max_batches):
        sent = forward_batch(endpoint=endpoint)
        if sent == 0:
            break
        total += sent
    return total


def backlog(endpoint: ForwardEndpoint) -> int:
    return pending(endpoint).count()
