"""Writes about learning: enrollment, cohorts, lesson progress, completion.

Every function here runs in one transaction and is the only way these records
change (views, API and tasks call them)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.models import CoursePage, LessonPage
from cms.tree import course_prerequisites, course_track
from core.tracks import Track
from media_pipeline import viewing as media_viewing

from . import completion, statements
from .access import can_see_track, pages_using
from .completion import course_completion_evaluate, final_assessment_passed  # noqa: F401
from .exceptions import (
    AlreadyEnrolled,
    CourseNotFound,
    EnrollmentNotAllowed,
    EnrollmentRefused,
    InvalidProgress,
    NotEnrolled,
    PrerequisitesMissing,
)
from .models import Cohort, CourseCompletion, Enrollment, LessonProgressLog
from .progress import active_enrollment_for, course_of, original_page

# One report of time spent is capped, so a tab left open overnight does not
# count as hours of study.
MAX_SECONDS_PER_REPORT = 30 * 60


def _visible_course(user, course):
    if course is None or not isinstance(course, CoursePage) or not course.live:
        raise CourseNotFound
    track = course_track(course)
    if track is None or not can_see_track(user, track):
        raise CourseNotFound
    return track


def _prerequisites_met(user, course) -> bool:
    for prerequisite in course_prerequisites(course):
        if not CourseCompletion.objects.filter(
            enrollment__user=user, enrollment__course=original_page(prerequisite)
        ).exists():
            return False
    return True


@transaction.atomic
def enrollment_create(*, user, course, cohort: Cohort | None = None, approved_by=None):
    """Enroll `user` in `course` by the track's rules.

    - Orientation (migrant track): anyone signed in enrolls themselves.
    - Trainer (staff track): only verified staff; a request waits for an
      administrator's approval, a cohort membership or an approval enrolls at once.
    Prerequisites must be completed first. There is one row per learner and
    course: asking again while a request waits returns that request; enrolling
    twice raises AlreadyEnrolled; after a refusal, EnrollmentRefused.
    """
    if not user.is_authenticated:
        raise EnrollmentNotAllowed
    track = _visible_course(user, course)
    course = original_page(course)
    if track == Track.STAFF and not user.is_verified_staff:
        raise EnrollmentNotAllowed(
            "Trainer courses are for ministry staff verified by the Migrant Resource Centre."
        )
    if not _prerequisites_met(user, course):
        raise PrerequisitesMissing
    if cohort is not None:
        source, status = Enrollment.Source.COHORT, Enrollment.Status.ACTIVE
    elif approved_by is not None:
        source, status = Enrollment.Source.APPROVAL, Enrollment.Status.ACTIVE
    elif track == Track.STAFF:
        source, status = Enrollment.Source.APPROVAL, Enrollment.Status.PENDING
    else:
        source, status = Enrollment.Source.SELF, Enrollment.Status.ACTIVE
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is None:
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    user=user,
                    course=course,
                    status=status,
                    source=source,
                    cohort=cohort,
                    approved_by=approved_by,
                    decided_at=timezone.now() if approved_by is not None else None,
                )
        except IntegrityError:  # a second request won the race
            existing = Enrollment.objects.get(user=user, course=course)
        else:
            statements.enrollment_registered(enrollment=enrollment)
            return enrollment
    return _enrollment_asked_again(existing, status=status)


def _enrollment_asked_again(existing: Enrollment, *, status) -> Enrollment:
    if existing.status == Enrollment.Status.PENDING and status == Enrollment.Status.PENDING:
        return existing  # the same request, asked twice (a double click, a reload)
    if existing.status == Enrollment.Status.REFUSED:
        raise EnrollmentRefused
    raise AlreadyEnrolled


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, approved_by) -> Enrollment:
    """Let a waiting (or refused) request into the course. Approving twice
    changes nothing; a learner no longer verified cannot be let in."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status not in (Enrollment.Status.PENDING, Enrollment.Status.REFUSED):
        return enrollment
    if course_track(enrollment.course) == Track.STAFF and not enrollment.user.is_verified_staff:
        raise EnrollmentNotAllowed(
            "Trainer courses are for ministry staff verified by the Migrant Resource Centre."
        )
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.approved_by = approved_by
    enrollment.refused_by = None
    enrollment.decided_at = timezone.now()
    enrollment.save(
        update_fields=["status", "approved_by", "refused_by", "decided_at", "updated_at"]
    )
    statements.enrollment_registered(enrollment=enrollment)
    return enrollment


@transaction.atomic
def enrollment_refuse(*, enrollment: Enrollment, refused_by) -> Enrollment:
    """Turn a waiting request down. Refusing twice changes nothing; someone
    already in the course stays in it."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != Enrollment.Status.PENDING:
        return enrollment
    enrollment.status = Enrollment.Status.REFUSED
    enrollment.refused_by = refused_by
    enrollment.decided_at = timezone.now()
    enrollment.save(update_fields=["status", "refused_by", "decided_at", "updated_at"])
    return enrollment


@transaction.atomic
def cohort_member_add(*, cohort: Cohort, user) -> Enrollment:
    """Add a verified staff member to a cohort and enroll them in its course
    (an existing pending request is approved)."""
    if not user.is_verified_staff:
        raise EnrollmentNotAllowed("Only verified ministry staff can join a cohort.")
    cohort.members.add(user)
    existing = Enrollment.objects.filter(user=user, course=cohort.course).first()
    if existing is not None:
        if existing.status in (Enrollment.Status.PENDING, Enrollment.Status.REFUSED):
            existing.status = Enrollment.Status.ACTIVE
            existing.source = Enrollment.Source.COHORT
            existing.cohort = cohort
            existing.save(update_fields=["status", "source", "cohort", "updated_at"])
            statements.enrollment_registered(enrollment=existing)
        return existing
    return enrollment_create(user=user, course=cohort.course, cohort=cohort)


@transaction.atomic
def lesson_progress_record(
    *, user, lesson, progress: float, time_spent_seconds: int = 0, at=None
) -> LessonProgressLog:
    """Record how far `user` got in `lesson` (0–1). Progress never goes back;
    the completion time is the earliest reported: now, or `at` for progress
    made offline and sent later (kept between the enrollment and now, so a
    wrong phone clock cannot move it outside). Then evaluate the course's
    completion."""
    if not isinstance(lesson, LessonPage) or not lesson.live:
        raise CourseNotFound
    course = course_of(lesson)
    _visible_course(user, course)
    try:
        progress = float(progress)
        time_spent_seconds = int(time_spent_seconds or 0)
    except (TypeError, ValueError) as exc:
        raise InvalidProgress from exc
    if not 0.0 <= progress <= 1.0 or progress != progress:  # NaN check
        raise InvalidProgress
    if time_spent_seconds < 0:
        raise InvalidProgress("Time spent cannot be negative.")
    enrollment = active_enrollment_for(user=user, course=course, lock=True)
    if enrollment is None:
        raise NotEnrolled
    progress = completion.lesson_progress_allowed(user=user, lesson=lesson, progress=progress)
    original_lesson = original_page(lesson)
    log, _created = LessonProgressLog.objects.select_for_update().get_or_create(
        user=user, lesson=original_lesson, defaults={"enrollment": enrollment}
    )
    previous = (log.progress, log.completed_at)
    log.progress = max(log.progress, progress)
    log.time_spent_seconds += min(time_spent_seconds, MAX_SECONDS_PER_REPORT)
    if log.progress >= 1.0:
        when = _reported_time(at, enrollment=enrollment)
        if log.completed_at is None or (progress >= 1.0 and when < log.completed_at):
            log.completed_at = when
    log.save()
    statements.lesson_progress_statements(log=log, lesson=lesson, previous=previous)
    course_completion_evaluate(enrollment=enrollment)
    return log


def _reported_time(at, *, enrollment):
    now = timezone.now()
    if at is None:
        return now
    return min(max(at, enrollment.created_at), now)


@transaction.atomic
def video_view_record(
    *, user, video, session_id, verb: str, segments, position: float | None = None
):
    """Record one player event: the pipeline's viewing log
    (`media_pipeline.viewing.video_viewing_record`), then, in the same
    transaction, what it means for the lesson where the learner watches the
    video: its xAPI Video Profile statements and, when the video has just
    become watched, completion evaluated again (the lesson's, when the learner
    had said they finished it, and the course's). Returns the log."""
    viewing = media_viewing.video_viewing_record(
        user=user,
        video=video,
        session_id=session_id,
        verb=verb,
        segments=segments,
        position=position,
    )
    lesson, enrollment = _video_lesson(user, video)
    statements.video_statements(user=user, viewing=viewing, lesson=lesson, enrollment=enrollment)
    if viewing.watched_now and enrollment is not None:
        log = LessonProgressLog.objects.filter(user=user, lesson=original_page(lesson)).first()
        if completion.waits_for_videos(log):
            # "Finished" was said before the video was watched: now it counts.
            lesson_progress_record(user=user, lesson=lesson, progress=1.0)
        else:
            course_completion_evaluate(enrollment=enrollment)
    return viewing.log


def _video_lesson(user, video):
    """The lesson (and its enrollment) where the learner watches this video."""
    for lesson in LessonPage.objects.filter(pk__in=pages_using(video).values("pk")):
        enrollment = active_enrollment_for(user=user, course=course_of(lesson))
        if enrollment is not None:
            return lesson, enrollment
    return None, None
