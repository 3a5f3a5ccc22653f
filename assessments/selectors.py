"""Reads about assessments: which quiz a lesson holds, what a learner may see of
an attempt, whether the final assessments are passed. The figures for authors
(knowledge gain, item analysis, export) are in `analysis.py`."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.track_admin import admin_tracks
from cms.tree import course_lessons
from core.numbers import format_number
from core.tracks import MRC_EDITORS, TRACK_AUTHOR_GROUPS
from courses.access import can_view_page
from courses.progress import admitted_enrollments, has_finished_a_lesson

from . import grading
from .models import Attempt, PracticalAssessment, QuestionVersion, Quiz

ROLE_PRE = "pre"
ROLE_LESSON = "lesson"
ROLE_FINAL = "final"


def localized(obj, language: str | None):
    """The translation of a snippet in `language` (None: the source language),
    falling back to the object itself."""
    model = type(obj)
    code = language or settings.LANGUAGE_CODE
    if obj.locale.language_code == code:
        return obj
    return (
        model.objects.filter(
            translation_key=obj.translation_key, locale__language_code=code
        ).first()
        or obj
    )


def lesson_quiz(lesson) -> dict | None:
    """The lesson's quiz block: {"block_id", "quiz" (source-language Quiz), "role"}."""
    for block in lesson.body:
        if block.block_type == "quiz" and block.value.get("quiz") is not None:
            return {
                "block_id": block.id,
                "quiz": localized(block.value["quiz"], None),
                "role": block.value.get("role") or ROLE_LESSON,
            }
    return None


def lesson_practical(*, course) -> list[dict]:
    """The practical assessments (rubric blocks) of a course's lessons."""
    found = []
    for lesson in course_lessons(course).live().only("id", "body"):
        for block in lesson.body:
            if block.block_type == "practical" and block.value.get("rubric") is not None:
                found.append(
                    {
                        "lesson_id": lesson.pk,
                        "block_id": block.id,
                        "rubric": localized(block.value["rubric"], None),
                    }
                )
    return found


def attempt_versions(attempt: Attempt) -> dict[int, dict]:
    ids = [entry["version"] for entry in attempt.questions]
    return {v.pk: v.data for v in QuestionVersion.objects.filter(pk__in=ids)}


def can_assess(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("assessments.assess_practical")
    )


def rubric_pass(*, rubric, levels: dict[str, int]) -> dict:
    """Total points and pass/fail of a scoring by the rubric's pass rule: at
    least `pass_min_total` points and, when the rubric says so, no criterion at
    its lowest level."""
    total = 0
    lowest = False
    snapshot = []
    for block in rubric.criteria:
        chosen = levels[str(block.id)]
        level = block.value["levels"][chosen]
        total += int(level["points"])
        lowest = lowest or chosen == 0
        snapshot.append(
            {
                "id": str(block.id),
                "name": block.value["name"],
                "level": chosen,
                "label": level["label"],
                "points": int(level["points"]),
            }
        )
    passed = total >= rubric.pass_min_total and not (rubric.pass_no_lowest_level and lowest)
    return {"total": total, "passed": passed, "snapshot": {"criteria": snapshot}}


def final_assessment_passed(*, enrollment, final: dict) -> bool:
    """Registered with courses.completion (apps.py): the final quiz (when there is one) has a
    passed attempt, and every practical assessment of the course has a passed
    scoring."""
    quiz_id = final.get("quiz_id")
    if (
        quiz_id is not None
        and not Attempt.objects.filter(enrollment=enrollment, quiz_id=quiz_id, passed=True).exists()
    ):
        return False
    for practical in final.get("practical", []):
        if not PracticalAssessment.objects.filter(
            enrollment=enrollment, rubric_id=practical["rubric_id"], passed=True
        ).exists():
            return False
    return True


# --- what a learner sees ------------------------------------------------------------


def _public_choice(choice: dict) -> dict:
    return {"id": choice["id"], "text": choice["text"]}


def attempt_questions_public(attempt: Attempt) -> list[dict]:
    """The attempt's questions as shown, with nothing that gives the answer away:
    no 'correct' flags, no partners next to their items, no accepted answers."""
    versions = attempt_versions(attempt)
    shown = []
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        by_id = {c["id"]: c for c in data["choices"]}
        order = entry.get("order", {})
        question = {
            "position": position,
            "kind": data["kind"],
            "text": data["text"],
            "image": data["image"],
            "choices": [_public_choice(by_id[i]) for i in order.get("choices", [])],
            "response": attempt.answers.get(str(position)),
        }
        if data["kind"] == "matching":
            question["partners"] = [{"id": i, "text": by_id[i]["match"]} for i in order["partners"]]
        shown.append(question)
    return shown


def answers_visible(attempt: Attempt) -> bool:
    """Whether the correct answers may be shown for this submitted attempt."""
    if attempt.status != Attempt.Status.SUBMITTED:
        return False
    rule = attempt.show_answers
    if rule == Quiz.ShowAnswers.AFTER_EACH:
        return True
    if rule == Quiz.ShowAnswers.AFTER_PASS:
        return bool(attempt.passed)
    if rule == Quiz.ShowAnswers.AFTER_LAST:
        used = Attempt.objects.filter(enrollment=attempt.enrollment, quiz=attempt.quiz).count()
        return bool(attempt.max_attempts) and used >= attempt.max_attempts
    return False


def attempt_review(attempt: Attempt) -> list[dict]:
    """Per question after submission: the learner's answer, points, and (when the
    quiz allows it) the right answer, feedback on the choices and explanation."""
    versions = attempt_versions(attempt)
    reveal = answers_visible(attempt)
    review = []
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        result = attempt.results[position - 1] if len(attempt.results) >= position else {}
        response = attempt.answers.get(str(position))
        by_id = {c["id"]: c for c in data["choices"]}
        item = {
            "position": position,
            "kind": data["kind"],
            "text": data["text"],
            "score": result.get("score", 0.0),
            "correct": result.get("correct", False),
            "answer_text": _describe(data, response, by_id),
            "reveal": reveal,
        }
        if reveal:
            item["right_text"] = _describe(data, grading.correct_answer(data), by_id)
            item["explanation"] = data["explanation"]
            picked = [by_id[i] for i in _picked_ids(response) if i in by_id]
            item["feedback"] = [choice["feedback"] for choice in picked if choice["feedback"]]
        review.append(item)
    return review


def _picked_ids(response) -> list[str]:
    """The choice ids a stored response names, whatever its shape: a choice id,
    a list of them (multiple choice, ordering) or the items of a matching answer.
    Anything else names none (a stored answer is never trusted to be well-formed)."""
    if isinstance(response, str):
        return [response]
    if isinstance(response, dict):
        return [key for key in response if isinstance(key, str)]
    if isinstance(response, list):
        return [value for value in response if isinstance(value, str)]
    return []


def _describe(data: dict, response, by_id: dict) -> str:
    """A stored response in words. Shapes that do not fit the question's kind
    (older data, a hand-edited row) are described as unreadable, never an error."""
    from django.utils.translation import gettext as _

    if response in (None, "", [], {}):
        return _("(no answer)")
    unreadable = _("(this answer cannot be shown)")
    kind = data["kind"]

    def text(choice_id, key="text"):
        return by_id[choice_id][key] if isinstance(choice_id, str) and choice_id in by_id else None

    if kind == "single":
        return text(response) or unreadable
    if kind in ("multiple", "ordering"):
        if not isinstance(response, list):
            return unreadable
        parts = [t for t in (text(i) for i in response) if t]
        return ("; " if kind == "multiple" else " → ").join(parts) or unreadable
    if kind == "true_false":
        if response in ("true", True):
            return _("True")
        if response in ("false", False):
            return _("False")
        return unreadable
    if kind == "matching":
        if not isinstance(response, dict):
            return unreadable
        pairs = [
            f"{text(a)} → {text(b, 'match')}"
            for a, b in response.items()
            if text(a) and text(b, "match")
        ]
        return "; ".join(pairs) or unreadable
    if kind == "number" and not isinstance(response, bool):
        number = grading.parse_number(response)
        if number is not None:
            return format_number(number)
    if isinstance(response, (str, int, float)) and not isinstance(response, bool):
        return str(response)
    return unreadable


@dataclass
class QuizState:
    attempts: list
    open_attempt: Attempt | None
    best: Attempt | None
    passed: bool
    attempts_left: int | None  # None: unlimited


def quiz_state(*, user, quiz: Quiz, enrollment) -> QuizState:
    attempts = list(Attempt.objects.filter(enrollment=enrollment, quiz=quiz).order_by("number"))
    now = timezone.now()
    open_attempt = next(
        (
            a
            for a in attempts
            if a.status == Attempt.Status.IN_PROGRESS and (a.deadline is None or a.deadline > now)
        ),
        None,
    )
    done = [a for a in attempts if a.status == Attempt.Status.SUBMITTED]
    best = max(done, key=lambda a: a.percent or 0, default=None)
    left = None if not quiz.max_attempts else max(0, quiz.max_attempts - len(attempts))
    return QuizState(
        attempts=done,
        open_attempt=open_attempt,
        best=best,
        passed=any(a.passed for a in done),
        attempts_left=left,
    )


# --- for authors and administrators ----------------------------------------------------


def author_tracks(user) -> set[str]:
    """The tracks whose assessments `user` may author and analyse in the admin:
    their author group's track; both for MRC editors and superusers (the
    admin's one rule, cms.track_admin.admin_tracks)."""
    return set(admin_tracks(user))


def can_analyse(user, track: str) -> bool:
    """Authors and editors of that track (MRC editors and superusers: both)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    groups = set(user.groups.values_list("name", flat=True))
    return MRC_EDITORS in groups or TRACK_AUTHOR_GROUPS.get(track) in groups


def course_quizzes(course) -> dict[str, list]:
    """The quizzes of a course's lessons by role (pre / lesson / final)."""
    found: dict[str, list] = {ROLE_PRE: [], ROLE_LESSON: [], ROLE_FINAL: []}
    for lesson in course_lessons(course).live().only("id", "body"):
        entry = lesson_quiz(lesson)
        if entry is not None:
            found.setdefault(entry["role"], []).append(entry["quiz"])
    return found


def pre_test_pending(*, enrollment) -> dict | None:
    """Where a learner starting a course should go first: the course's pre-test,
    as {"lesson": the lesson holding it, "attempt": the open attempt or None},
    while no attempt at it is submitted and the learner has finished no lesson
    of the course yet. A learner who skips it (finishes a lesson without
    taking it) is not sent back: the pre-test would no longer count as one."""
    if has_finished_a_lesson(enrollment=enrollment):
        return None
    for lesson in course_lessons(enrollment.course).live().order_by("path"):
        found = lesson_quiz(lesson)
        if found is None or found["role"] != ROLE_PRE:
            continue
        attempts = Attempt.objects.filter(enrollment=enrollment, quiz=found["quiz"])
        if attempts.filter(status=Attempt.Status.SUBMITTED).exists():
            return None
        return {
            "lesson": lesson,
            "attempt": attempts.filter(status=Attempt.Status.IN_PROGRESS).first(),
        }
    return None


def practical_queue() -> list[dict]:
    """For assessors: every active enrollment in a course with a practical
    assessment, with its latest scoring; those not passed yet first."""
    rows = []
    courses: dict = {}
    enrollments = (
        admitted_enrollments()
        .select_related("user", "course")
        .order_by("course_id", "user__username")
    )
    for enrollment in enrollments:
        if enrollment.course_id not in courses:
            courses[enrollment.course_id] = lesson_practical(course=enrollment.course)
        for practical in courses[enrollment.course_id]:
            records = [
                r
                for r in enrollment.practical_assessments.all()
                if r.rubric_id == practical["rubric"].pk
            ]
            rows.append(
                {
                    "enrollment": enrollment,
                    "rubric": practical["rubric"],
                    "latest": records[0] if records else None,
                    "passed": any(r.passed for r in records),
                }
            )
    rows.sort(key=lambda r: r["passed"])
    return rows


def attempt_for_learner(*, user, uuid) -> Attempt | None:
    """The learner's own attempt by its uuid, in a lesson they may still see;
    None for anyone else's or a malformed id."""
    try:
        attempt = Attempt.objects.select_related("lesson").filter(user=user, uuid=uuid).first()
    except (ValueError, TypeError, ValidationError):
        return None
    if attempt is None or not can_view_page(user, attempt.lesson):
        return None
    return attempt
