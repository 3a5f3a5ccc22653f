"""Learner-specific boxes on course and lesson pages (pages themselves hold no
learner data): `{% load learning_tags %}{% course_enrollment_box page %}`."""

import math

from django import template

from certificates.selectors import certificates_for_user
from media_pipeline.selectors import video_watched_from

from ..models import LessonProgressLog
from ..progress import course_of, course_progress, enrollment_for, original_page

register = template.Library()


@register.inclusion_tag("courses/includes/enrollment_box.html", takes_context=True)
def course_enrollment_box(context, course):
    user = context["request"].user
    enrollment = enrollment_for(user=user, course=course)
    progress = course_progress(enrollment=enrollment) if enrollment else None
    certificate = None
    if progress is not None and progress.completed:
        certificate = certificates_for_user(user).filter(course=enrollment.course).first()
    return {
        "request": context["request"],
        "course": course,
        "enrollment": enrollment,
        "progress": progress,
        "certificate": certificate,
    }


@register.simple_tag(takes_context=True)
def done_lesson_keys(context, course) -> set:
    """The translation keys of the lessons of `course` the reader has finished
    (any language: progress is kept on the original lesson), for the ticks."""
    request = context.get("request")
    user = getattr(request, "user", None)
    enrollment = enrollment_for(user=user, course=course) if user is not None else None
    if enrollment is None:
        return set()
    return set(
        LessonProgressLog.objects.filter(
            enrollment=enrollment, completed_at__isnull=False
        ).values_list("lesson__translation_key", flat=True)
    )


@register.inclusion_tag("courses/includes/lesson_progress_box.html", takes_context=True)
def lesson_progress_box(context, lesson):
    request = context["request"]
    course = course_of(lesson)
    enrollment = enrollment_for(user=request.user, course=course) if course else None
    log = None
    video_wait = None
    if enrollment is not None:
        log = LessonProgressLog.objects.filter(
            user=request.user, lesson=original_page(lesson)
        ).first()
        if log is not None and log.completed_at is None:
            video_wait = _video_wait(request.user, lesson)
    return {
        "request": request,
        "lesson": lesson,
        "course": course,
        "enrollment": enrollment,
        "log": log,
        "video_wait": video_wait,
    }


@register.simple_tag(takes_context=True)
def tracks_for_visitor(context, tracks):
    """The home page's track cards: only the tracks the visitor may see
    (courses.access), and whether one was left out (the staff track, shown to
    others as a plain "for ministry staff" line naming no course)."""
    from courses.access import visible_tracks

    visible = visible_tracks(context["request"].user)
    shown = [index for index in tracks if index.track in visible]
    return {"shown": shown, "hidden": len(shown) < len(list(tracks))}


def _video_wait(user, lesson) -> dict | None:
    """Whether the lesson's videos still hold its completion back: not watched
    nor fetched yet, or the minutes left before a fetched one counts."""
    from django.utils import timezone

    from ..completion import lesson_videos

    times = [video_watched_from(user, video) for video in lesson_videos(lesson)]
    if not times:
        return None
    if any(t is None for t in times):
        return {"unseen": True}
    left = (max(times) - timezone.now()).total_seconds()
    return {"minutes": math.ceil(left / 60)} if left > 0 else None
