"""Processing whose worker died: found by its silence, started again.

A run reports progress (and so touches `Video.updated_at`) every few seconds
while ffmpeg works (services._progress_updater). When a worker's main process
is killed, its message may be lost (kombu's filesystem broker has no visibility
timeout) or only come back hours later (Redis: the 6-hour visibility timeout),
and the video would stay "Processing (24%)" with nothing to press. So the
periodic task `videos_stalled_requeue` (CELERY_BEAT_SCHEDULE, every 2 minutes)
calls `videos_stalled_requeue` below:

- a video processing with no progress for SAFAR_VIDEO_STALL_MINUTES is
  requeued (`force=True`), its claim dropped so the silent run can publish
  nothing, at most SAFAR_VIDEO_STALL_REQUEUES times in a row; after that it is
  failed with "Try again" (a file that kills its worker each time stops there);
- each decision is taken on the row locked and checked again, and touches it,
  so sweeps running at once or twice in a row requeue it once;
- scratch folders left by killed runs on this machine are removed (also when a
  worker starts: `remove_stale_scratch`, connected to `worker_ready`).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import scratch
from .exceptions import StalledError
from .models import Video

logger = logging.getLogger("safar.media")


def stall_cutoff(now=None):
    return (now or timezone.now()) - timedelta(minutes=settings.SAFAR_VIDEO_STALL_MINUTES)


def remove_stale_scratch() -> list[str]:
    """This machine's scratch folders untouched for the stall time (killed runs)."""
    return scratch.stale_remove(
        scratch.root(settings.SAFAR_VIDEO_WORK_DIR),
        older_than_seconds=settings.SAFAR_VIDEO_STALL_MINUTES * 60,
    )


def videos_stalled_requeue(*, now=None) -> dict[str, list[int]]:
    """Requeue (or, past the limit, fail) every stalled video; which ones."""
    from .services import video_mark_failed, video_processing_schedule

    cutoff = stall_cutoff(now)
    done: dict[str, list[int]] = {"requeued": [], "failed": []}
    candidates = Video.objects.filter(status=Video.Status.PROCESSING, updated_at__lt=cutoff)
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            video = (
                Video.objects.select_for_update()
                .filter(pk=pk, status=Video.Status.PROCESSING, updated_at__lt=cutoff)
                .first()
            )
            if video is None:  # it moved on, or another sweep took it
                continue
            if video.stall_requeues >= settings.SAFAR_VIDEO_STALL_REQUEUES:
                video_mark_failed(
                    video_id=pk,
                    error=StalledError(
                        detail=f"no progress since {video.updated_at.isoformat()}; "
                        f"requeued {video.stall_requeues} times"
                    ),
                )
                done["failed"].append(pk)
                continue
            video.stall_requeues += 1
            video.processing_token = None  # the silent run, if alive, publishes nothing
            video.status_message = _(
                "Processing stopped at %(percent)d%% and was started again automatically."
            ) % {"percent": video.progress}
            video.save(
                update_fields=["stall_requeues", "processing_token", "status_message", "updated_at"]
            )
            video_processing_schedule(video=video, force=True)
            done["requeued"].append(pk)
    for pk in done["requeued"]:
        logger.warning("Video %s: processing stalled; requeued", pk)
    for pk in done["failed"]:
        logger.warning("Video %s: processing stalled again; marked failed", pk)
    remove_stale_scratch()
    return done
