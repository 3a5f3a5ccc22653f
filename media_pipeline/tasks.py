"""Celery tasks of the media pipeline, routed to the `media` queue by
CELERY_TASK_ROUTES. They take a video's id and call one service; the service is
idempotent, so the task acknowledges late and is requeued if its worker dies."""

import logging
from functools import partial

from billiard.exceptions import SoftTimeLimitExceeded
from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext_lazy as _

from core.tasks import IDEMPOTENT
from core.tasks import retry_countdown as backoff

from . import services, stalls
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


# Exponential backoff with full jitter, capped.
retry_countdown = partial(backoff, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS)


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


@shared_task(name="media_pipeline.tasks.videos_stalled_requeue", **IDEMPOTENT)
def videos_stalled_requeue() -> dict:
    """Periodic (CELERY_BEAT_SCHEDULE), on the default queue: restart the videos
    whose worker died mid-transcode (see stalls.py)."""
    return stalls.videos_stalled_requeue()


@worker_ready.connect
def _remove_stale_scratch_at_start(**_kwargs):
    """A worker starting after a crash removes the scratch its killed runs left."""
    removed = stalls.remove_stale_scratch()
    if removed:
        logger.info("Removed %d stale scratch folder(s): %s", len(removed), ", ".join(removed))
