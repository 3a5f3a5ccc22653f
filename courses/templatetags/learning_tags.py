"""Learner-specific boxes on course and lesson pages (pages themselves hold no
learner data): `{% load learning_tags %}{% course_enrollment_box page %}`."""

from django import template

from ..models import LessonProgressLog
from ..progress import course_of, course_progress, enrollment_for, original_page

register = template.Library()


@register.inclusion_tag("courses/includes/enrollment_box.html", takes_context=True)
def course_enrollment_box(context, course):
    user = context["request"].user
    enrollment = enrollment_for(user=user, course=course)
    return {
        "request": context["request"],
        "course": course,
        "enrollment": enrollment,
        "progress": course_progress(enrollment=enrollment) if enrollment else None,
    }


@register.inclusion_tag("courses/includes/lesson_progress_box.html", takes_context=True)
def lesson_progress_box(context, lesson):
    request = context["request"]
    course = course_of(lesson)
    enrollment = enrollment_for(user=request.user, course=course) if course else None
    log = None
    if enrollment is not None:
        log = LessonProgressLog.objects.filter(
            user=request.user, lesson=original_page(lesson)
        ).first()
    return {
        "request": request,
        "lesson": lesson,
        "course": course,
        "enrollment": enrollment,
        "log": log,
    }
