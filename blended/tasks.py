"""Celery beat task: SMS reminders the day before a session (idempotent: each
session is reminded once, `Session.reminded_at`)."""

from celery import shared_task

from core.tasks import IDEMPOTENT

from . import reminders


@shared_task(name="blended.tasks.session_reminders_send", soft_time_limit=300, **IDEMPOTENT)
def session_reminders_send() -> int:
    return reminders.reminders_send()
