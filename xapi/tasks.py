"""Forwarding to external LRSs. The task takes an endpoint's id, sends its
outbox in batches and, when the endpoint is down, retries with exponential
backoff (capped at an hour, without end: the outbox keeps every statement)."""

from functools import partial

from celery import shared_task

from core.tasks import IDEMPOTENT
from core.tasks import retry_countdown as backoff

from .forwarding import DeliveryError, forward_all
from .models import ForwardEndpoint

RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 60 * 60


# Never sooner than half the delay: an endpoint that is down stays down a while.
retry_countdown = partial(backoff, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS, jitter="equal")


@shared_task(bind=True, name="xapi.tasks.statements_forward", max_retries=None, **IDEMPOTENT)
def statements_forward(self, endpoint_id: int) -> int:
    endpoint = ForwardEndpoint.objects.filter(pk=endpoint_id, is_active=True).first()
    if endpoint is None:
        return 0
    try:
        sent = forward_all(endpoint=endpoint)
    except DeliveryError as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
    if sent and endpoint.outbox.exists():
        statements_forward.delay(endpoint_id)  # more than one call's worth
    return sent


@shared_task(name="xapi.tasks.statements_forward_all", **IDEMPOTENT)
def statements_forward_all() -> int:
    """For a periodic schedule (celery beat or cron via `manage.py xapi_forward`):
    start a delivery for every endpoint with a backlog."""
    ids = list(
        ForwardEndpoint.objects.filter(is_active=True, outbox__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for endpoint_id in ids:
        statements_forward.delay(endpoint_id)
    return len(ids)
