"""Learner pages around the courses: enroll, record progress, resume, My courses.
Plain forms (work without JavaScript); each view calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.selectors import pre_test_pending
from certificates.selectors import certificates_for_user
from cms.models import CoursePage, LessonPage
from cms.tree import page_track
from core.http import localized_live

from . import services
from .access import can_view_page
from .exceptions import CourseNotFound, CoursesError
from .offline import offline_manifest
from .progress import course_of, course_progress, enrollment_for, my_enrollments


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
    if page is None or not can_view_page(request.user, page):
        raise Http404
    return page


@require_POST
def enroll(request, page_id: int):
    course = _page(CoursePage, request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(localized_live(course).url)
    try:
        enrollment = services.enrollment_create(user=request.user, course=course)
    except CoursesError as exc:
        return _error(request, exc, course)
    if not enrollment.is_enrolled:  # a request: the course page says it waits
        return redirect(localized_live(course).url + "#enrollment")
    return redirect("courses:resume", page_id=course.pk)


@require_GET
def resume(request, page_id: int):
    """Open a course where the learner left it: its pre-test while it is not
    taken (and no lesson is finished yet), else its first unfinished lesson.
    A course the visitor may not see is 404 first, signed in or not (anonymous
    visitors are sent to sign in only for courses they may see)."""
    course = _page(CoursePage, request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    enrollment = enrollment_for(user=request.user, course=course)
    if enrollment is None:
        raise Http404
    if not enrollment.is_enrolled:  # waiting for approval, or refused
        return redirect(localized_live(course).url + "#enrollment")

    pending = pre_test_pending(enrollment=enrollment)  # the pre-test comes before learning
    if pending is not None:
        if pending["attempt"] is not None:
            return redirect("assessments:attempt", attempt_uuid=pending["attempt"].uuid)
        return redirect(localized_live(pending["lesson"]).url + "#pre-test")
    progress = course_progress(enrollment=enrollment)
    target = course
    if progress.next_lesson_id is not None:
        target = LessonPage.objects.get(pk=progress.next_lesson_id)
    return redirect(localized_live(target).url)


@require_GET
def offline_files(request, page_id: int):
    """The files "Save this course for offline" downloads, with their sizes
    (JSON for the course page's script). Only for an enrolled learner of a
    course they may see; never stored (no-store)."""
    course = _page(CoursePage, request, page_id)
    if not request.user.is_authenticated:
        raise Http404
    enrollment = enrollment_for(user=request.user, course=course)
    if enrollment is None or not enrollment.is_enrolled:
        raise Http404
    response = JsonResponse(offline_manifest(course=localized_live(course), user=request.user))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def record_progress(request, page_id: int):
    lesson = _page(LessonPage, request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(localized_live(lesson).url)
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
        return redirect(localized_live(lesson).url + "#progress")
    title = localized_live(lesson).title
    messages.success(request, _("You have finished the lesson “%(title)s”.") % {"title": title})
    return redirect("courses:resume", page_id=course_of(lesson).pk)


@login_required
@require_GET
def my_courses(request):
    rows = []
    for enrollment in my_enrollments(user=request.user):
        if page_track(enrollment.course) is None or not can_view_page(
            request.user, enrollment.course
        ):
            continue
        rows.append(
            {
                "enrollment": enrollment,
                "course": localized_live(enrollment.course),
                "progress": course_progress(enrollment=enrollment),
            }
        )

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
