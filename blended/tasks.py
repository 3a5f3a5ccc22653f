"""Celery tasks of face-to-face sessions, each idempotent:
- beat: SMS reminders the day before a session (each session is reminded
  once, `Session.reminded_at`);
- a walk-in's certificate, once the mark that earned it commits (the seat
  keeps it, so a second run returns it)."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.tasks import IDEMPOTENT, retry_countdown

from . import reminders, walk_in_certificates

MAX_RETRIES = 5
RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 10 * 60


@shared_task(name="blended.tasks.session_reminders_send", soft_time_limit=300, **IDEMPOTENT)
def session_reminders_send() -> int:
    return reminders.reminders_send()


@shared_task(
    bind=True,
    name="blended.tasks.walk_in_certificate_issue",
    max_retries=MAX_RETRIES,
    soft_time_limit=120,
    time_limit=180,
    **IDEMPOTENT,
)
def walk_in_certificate_issue(self, registration_id: int) -> str | None:
    """The certificate of a walk-in who completed the course in a session
    (scheduled on commit by the mark or score that earned it)."""
    try:
        certificate = walk_in_certificates.walk_in_certificate_issue(registration_id)
    except (OperationalError, InterfaceError) as exc:
        countdown = retry_countdown(
            self.request.retries, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    return certificate.serial if certificate else None
