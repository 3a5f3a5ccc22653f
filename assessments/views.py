"""Learner pages for quizzes and the assessor's page for practical assessments.
Plain forms that work without JavaScript (quiz.js only autosaves answers); each
view calls one service. Someone else's attempt, a staff-track quiz for a
migrant, or a missing object: 404, the same answer for all."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.models import LessonPage
from core.http import localized_live
from courses.access import can_view_page
from courses.completion import is_completed
from courses.progress import admitted_enrollments, course_of, enrollment_for, is_admitted

from . import selectors, services
from .exceptions import AssessmentsError, InvalidAnswer, TimeUp
from .forms import answers_from_post, posted_responses, shown_positions
from .models import Attempt, Rubric


def _problem(request, exc: AssessmentsError, back=None):
    if exc.status == 404:
        raise Http404(str(exc))
    return render(
        request, "courses/problem.html", {"message": str(exc), "page": back}, status=exc.status
    )


# --- the blocks inside a lesson ----------------------------------------------------------


def quiz_block_context(value, parent_context) -> dict:
    """What the quiz block shows to this reader: how to start, and their results."""
    request = parent_context.get("request")
    page = parent_context.get("page")
    quiz = value.get("quiz")
    context = {"quiz": quiz, "role": value.get("role")}
    if quiz is None or request is None or not isinstance(page, LessonPage):
        return context
    context["start_url"] = reverse("assessments:start", kwargs={"page_id": page.pk})
    context["csrf_token_value"] = get_token(request)
    user = request.user
    if not user.is_authenticated:
        return context

    enrollment = enrollment_for(user=user, course=course_of(page))
    if not is_admitted(enrollment):
        return context
    source = selectors.localized(quiz, None)
    context["enrolled"] = True
    context["state"] = selectors.quiz_state(user=user, quiz=source, enrollment=enrollment)
    return context


def practical_block_context(value, parent_context) -> dict:
    request = parent_context.get("request")
    page = parent_context.get("page")
    rubric = value.get("rubric")
    context = {"rubric": rubric}
    if rubric is None or request is None or not request.user.is_authenticated:
        return context
    if not isinstance(page, LessonPage):
        return context

    enrollment = enrollment_for(user=request.user, course=course_of(page))
    if enrollment is not None:
        context["records"] = list(
            enrollment.practical_assessments.filter(rubric=selectors.localized(rubric, None))
        )
        context["passed"] = any(r.passed for r in context["records"])
    context["can_assess"] = selectors.can_assess(request.user)
    return context


# --- quizzes -------------------------------------------------------------------------------


def _lesson(request, page_id):
    lesson = LessonPage.objects.live().filter(pk=page_id).first()

    if lesson is None or not can_view_page(request.user, lesson):
        raise Http404
    return lesson


def _attempt(request, attempt_uuid) -> Attempt:
    """The requester's own attempt, in a track they may see; 404 otherwise."""
    if not request.user.is_authenticated:
        raise Http404
    attempt = (
        Attempt.objects.filter(uuid=attempt_uuid, user=request.user)
        .select_related("quiz", "lesson", "enrollment")
        .first()
    )
    if attempt is None or not can_view_page(request.user, attempt.lesson):
        raise Http404
    return attempt


@require_POST
def start(request, page_id: int):
    lesson = _lesson(request, page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(localized_live(lesson).url)
    try:
        attempt = services.attempt_start(user=request.user, lesson=lesson)
    except AssessmentsError as exc:
        return _problem(request, exc, localized_live(lesson))
    return redirect("assessments:attempt", attempt_uuid=attempt.uuid)


def _time_up(request, exc: TimeUp, attempt):
    result = getattr(exc, "result", None)
    return render(
        request,
        "assessments/time_up.html",
        {
            "message": str(exc),
            "attempt": result.attempt if result else attempt,
            "title": _("Time is up"),
        },
        status=exc.status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attempt_page(request, attempt_uuid):
    """The quiz form: all questions on one page, or one per page (?q=N)."""
    attempt = _attempt(request, attempt_uuid)
    if request.method == "GET":
        if attempt.status == Attempt.Status.IN_PROGRESS:
            attempt = services.attempt_close_if_expired(attempt=attempt)
            attempt = services.attempt_language_follow(
                attempt=attempt, user=request.user, language=request.LANGUAGE_CODE
            )
        if attempt.status == Attempt.Status.SUBMITTED:
            return redirect("assessments:result", attempt_uuid=attempt.uuid)
    questions = selectors.attempt_questions_public(attempt)
    if request.method == "POST":
        return _attempt_post(request, attempt, questions)
    one = request.GET.get("q", "")
    current = None
    if one:
        try:
            current = min(max(int(one), 1), len(questions))
        except ValueError:
            current = 1
    return _attempt_form(request, attempt, questions, current)


def _attempt_form(request, attempt, questions, current, *, error=None, status=200):
    """The quiz form; after a refused answer, shown again with the message and
    every answer as the learner sent it (nothing they chose is lost)."""
    shown = [questions[current - 1]] if current else questions
    return render(
        request,
        "assessments/attempt.html",
        {
            "attempt": attempt,
            "quiz": selectors.localized(attempt.quiz, attempt.language),
            "questions": shown,
            "shown": ",".join(str(q["position"]) for q in shown),
            "current": current,
            "count": len(questions),
            "answered": len(attempt.answers),
            "lesson": localized_live(attempt.lesson),
            "title": selectors.localized(attempt.quiz, attempt.language).title,
            "error": error,
            "time_left": _time_left(attempt),
        },
        status=status,
    )


def _time_left(attempt) -> dict | None:
    """The time left before the limit, as the page says it without JavaScript
    (quiz.js counts it down): whole minutes, and the deadline with its time zone."""
    if attempt.deadline is None:
        return None
    import math

    from django.utils import timezone

    seconds = max(0, (attempt.deadline - timezone.now()).total_seconds())
    local = timezone.localtime(attempt.deadline)
    offset = local.strftime("%z")
    return {
        "minutes": math.ceil(seconds / 60),
        "seconds": int(seconds),
        "deadline": local.strftime("%H:%M"),
        "zone": f"UTC{offset[:3]}:{offset[3:]}" if offset[3:] != "00" else f"UTC{offset[:3]}",
        "iso": attempt.deadline.isoformat(),
    }


def _attempt_post(request, attempt, questions):
    action = request.POST.get("action", "save")
    positions = []
    try:
        positions = shown_positions(request.POST, len(questions))
        answers = answers_from_post(request.POST, questions, positions)
        if attempt.status == Attempt.Status.SUBMITTED or action == "submit":
            services.attempt_submit(attempt=attempt, user=request.user, answers=answers)
            return redirect("assessments:result", attempt_uuid=attempt.uuid)
        services.attempt_answer_save(attempt=attempt, user=request.user, answers=answers)
    except TimeUp as exc:
        return _time_up(request, exc, attempt)
    except InvalidAnswer as exc:
        posted = posted_responses(request.POST, questions, positions)
        for question in questions:
            question["response"] = posted.get(question["position"], question["response"])
            question["error"] = str(exc) if question["position"] == exc.position else None
        current = positions[0] if len(positions) == 1 else None
        return _attempt_form(request, attempt, questions, current, error=str(exc), status=400)
    except AssessmentsError as exc:
        return _problem(request, exc)
    url = reverse("assessments:attempt", kwargs={"attempt_uuid": attempt.uuid})
    if action in ("next", "previous") and positions:
        step = 1 if action == "next" else -1
        target = min(max(positions[0] + step, 1), len(questions))
        return redirect(f"{url}?q={target}")
    if action == "review":
        return redirect(url)
    return redirect(f"{url}?q={positions[0]}" if len(positions) == 1 else url)


@require_POST
def autosave(request, attempt_uuid):
    """quiz.js sends the form here on every change: answers saved as the learner
    goes. JSON in and out; the same checks as the form."""
    attempt = _attempt(request, attempt_uuid)
    questions = selectors.attempt_questions_public(attempt)
    try:
        positions = shown_positions(request.POST, len(questions))
        answers = answers_from_post(request.POST, questions, positions)
        attempt = services.attempt_answer_save(attempt=attempt, user=request.user, answers=answers)
    except AssessmentsError as exc:
        return JsonResponse({"error": str(exc)}, status=exc.status)
    return JsonResponse({"saved": len(attempt.answers)})


@login_required
@require_GET
def result(request, attempt_uuid):
    attempt = _attempt(request, attempt_uuid)
    if attempt.status == Attempt.Status.IN_PROGRESS:
        attempt = services.attempt_close_if_expired(attempt=attempt)
        if attempt.status == Attempt.Status.IN_PROGRESS:
            return redirect("assessments:attempt", attempt_uuid=attempt.uuid)
    state = selectors.quiz_state(
        user=request.user, quiz=attempt.quiz, enrollment=attempt.enrollment
    )

    return render(
        request,
        "assessments/result.html",
        {
            "course": localized_live(attempt.enrollment.course),
            "course_completed": is_completed(attempt.enrollment),
            "attempt": attempt,
            "quiz": selectors.localized(attempt.quiz, attempt.language),
            "review": selectors.attempt_review(attempt),
            "state": state,
            "lesson": localized_live(attempt.lesson),
            "title": _("Your result"),
        },
    )


# --- practical assessment (assessors) -------------------------------------------------


def _assessor(request):
    if not selectors.can_assess(request.user):
        raise Http404
    return request.user


@require_GET
def practical_list(request):
    """The trainees an assessor can score: enrollments in courses with a
    practical assessment, those not passed yet first."""
    _assessor(request)
    rows = selectors.practical_queue()
    return render(
        request,
        "assessments/practical_list.html",
        {"rows": rows, "title": _("Practical assessments")},
    )


@require_http_methods(["GET", "POST"])
def practical_score(request, enrollment_id: int, rubric_id: int):
    assessor = _assessor(request)
    enrollment = (
        admitted_enrollments()
        .filter(pk=enrollment_id)
        .select_related("user", "course")
        .first()
    )
    source = Rubric.objects.filter(pk=rubric_id).first()
    if enrollment is None or source is None:
        raise Http404
    if not any(
        p["rubric"].pk == source.pk for p in selectors.lesson_practical(course=enrollment.course)
    ):
        raise Http404
    rubric = selectors.localized(source, request.LANGUAGE_CODE)
    error = None
    chosen = {}
    if request.method == "POST":
        chosen = {str(block.id): request.POST.get(f"c-{block.id}", "") for block in rubric.criteria}
        try:
            record = services.rubric_assessment_record(
                assessor=assessor,
                enrollment=enrollment,
                rubric=rubric,
                scores=chosen,
                session=request.POST.get("session", ""),
                notes=request.POST.get("notes", ""),
            )
        except AssessmentsError as exc:
            if exc.status == 404:
                raise Http404 from exc
            error = str(exc)
        else:
            return render(
                request,
                "assessments/practical_done.html",
                {"record": record, "enrollment": enrollment, "title": _("Assessment recorded")},
            )
    return render(
        request,
        "assessments/practical_score.html",
        {
            "enrollment": enrollment,
            "rubric": rubric,
            "chosen": chosen,
            "error": error,
            "session": request.POST.get("session", ""),
            "notes": request.POST.get("notes", ""),
            "history": enrollment.practical_assessments.filter(rubric=source),
            "title": rubric.title,
        },
        status=400 if error else 200,
    )
