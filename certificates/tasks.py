"""Celery task: issue a certificate for a completed enrollment. Idempotent (the
service returns the existing certificate), so it acknowledges late and may run
twice; transient database errors are retried with backoff."""

import logging
import random

from celery import shared_task
from django.db import InterfaceError, OperationalError

from lms.celery import IDEMPOTENT

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
    from courses.models import Enrollment

    enrollment = Enrollment.objects.filter(pk=enrollment_id).first()
    if enrollment is None:
        logger.warning("Enrollment %s is gone: no certificate", enrollment_id)
        return None
    try:
        certificate = services.certificate_issue(enrollment=enrollment)
    except (OperationalError, InterfaceError) as exc:
        countdown = random.uniform(
            0, min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2**self.request.retries)
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    return certificate.serial if certificate else None
