"""Celery task: issue a certificate for a completed enrollment. Idempotent (the
service returns the existing certificate), so it acknowledges late and may run
twice; transient database errors are retried with backoff."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.tasks import IDEMPOTENT, retry_countdown
from courses.progress import enrollment_get

from . import services

logger = logging.getLogger("safar.certificates")
MAX_RETRIES = 5
RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 10 * 60


@shared_task(
    bind=True,
    name="certificates.tasks.certificate_issue",
    max_retries=MAX_RETRIES,
    soft_time_limit=120,
    time_limit=180,
    **IDEMPOTENT,
)
def certificate_issue(self, enrollment_id: int) -> str | None:
    enrollment = enrollment_get(enrollment_id)
    if enrollment is None:
        logger.warning("Enrollment %s is gone: no certificate", enrollment_id)
        return None
    try:
        certificate = services.certificate_issue(enrollment=enrollment)
    except (OperationalError, InterfaceError) as exc:
        countdown = retry_countdown(
            self.request.retries, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    return certificate.serial if certificate else None


def certificate_issue_schedule(*, enrollment, completion=None) -> None:
    """Listener of course completion (registered in `apps.py`): issue the
    certificate on a worker once the completing transaction commits."""
    certificate_issue.delay_on_commit(enrollment.pk)
