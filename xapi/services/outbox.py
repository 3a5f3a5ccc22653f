"""The forwarding outbox: a row per statement and endpoint, written with the
statement; replaying a time range queues a period again."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from ..bulk import StatementRow, insert_outbox
from ..models import ForwardEndpoint, Statement


def outbox_add(rows: list[StatementRow]) -> None:
    endpoints = list(ForwardEndpoint.objects.filter(is_active=True))
    if not endpoints:
        return
    pairs = [
        (endpoint.pk, row.seq)
        for endpoint in endpoints
        for row in rows
        if endpoint.wants(row.track)
    ]
    insert_outbox(pairs)
    from ..tasks import statements_forward

    for endpoint_id in {endpoint_id for endpoint_id, _ in pairs}:
        statements_forward.delay_on_commit(endpoint_id)


@transaction.atomic
def forward_replay(*, endpoint: ForwardEndpoint, since: datetime, until: datetime) -> int:
    """Queue again every statement stored in [since, until) that the endpoint's
    tracks cover; returns how many were queued."""
    rows = Statement.objects.filter(stored__gte=since, stored__lt=until)
    tracks = list(endpoint.tracks or [])
    condition = Q(track__in=tracks)
    if endpoint.include_unscoped:
        condition |= Q(track__isnull=True)
    seqs = list(rows.filter(condition).values_list("seq", flat=True))
    insert_outbox([(endpoint.pk, seq) for seq in seqs])
    if seqs:
        from ..tasks import statements_forward

        statements_forward.delay_on_commit(endpoint.pk)
    return len(seqs)
