"""Writes about learning: enrollment, cohorts, lesson progress, completion.

Every function here runs in one transaction and is the only way these records
change (views, API and tasks call them)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from xapi import emit as xapi_emit

from .access import can_see_track
from .exceptions import (
    AlreadyEnrolled,
    CourseNotFound,
    EnrollmentNotAllowed,
    InvalidProgress,
    NotEnrolled,
    PrerequisitesMissing,
)
from .models import Cohort, CourseCompletion, Enrollment, LessonProgressLog
from .progress import course_lesson_ids, course_of, original_page
from .selectors import course_final_assessment, course_prerequisites, course_track
from .tracks import CompletionRule, Track


def can_view(user, page) -> bool:
    """Whether `user` may see the course, module or lesson `page` at all."""
    track = course_track(page)
    return track is None or can_see_track(user, track)


# One report of time spent is capped, so a tab left open overnight does not
# count as hours of study.
MAX_SECONDS_PER_REPORT = 30 * 60


def _visible_course(user, course):
    from cms.models import CoursePage

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
    Prerequisites must be completed first. Enrolling twice raises AlreadyEnrolled.
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
    if Enrollment.objects.filter(user=user, course=course).exists():
        raise AlreadyEnrolled
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                user=user,
                course=course,
                status=status,
                source=source,
                cohort=cohort,
                approved_by=approved_by,
            )
    except IntegrityError as exc:  # a second request won the race
        raise AlreadyEnrolled from exc
    xapi_emit.enrollment_registered(enrollment=enrollment)
    return enrollment


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, approved_by) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == Enrollment.Status.PENDING:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.approved_by = approved_by
        enrollment.save(update_fields=["status", "approved_by", "updated_at"])
        xapi_emit.enrollment_registered(enrollment=enrollment)
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
        if existing.status == Enrollment.Status.PENDING:
            existing.status = Enrollment.Status.ACTIVE
            existing.source = Enrollment.Source.COHORT
            existing.cohort = cohort
            existing.save(update_fields=["status", "source", "cohort", "updated_at"])
            xapi_emit.enrollment_registered(enrollment=existing)
        return existing
    return enrollment_create(user=user, course=cohort.course, cohort=cohort)


def _lesson_requirements_met(user, lesson) -> bool:
    """A lesson with a video is done only when the learner watched most of it."""
    from media_pipeline.selectors import video_watched_enough

    videos = [
        block.value["video"]
        for block in lesson.body
        if block.block_type == "video" and block.value.get("video") is not None
    ]
    return all(video_watched_enough(user, video) for video in videos)


@transaction.atomic
def lesson_progress_record(
    *, user, lesson, progress: float, time_spent_seconds: int = 0
) -> LessonProgressLog:
    """Record how far `user` got in `lesson` (0–1). Progress never goes back;
    the completion time is set once. Then evaluate the course's completion."""
    from cms.models import LessonPage

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
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(
            user=user,
            course=original_page(course),
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .first()
    )
    if enrollment is None:
        raise NotEnrolled
    if progress >= 1.0 and not _lesson_requirements_met(user, lesson):
        progress = 0.99  # read to the end, but the video is not watched yet
    original_lesson = original_page(lesson)
    log, _created = LessonProgressLog.objects.select_for_update().get_or_create(
        user=user, lesson=original_lesson, defaults={"enrollment": enrollment}
    )
    previous = (log.progress, log.completed_at)
    log.progress = max(log.progress, progress)
    log.time_spent_seconds += min(time_spent_seconds, MAX_SECONDS_PER_REPORT)
    if log.progress >= 1.0 and log.completed_at is None:
        log.completed_at = timezone.now()
    log.save()
    xapi_emit.lesson_progress_statements(log=log, lesson=lesson, previous=previous)
    course_completion_evaluate(enrollment=enrollment)
    return log


def final_assessment_passed(*, enrollment: Enrollment) -> bool:
    """Whether the course's final assessment is passed, or there is none. Passes
    are recorded by the assessments app (the assessments issue); until a pass is
    recorded, a course with a final assessment is not complete."""
    final = course_final_assessment(enrollment.course)
    if final is None:
        return True
    try:
        from assessments.selectors import final_assessment_passed as passed
    except ImportError:
        return False
    return passed(enrollment=enrollment, final=final)


@transaction.atomic
def course_completion_evaluate(*, enrollment: Enrollment) -> CourseCompletion | None:
    """Apply the course's completion rule. Creates the completion exactly once,
    however often it is called; returns it only when this call created it."""
    if CourseCompletion.objects.filter(enrollment=enrollment).exists():
        return None
    lesson_ids = course_lesson_ids(enrollment.course)
    if not lesson_ids:
        return None
    done = LessonProgressLog.objects.filter(
        enrollment=enrollment, lesson_id__in=lesson_ids, completed_at__isnull=False
    ).count()
    if done < len(lesson_ids):
        return None
    rule = enrollment.course.specific.completion_rule
    if rule == CompletionRule.LESSONS_AND_FINAL and not final_assessment_passed(
        enrollment=enrollment
    ):
        return None
    completion, created = CourseCompletion.objects.get_or_create(
        enrollment=enrollment, defaults={"completed_at": timezone.now()}
    )
    if not created:
        return None
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, updated_at=timezone.now()
    )
    enrollment.status = Enrollment.Status.COMPLETED
    xapi_emit.course_completed(enrollment=enrollment, completion=completion)
    from certificates.tasks import certificate_issue as certificate_issue_task

    certificate_issue_task.delay_on_commit(enrollment.pk)
    return completion
