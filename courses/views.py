"""Learner pages around the courses: enroll, record progress, resume, My courses.
Plain forms (work without JavaScript); each view calls one service."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.models import CoursePage, LessonPage

from . import services
from .exceptions import CourseNotFound, CoursesError
from .progress import course_of, course_progress, enrollment_for, my_enrollments
from .selectors import page_track


def _localized(page, request):
    """The page in the language of the request, when it is translated."""
    localized = page.localized
    return localized if localized.live else page


def _error(request, exc: CoursesError, page=None):
    if isinstance(exc, CourseNotFound):
        raise Http404(str(exc))
    return render(
        request,
        "courses/problem.html",
        {"message": str(exc), "page": page},
        status=exc.status,
    )


def _page(model, request, page_id):
    """The live page, if the user may see its track; 404 otherwise (also for
    anonymous visitors, before any sign-in redirect that would name it)."""
    page = model.objects.live().filter(pk=page_id).first()
    if page is None or not services.can_view(request.user, page):
        raise Http404
    return page


@require_POST
def enroll(request, page_id: int):
    course = _page(CoursePage, request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_localized(course, request).url)
    try:
        services.enrollment_create(user=request.user, course=course)
    except CoursesError as exc:
        return _error(request, exc, course)
    return redirect("courses:resume", page_id=course.pk)


@login_required
@require_GET
def resume(request, page_id: int):
    """Open a course where the learner left it: its pre-test while it is not
    taken (and no lesson is finished yet), else its first unfinished lesson."""
    course = _page(CoursePage, request, page_id)
    enrollment = enrollment_for(user=request.user, course=course)
    if enrollment is None:
        raise Http404
    from assessments.selectors import pre_test_pending

    pending = pre_test_pending(enrollment=enrollment)  # the pre-test comes before learning
    if pending is not None:
        if pending["attempt"] is not None:
            return redirect("assessments:attempt", attempt_uuid=pending["attempt"].uuid)
        return redirect(_localized(pending["lesson"], request).url + "#pre-test")
    progress = course_progress(enrollment=enrollment)
    target = course
    if progress.next_lesson_id is not None:
        target = LessonPage.objects.get(pk=progress.next_lesson_id)
    return redirect(_localized(target, request).url)


@require_POST
def record_progress(request, page_id: int):
    lesson = _page(LessonPage, request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(_localized(lesson, request).url)
    try:
        log = services.lesson_progress_record(
            user=request.user,
            lesson=lesson,
            progress=request.POST.get("progress", ""),
            time_spent_seconds=request.POST.get("time_spent_seconds") or 0,
        )
    except CoursesError as exc:
        return _error(request, exc, lesson)
    if log.completed_at is None:
        return redirect(_localized(lesson, request).url + "#progress")
    return redirect("courses:resume", page_id=course_of(lesson).pk)


@login_required
@require_GET
def my_courses(request):
    rows = []
    for enrollment in my_enrollments(user=request.user):
        if page_track(enrollment.course) is None or not services.can_view(
            request.user, enrollment.course
        ):
            continue
        rows.append(
            {
                "enrollment": enrollment,
                "course": _localized(enrollment.course, request),
                "progress": course_progress(enrollment=enrollment),
            }
        )
    from certificates.selectors import certificates_for_user

    certificates = {c.course_id: c for c in certificates_for_user(request.user)}
    for row in rows:
        row["certificate"] = certificates.get(row["enrollment"].course_id)
    return render(
        request,
        "courses/my_courses.html",
        {
            "active": [r for r in rows if not r["progress"].completed],
            "completed": [r for r in rows if r["progress"].completed],
            "title": _("My courses"),
        },
    )
