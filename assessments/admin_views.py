"""Wagtail admin views for authors and MRC administrators: a course's
assessments (pre/post knowledge gain, its quizzes), the item analysis of a
quiz, and the CSV export of its attempts. Only authors and editors of the
course's (quiz's) track see them; everyone else gets 404."""

import csv
import json

from django.http import Http404, HttpResponse
from django.shortcuts import render

from cms.models import CoursePage
from cms.tree import course_track
from courses.progress import original_page

from . import analysis, selectors
from .models import Quiz


def course_report(request, page_id: int):
    course = CoursePage.objects.filter(pk=page_id).first()
    if course is None or not selectors.can_analyse(request.user, course_track(course)):
        raise Http404

    course = original_page(course).specific
    quizzes = selectors.course_quizzes(course)
    return render(
        request,
        "assessments/admin/course_report.html",
        {
            "course": course,
            "gain": analysis.knowledge_gain(course=course),
            "quizzes": [(role, q) for role, items in quizzes.items() for q in items],
            "practical": selectors.lesson_practical(course=course),
        },
    )


def _quiz(request, quiz_id: int) -> Quiz:
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None or not selectors.can_analyse(request.user, quiz.track):
        raise Http404
    return selectors.localized(quiz, None)


def quiz_analysis(request, quiz_id: int):
    quiz = _quiz(request, quiz_id)
    return render(
        request,
        "assessments/admin/quiz_analysis.html",
        {"quiz": quiz, "rows": analysis.item_analysis(quiz=quiz)},
    )


def attempts_csv(request, quiz_id: int):
    quiz = _quiz(request, quiz_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attempts-{quiz.key}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "attempt",
            "learner",
            "language",
            "number",
            "role",
            "started_at",
            "submitted_at",
            "late",
            "score",
            "max_score",
            "percent",
            "passed",
            "answers",
        ]
    )
    for attempt in analysis.attempts_for_export(quiz=quiz):
        writer.writerow(
            [
                attempt.uuid,
                attempt.user.username,
                attempt.language,
                attempt.number,
                attempt.role,
                attempt.started_at.isoformat(),
                attempt.submitted_at.isoformat() if attempt.submitted_at else "",
                attempt.late,
                attempt.score if attempt.score is not None else "",
                attempt.max_score if attempt.max_score is not None else "",
                attempt.percent if attempt.percent is not None else "",
                "" if attempt.passed is None else attempt.passed,
                json.dumps(attempt.answers, ensure_ascii=False, sort_keys=True),
            ]
        )
    return response
