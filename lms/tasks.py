"""Diagnostics: lets an operator (and the test suite) prove that a worker on some
machine shares the web's database and broker."""

from celery import shared_task
from django.contrib.auth import get_user_model

from .celery import IDEMPOTENT


@shared_task(name="lms.tasks.worker_ping", **IDEMPOTENT)
def worker_ping(user_id: int | None = None) -> dict:
    """Answer from a worker: its database vendor, and the username for user_id
    (None if no such user is visible to the worker)."""
    from django.db import connection

    username = None
    if user_id is not None:
        username = (
            get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first()
        )
    return {"database": connection.vendor, "username": username}
