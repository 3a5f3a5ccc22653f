"""Figures for authors and reports: the knowledge gain of a course (pre-test →
post-test), the item analysis of a quiz, the attempts to export."""

from __future__ import annotations

import statistics

from courses.progress import first_lesson_done, original_page

from . import grading
from .models import Attempt, QuestionVersion, Quiz
from .selectors import ROLE_FINAL, ROLE_PRE, course_quizzes


def _first_other_lesson_done(*, course, pre_lesson_ids) -> dict:
    """Per learner, when they first finished a lesson of `course` other than
    the pre-test's."""
    return first_lesson_done(course=course, exclude_lesson_ids=pre_lesson_ids)


def knowledge_gain(*, course) -> dict:
    """Pre-test → post-test per learner: the first pre-test attempt's score and
    the best post-test (final) score, in percent, and the gain (post − pre);
    with the course's mean pre, mean post and mean gain over learners who took
    both. A pre-test counts only when it was handed in before the learner
    finished any other lesson of the course (after learning it measures no
    starting point); `late_pre` counts the learners left out for that."""
    quizzes = course_quizzes(course)
    pre = quizzes[ROLE_PRE][0] if quizzes[ROLE_PRE] else None
    post = quizzes[ROLE_FINAL][0] if quizzes[ROLE_FINAL] else None
    rows = []
    late: set = set()
    if pre is not None and post is not None:
        attempts = Attempt.objects.filter(
            enrollment__course=original_page(course),
            quiz__in=[pre, post],
            status=Attempt.Status.SUBMITTED,
        ).select_related("user")
        firsts: dict = {}
        bests: dict = {}
        users = {}
        first_pre: dict = {}
        for attempt in attempts.order_by("number"):
            users[attempt.user_id] = attempt.user
            if attempt.quiz_id == pre.pk:
                first_pre.setdefault(attempt.user_id, attempt)
            else:
                bests[attempt.user_id] = max(bests.get(attempt.user_id, 0.0), attempt.percent)
        other_done = _first_other_lesson_done(
            course=original_page(course),
            pre_lesson_ids={a.lesson_id for a in first_pre.values()},
        )
        for user_id, attempt in first_pre.items():
            learned = other_done.get(user_id)
            if learned is not None and attempt.submitted_at >= learned:
                late.add(user_id)
            else:
                firsts[user_id] = attempt.percent
        for user_id in sorted(set(firsts) & set(bests)):
            rows.append(
                {
                    "user": users[user_id],
                    "pre": firsts[user_id],
                    "post": bests[user_id],
                    "gain": round(bests[user_id] - firsts[user_id], 2),
                }
            )

    def mean(key):
        return round(statistics.fmean(r[key] for r in rows), 2) if rows else None

    return {
        "pre_quiz": pre,
        "post_quiz": post,
        "learners": rows,
        "count": len(rows),
        "mean_pre": mean("pre"),
        "mean_post": mean("post"),
        "mean_gain": mean("gain"),
        "late_pre": len(late),
    }


TOO_HARD = 0.2
TOO_EASY = 0.9


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    try:
        return round(statistics.correlation(xs, ys), 3)
    except statistics.StatisticsError:  # one of them does not vary
        return None


def item_analysis(*, quiz: Quiz) -> list[dict]:
    """Per question (across languages and versions) of the submitted attempts:
    how many answered, difficulty (mean points, 1 = everyone right),
    discrimination (correlation of the question's points with the attempt's
    total percent), and how often each choice was picked. Questions almost
    everyone fails (< 0.2) or passes (> 0.9) are flagged."""
    attempts = list(
        Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED).only(
            "questions", "answers", "results", "percent"
        )
    )
    version_ids = {e["version"] for a in attempts for e in a.questions}
    versions = {v.pk: v.data for v in QuestionVersion.objects.filter(pk__in=version_ids)}
    rows: dict[str, dict] = {}
    for attempt in attempts:
        for result in attempt.results:
            data = versions[result["version"]]
            row = rows.setdefault(
                result["question_key"],
                {
                    "question_key": result["question_key"],
                    "text": data["text"],
                    "kind": data["kind"],
                    "points": [],
                    "totals": [],
                    "answered": 0,
                    "choices": {c["id"]: {"text": c["text"], "picked": 0} for c in data["choices"]},
                },
            )
            row["points"].append(result["score"])
            row["totals"].append(attempt.percent or 0.0)
            response = result["response"]
            if response is not None:
                row["answered"] += 1
            if data["kind"] in grading.CHOICE_KINDS and response is not None:
                for choice_id in response if isinstance(response, list) else [response]:
                    if choice_id in row["choices"]:
                        row["choices"][choice_id]["picked"] += 1
    analysis = []
    for row in rows.values():
        difficulty = round(statistics.fmean(row["points"]), 3) if row["points"] else None
        analysis.append(
            {
                "question_key": row["question_key"],
                "text": row["text"],
                "kind": row["kind"],
                "asked": len(row["points"]),
                "answered": row["answered"],
                "difficulty": difficulty,
                "discrimination": _correlation(row["points"], row["totals"]),
                "choices": list(row["choices"].values())
                if row["kind"] in grading.CHOICE_KINDS
                else [],
                "flag": (
                    "too_hard"
                    if difficulty is not None and difficulty < TOO_HARD
                    else "too_easy"
                    if difficulty is not None and difficulty > TOO_EASY
                    else ""
                ),
            }
        )
    analysis.sort(key=lambda r: r["text"])
    return analysis


def attempts_for_export(*, quiz: Quiz):
    return (
        Attempt.objects.filter(quiz=quiz)
        .select_related("user", "enrollment")
        .order_by("started_at", "pk")
    )
