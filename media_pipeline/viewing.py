"""Writes about viewings: one player event merged into the viewing session and
the learner's log. What a viewing means for a lesson (statements, completion)
is decided above the pipeline (`courses.services.video_view_record`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import VideoEventError
from .models import Video, VideoViewLog, VideoViewSession
from .selectors import video_watched


def merge_segments(segments) -> list[list[float]]:
    """Union of [start, end] intervals, sorted, touching ones joined."""
    merged: list[list[float]] = []
    for start, end in sorted((float(s), float(e)) for s, e in segments if e > s):
        if merged and start <= merged[-1][1] + 0.25:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [[round(s, 3), round(e, 3)] for s, e in merged]


def _covered(segments) -> float:
    return sum(end - start for start, end in segments)


VERBS = ("played", "paused", "seeked", "completed", "terminated")


@dataclass(frozen=True)
class Viewing:
    """One player event as recorded: the learner's log, the viewing session
    (`new_session` when this event opened it), the event's verb, its played
    segments clipped to the video, the reported position and the log's position
    before it, and whether the video counts as watched since this event."""

    video: Video
    log: VideoViewLog
    session: VideoViewSession
    new_session: bool
    verb: str
    segments: list
    position: float | None
    previous_position: float | None
    watched_now: bool


def video_viewing_record(
    *,
    user,
    video: Video,
    session_id: uuid.UUID,
    verb: str,
    segments: list[tuple[float, float]],
    position: float | None = None,
) -> Viewing:
    """Record one player event: merge its played segments into the viewing
    session and the learner's log; mark the video watched (once) when the
    segments cover SAFAR_VIDEO_WATCHED_FRACTION of it. What the viewing means
    for a lesson (statements, completion) is decided by the caller
    (`courses.services.video_view_record`)."""
    if verb not in VERBS:
        raise VideoEventError(_("Unknown event."))
    if video.status != Video.Status.READY or not video.duration_seconds:
        raise VideoEventError(_("This video is not ready yet."))
    duration = video.duration_seconds
    for start, end in segments:
        if start < 0 or end < 0:
            raise VideoEventError(_("Times cannot be negative."))
        if end < start:
            raise VideoEventError(_("A played segment cannot end before it starts."))
        if end > duration + 2.0:
            raise VideoEventError(_("A played segment cannot end after the video ends."))
    clipped = [(start, min(end, duration)) for start, end in segments]
    with transaction.atomic():
        log, _created = VideoViewLog.objects.get_or_create(user=user, video=video)
        log = VideoViewLog.objects.select_for_update().get(pk=log.pk)
        session, new_session = VideoViewSession.objects.get_or_create(
            log=log, session_id=session_id
        )
        previous_position = log.last_position
        session.played_segments = merge_segments([*session.played_segments, *clipped])
        session.last_verb = verb
        session.events += 1
        session.save()
        log.played_segments = merge_segments([*log.played_segments, *clipped])
        log.watched_seconds = round(min(duration, _covered(log.played_segments)), 3)
        log.watched_fraction = round(min(1.0, log.watched_seconds / duration), 4)
        if position is not None and 0 <= position <= duration + 2.0:
            log.last_position = min(position, duration)
        watched_now = log.completed_at is None and video_watched(log.watched_fraction)
        if watched_now:
            log.completed_at = timezone.now()
        log.full_clean()
        log.save()
    return Viewing(
        video=video,
        log=log,
        session=session,
        new_session=new_session,
        verb=verb,
        segments=clipped,
        position=position,
        previous_position=previous_position,
        watched_now=watched_now,
    )


def video_fetch_record(*, user, video: Video) -> None:
    """Note (once) that `user` fetched a whole rendition of `video` through the
    server without the player: the route to finishing a lesson for those who
    download it, listen to it, or watch it without JavaScript (see
    selectors.video_watched_enough)."""
    if user is None or not user.is_authenticated:
        return
    log, _created = VideoViewLog.objects.get_or_create(user=user, video=video)
    if log.fetched_at is None:
        VideoViewLog.objects.filter(pk=log.pk, fetched_at__isnull=True).update(
            fetched_at=timezone.now()
        )
