"""Reads about assessments: which quiz a lesson holds, what a learner may see of
an attempt, whether the final assessments are passed, the knowledge gain of a
course (pre-test → post-test) and the item analysis of a quiz."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

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
    from courses.selectors import course_lessons

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
    """Called by courses.services: the final quiz (when there is one) has a
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
            picked = response if isinstance(response, list) else [response]
            item["feedback"] = [
                by_id[i]["feedback"] for i in picked if i in by_id and by_id[i]["feedback"]
            ]
        review.append(item)
    return review


def _describe(data: dict, response, by_id: dict) -> str:
    from django.utils.translation import gettext as _

    if response is None or response == "":
        return _("(no answer)")
    kind = data["kind"]
    if kind == "single":
        return by_id.get(response, {}).get("text", "")
    if kind == "multiple":
        return "; ".join(by_id[i]["text"] for i in response if i in by_id)
    if kind == "true_false":
        return _("True") if response == "true" else _("False")
    if kind == "matching":
        return "; ".join(
            f"{by_id[a]['text']} → {by_id[b]['match']}"
            for a, b in response.items()
            if a in by_id and b in by_id
        )
    if kind == "ordering":
        return " → ".join(by_id[i]["text"] for i in response if i in by_id)
    return str(response)


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
    their author group's track; both for MRC editors and superusers."""
    from courses.access import MRC_EDITORS
    from courses.tracks import TRACK_AUTHOR_GROUPS, Track

    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {t.value for t in Track}
    groups = set(user.groups.values_list("name", flat=True))
    if MRC_EDITORS in groups:
        return {t.value for t in Track}
    return {str(track) for track, group in TRACK_AUTHOR_GROUPS.items() if group in groups}


def snippet_track(obj) -> str | None:
    """The track of a bank, question or quiz (rubrics are for the trainer track)."""
    from courses.tracks import Track

    from .models import Question, QuestionBank, Rubric

    if isinstance(obj, QuestionBank | Quiz):
        return obj.track
    if isinstance(obj, Question):
        return obj.bank.track
    if isinstance(obj, Rubric):
        return Track.STAFF.value
    return None


def can_analyse(user, track: str) -> bool:
    """Authors and editors of that track (MRC editors and superusers: both)."""
    from courses.access import MRC_EDITORS
    from courses.tracks import TRACK_AUTHOR_GROUPS

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    groups = set(user.groups.values_list("name", flat=True))
    return MRC_EDITORS in groups or TRACK_AUTHOR_GROUPS.get(track) in groups


def course_quizzes(course) -> dict[str, list]:
    """The quizzes of a course's lessons by role (pre / lesson / final)."""
    from courses.selectors import course_lessons

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
    from courses.models import LessonProgressLog
    from courses.selectors import course_lessons

    if LessonProgressLog.objects.filter(enrollment=enrollment, completed_at__isnull=False).exists():
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


def _first_other_lesson_done(*, course, pre_lesson_ids) -> dict:
    """Per learner, when they first finished a lesson of `course` other than
    the pre-test's."""
    from django.db.models import Min

    from courses.models import LessonProgressLog

    rows = (
        LessonProgressLog.objects.filter(enrollment__course=course, completed_at__isnull=False)
        .exclude(lesson_id__in=pre_lesson_ids)
        .values("user_id")
        .annotate(first=Min("completed_at"))
    )
    return {row["user_id"]: row["first"] for row in rows}


def knowledge_gain(*, course) -> dict:
    """Pre-test → post-test per learner: the first pre-test attempt's score and
    the best post-test (final) score, in percent, and the gain (post − pre);
    with the course's mean pre, mean post and mean gain over learners who took
    both. A pre-test counts only when it was handed in before the learner
    finished any other lesson of the course (after learning it measures no
    starting point); `late_pre` counts the learners left out for that."""
    from courses.progress import original_page

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


def practical_queue() -> list[dict]:
    """For assessors: every active enrollment in a course with a practical
    assessment, with its latest scoring; those not passed yet first."""
    from courses.models import Enrollment

    rows = []
    courses: dict = {}
    enrollments = (
        Enrollment.objects.exclude(status=Enrollment.Status.PENDING)
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
