"""What counts as done, in one place: a lesson, a course. Its thresholds and
rules live here; the records are the lesson logs and the course completion.

- A lesson is done when the learner says so (progress 1) and, when it has
  videos, has watched each of them (SAFAR_VIDEO_WATCHED_FRACTION, 90 %, decided
  by the video pipeline's `video_watched_enough`); until then "I have finished"
  counts as LESSON_READ_CAP.
- A course is done by its rule (`core.tracks.CompletionRule`): every live
  lesson done; with LESSONS_AND_FINAL also its final assessment (the "final"
  quiz block and every practical assessment, `cms.tree.course_final_assessment`)
  passed, as told by the checks registered with `final_check_register` (the
  assessments app's, in its `ready()`; none registered: not passed).
- Completion fires exactly once per enrollment (a unique row); then every
  listener registered with `completed_listener_register` is called in the same
  transaction (the certificates app schedules the certificate).

It is evaluated on every event that can complete a course: lesson progress,
an attempt or a practical assessment passed, a video watched (which also
completes a lesson the learner had said they finished, `waits_for_videos`)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cms.tree import course_final_assessment
from core.tracks import CompletionRule
from media_pipeline.selectors import video_watched_enough

from . import statements
from .models import CourseCompletion, Enrollment, LessonProgressLog
from .progress import course_lesson_ids

# "I have finished this lesson" before its videos are watched: read to the end,
# not done.
LESSON_READ_CAP = 0.99

FinalCheck = Callable[..., bool]  # (*, enrollment, final: dict) -> bool
Listener = Callable[..., None]  # (*, enrollment, completion) -> None
_final_checks: list[FinalCheck] = []
_completed_listeners: list[Listener] = []


def final_check_register(check: FinalCheck) -> None:
    """An app that records assessments says here whether a course's final
    assessment is passed (called with enrollment= and final=)."""
    if check not in _final_checks:
        _final_checks.append(check)


def completed_listener_register(listener: Listener) -> None:
    """Called (enrollment=, completion=) once, in the completing transaction."""
    if listener not in _completed_listeners:
        _completed_listeners.append(listener)


def lesson_videos(lesson) -> list:
    return [
        block.value["video"]
        for block in lesson.body
        if block.block_type == "video" and block.value.get("video") is not None
    ]


def lesson_progress_allowed(*, user, lesson, progress: float) -> float:
    """The progress a report may set: a lesson with a video is done only when
    the learner watched enough of it."""
    if progress >= 1.0 and not all(
        video_watched_enough(user, video) for video in lesson_videos(lesson)
    ):
        return LESSON_READ_CAP
    return progress


def waits_for_videos(log) -> bool:
    """The learner said they finished the lesson before watching its videos."""
    return log is not None and log.completed_at is None and log.progress >= LESSON_READ_CAP


def final_assessment_passed(*, enrollment: Enrollment) -> bool:
    """Whether the course's final assessment is passed, or there is none."""
    final = course_final_assessment(enrollment.course)
    if final is None:
        return True
    if not _final_checks:
        return False
    return all(check(enrollment=enrollment, final=final) for check in _final_checks)


def _rule_met(enrollment: Enrollment) -> bool:
    lesson_ids = course_lesson_ids(enrollment.course)
    if not lesson_ids:
        return False
    done = LessonProgressLog.objects.filter(
        enrollment=enrollment, lesson_id__in=lesson_ids, completed_at__isnull=False
    ).count()
    if done < len(lesson_ids):
        return False
    rule = enrollment.course.specific.completion_rule
    return rule != CompletionRule.LESSONS_AND_FINAL or final_assessment_passed(
        enrollment=enrollment
    )


@transaction.atomic
def course_completion_evaluate(*, enrollment: Enrollment) -> CourseCompletion | None:
    """Apply the course's completion rule. Creates the completion exactly once,
    however often it is called; returns it only when this call created it."""
    if CourseCompletion.objects.filter(enrollment=enrollment).exists():
        return None
    if not _rule_met(enrollment):
        return None
    return _complete(enrollment, channel=CourseCompletion.Channel.ONLINE, place="")


@transaction.atomic
def course_completion_in_session(
    *, enrollment: Enrollment, place: str, completed_at=None
) -> CourseCompletion | None:
    """Completion by attending a face-to-face session (the blended app decides
    when: attendance, and the session's paper quiz passed when it has one).
    Fires the same listeners as online completion (the certificate), once;
    returns the completion only when this call created it. `completed_at`:
    when the session was attended (default now)."""
    if CourseCompletion.objects.filter(enrollment=enrollment).exists():
        return None
    return _complete(
        enrollment,
        channel=CourseCompletion.Channel.SESSION,
        place=place[:300],
        completed_at=completed_at,
    )


def _complete(
    enrollment: Enrollment, *, channel: str, place: str, completed_at=None
) -> CourseCompletion | None:
    completion, created = CourseCompletion.objects.get_or_create(
        enrollment=enrollment,
        defaults={
            "completed_at": completed_at or timezone.now(),
            "channel": channel,
            "place": place,
        },
    )
    if not created:
        return None
    statements.course_completed(enrollment=enrollment)
    for listener in _completed_listeners:
        listener(enrollment=enrollment, completion=completion)
    return completion


def is_completed(enrollment: Enrollment) -> bool:
    return CourseCompletion.objects.filter(enrollment=enrollment).exists()
