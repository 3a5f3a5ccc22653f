"""Celery tasks of the media pipeline, routed to the `media` queue by
CELERY_TASK_ROUTES. They take a video's id and call one service; the service is
idempotent, so the task acknowledges late and is requeued if its worker dies."""

import logging
import random

from billiard.exceptions import SoftTimeLimitExceeded
from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _

from lms.celery import IDEMPOTENT

from . import services
from .exceptions import TranscodeError, TransientMediaError

logger = logging.getLogger("safar.media")

# Shorter than the broker's visibility timeout (6 h), longer than the longest
# video accepted (SAFAR_VIDEO_MAX_SECONDS, 3 h by default) takes on one core.
SOFT_TIME_LIMIT = 5 * 60 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 15 * 60
MAX_RETRIES = 5
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 30 * 60
TRANSIENT_ERRORS = (TransientMediaError, OperationalError, InterfaceError)


def retry_countdown(retries: int) -> float:
    """Exponential backoff with full jitter, capped."""
    return random.uniform(0, min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2**retries))


@shared_task(
    bind=True,
    name="media_pipeline.tasks.video_process",
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=MAX_RETRIES,
    **IDEMPOTENT,
)
def video_process(self, video_id: int, force: bool = False) -> str:
    try:
        return services.video_process(video_id=video_id, force=force)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            error = (
                exc
                if isinstance(exc, TransientMediaError)
                else TransientMediaError(detail=repr(exc))
            )
            services.video_mark_failed(video_id=video_id, error=error)
            logger.exception("Video %s: giving up after %d retries", video_id, self.request.retries)
            return "failed"
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        services.video_mark_failed(
            video_id=video_id,
            error=TranscodeError(
                _("Processing took too long. Upload a shorter video or contact the MRC team."),
                detail=f"soft time limit of {SOFT_TIME_LIMIT} s exceeded",
            ),
        )
        return "failed"
