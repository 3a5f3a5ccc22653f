"""Writes about assessments: starting, answering and submitting quiz attempts,
and recording practical assessments. Each function runs in one transaction and
is the only way these records change (views, API and the admin call them).

Time limits: an attempt's deadline is its start plus the quiz's limit. Answers
reaching the server up to `ASSESSMENTS_GRACE_SECONDS` (default 30) after the
deadline still count (slow networks); anything later is refused with TimeUp and
the attempt is closed and graded *as of the limit*, with the answers saved in
time. An attempt left open past its deadline is closed the same way the next
time the learner (or anything) touches it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.progress import enrollment_lock, is_admitted

if TYPE_CHECKING:
    from courses.models import Enrollment

from cms.models import LessonPage
from courses.access import can_view_page
from courses.progress import active_enrollment_for, course_of, original_page
from courses.services import course_completion_evaluate

from . import grading
from .exceptions import (
    AttemptClosed,
    AttemptNotFound,
    AttemptsExhausted,
    InvalidAnswer,
    InvalidScores,
    NotAnAssessor,
    NotEnrolled,
    QuizNotFound,
    TimeUp,
)
from .models import Attempt, PracticalAssessment, Question, QuestionVersion, Quiz, Rubric
from .selectors import (
    attempt_versions,
    can_assess,
    lesson_practical,
    lesson_quiz,
    localized,
    rubric_pass,
)
from .statements import attempt_statements_record, practical_statement_record


def grace_seconds() -> int:
    return int(getattr(settings, "ASSESSMENTS_GRACE_SECONDS", 30))


def _visible_lesson(user, lesson):
    if not isinstance(lesson, LessonPage) or not lesson.live or not can_view_page(user, lesson):
        raise QuizNotFound
    return course_of(lesson)


def _enrollment(user, course) -> Enrollment:
    enrollment = active_enrollment_for(user=user, course=course)
    if enrollment is None:
        raise NotEnrolled
    return enrollment


def question_version_for(question: Question) -> QuestionVersion:
    """The version matching the question's current content: the existing one, or
    a new one numbered after the last (earlier versions are never changed)."""
    data = grading.question_snapshot(question)
    digest = grading.snapshot_digest(data)
    for _try in range(3):
        existing = QuestionVersion.objects.filter(question=question, digest=digest).first()
        if existing is not None:
            return existing
        last = question.versions.order_by("-number").values_list("number", flat=True).first()
        try:
            with transaction.atomic():
                return QuestionVersion.objects.create(
                    question=question, number=(last or 0) + 1, digest=digest, data=data
                )
        except IntegrityError:  # another attempt created it at the same moment
            continue
    raise IntegrityError("Could not record the question version.")


def _quiz_items(quiz: Quiz) -> list:
    items = []
    for block in quiz.questions:
        if block.block_type == "question" and block.value is not None:
            items.append(("question", block.value.pk))
        elif block.block_type == "draw" and block.value.get("bank") is not None:
            value = block.value
            items.append(("draw", value["bank"].pk, value.get("topic") or "", value["count"]))
    return items


def _pool_for(quiz: Quiz):
    def pool(bank_id, topic):
        questions = Question.objects.filter(bank_id=bank_id, locale_id=quiz.locale_id)
        if topic:
            questions = questions.filter(topic=topic)
        return questions.values_list("pk", flat=True)

    return pool


def _close(attempt: Attempt, *, late: bool) -> list[dict]:
    """Grade the saved answers and close the attempt."""
    versions = attempt_versions(attempt)
    results = []
    score = 0.0
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        response = attempt.answers.get(str(position))
        points = grading.grade(data, response)
        score += points
        results.append(
            {
                "position": position,
                "version": entry["version"],
                "question_key": data["question_key"],
                "kind": data["kind"],
                "response": response,
                "score": points,
                "correct": points >= 1.0,
            }
        )
    max_score = float(len(attempt.questions))
    percent = round(100.0 * score / max_score, 2) if max_score else 0.0
    attempt.results = results
    attempt.score = score
    attempt.max_score = max_score
    attempt.percent = percent
    attempt.passed = percent >= attempt.pass_mark
    attempt.status = Attempt.Status.SUBMITTED
    attempt.late = late
    now = timezone.now()
    attempt.submitted_at = min(now, attempt.deadline) if late and attempt.deadline else now
    attempt.save()
    attempt_statements_record(attempt=attempt, results=results, versions=versions)
    if attempt.passed:
        course_completion_evaluate(enrollment=attempt.enrollment)
    return results


def _expired(attempt: Attempt, now=None) -> bool:
    if attempt.deadline is None:
        return False
    now = now or timezone.now()
    return now > attempt.deadline + timedelta(seconds=grace_seconds())


def _close_if_expired(attempt: Attempt) -> bool:
    if attempt.status == Attempt.Status.IN_PROGRESS and _expired(attempt):
        _close(attempt, late=True)
        return True
    return False


@transaction.atomic
def attempt_start(*, user, lesson) -> Attempt:
    """Start (or resume) the learner's attempt at the quiz of `lesson`.

    An attempt still open is returned as it is. A new one draws and orders its
    questions from its own seed, stores the versions asked (in the learner's
    language) and the order shown. Refused beyond the quiz's attempts."""
    if not user.is_authenticated:
        raise NotEnrolled
    course = _visible_lesson(user, lesson)
    found = lesson_quiz(lesson)
    if found is None:
        raise QuizNotFound
    quiz = found["quiz"]
    enrollment = _enrollment(user, course)
    enrollment_lock(enrollment.pk)  # serialise starts
    attempts = Attempt.objects.filter(enrollment=enrollment, quiz=quiz)
    open_attempt = attempts.filter(status=Attempt.Status.IN_PROGRESS).first()
    if open_attempt is not None and not _close_if_expired(open_attempt):
        return open_attempt
    count = attempts.count()
    if quiz.max_attempts and count >= quiz.max_attempts:
        raise AttemptsExhausted

    attempt_uuid = uuid.uuid4()
    seed = attempt_uuid.int % (2**62)
    question_ids = grading.pick_questions(
        items=_quiz_items(quiz), pool_for=_pool_for(quiz), seed=seed, shuffle=quiz.shuffle_questions
    )
    if not question_ids:
        raise QuizNotFound(_("This quiz has no questions yet."))
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    sources = Question.objects.in_bulk(question_ids)
    entries = []
    for position, question_id in enumerate(question_ids, start=1):
        question = localized(sources[question_id], language)
        version = question_version_for(question)
        order = grading.shown_order(
            data=version.data, seed=seed, position=position, shuffle=quiz.shuffle_choices
        )
        entries.append({"version": version.pk, "order": order})
    now = timezone.now()
    attempt = Attempt(
        uuid=attempt_uuid,
        user=user,
        enrollment=enrollment,
        quiz=quiz,
        lesson=original_page(lesson),
        role=found["role"],
        number=count + 1,
        seed=seed,
        language=language,
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        pass_mark=quiz.pass_mark,
        show_answers=quiz.show_answers,
        max_attempts=quiz.max_attempts,
        questions=entries,
    )
    attempt.full_clean(exclude=["user", "enrollment", "quiz", "lesson"], validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:  # a second click started the same attempt at the same moment
        existing = attempts.filter(status=Attempt.Status.IN_PROGRESS).first()
        if existing is None:
            raise
        return existing
    return attempt


def _locked(attempt: Attempt, user) -> Attempt:
    """The attempt, locked, if it is `user`'s own; AttemptNotFound otherwise."""
    if attempt is None or user is None or not user.is_authenticated:
        raise AttemptNotFound
    locked = Attempt.objects.select_for_update().filter(pk=attempt.pk, user=user).first()
    if locked is None:
        raise AttemptNotFound
    return locked


def _clean_answers(attempt: Attempt, answers) -> dict[str, object]:
    if not isinstance(answers, dict):
        raise InvalidAnswer(_("Answers must be given per question number."))
    versions = attempt_versions(attempt)
    cleaned = {}
    for key, response in answers.items():
        try:
            position = int(key)
        except (TypeError, ValueError) as exc:
            raise InvalidAnswer(_("Unknown question number.")) from exc
        if not 1 <= position <= len(attempt.questions):
            raise InvalidAnswer(_("Unknown question number."))
        data = versions[attempt.questions[position - 1]["version"]]
        try:
            cleaned[str(position)] = grading.clean_response(data, response)
        except InvalidAnswer as exc:
            exc.position = position
            raise
    return cleaned


def attempt_answer_save(*, attempt: Attempt, user, answers: dict) -> Attempt:
    """Save some answers ({question number: response}) of an open attempt. Every
    answer is checked first; one bad answer saves none of them. After the time
    limit (plus grace) nothing is saved: the attempt is graded as of the limit
    and TimeUp is raised."""
    with transaction.atomic():
        attempt = _locked(attempt, user)
        if attempt.status != Attempt.Status.IN_PROGRESS:
            raise AttemptClosed
        cleaned = _clean_answers(attempt, answers)
        if not _expired(attempt):
            for position, response in cleaned.items():
                if response is None:
                    attempt.answers.pop(position, None)
                else:
                    attempt.answers[position] = response
            attempt.save(update_fields=["answers", "updated_at"])
            return attempt
        results = _close(attempt, late=True)
    error = TimeUp()
    error.result = SubmitResult(attempt=attempt, created=True, responses=results)
    raise error


@dataclass
class SubmitResult:
    """What a submission produced: the graded attempt, whether this call graded
    it (False for a repeated submit), and one entry per question with the
    learner's response, points (0–1) and correctness, for xAPI statements."""

    attempt: Attempt
    created: bool
    responses: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.attempt.passed)


def attempt_submit(*, attempt: Attempt, user, answers: dict | None = None) -> SubmitResult:
    """Save the last answers (if any) and grade the attempt. Idempotent: a second
    submit (double click, retried request) returns the same result and changes
    nothing. After the time limit (plus grace), the attempt is graded as of the
    limit and TimeUp is raised (its `.result` holds that SubmitResult)."""
    late_result = None
    with transaction.atomic():
        attempt = _locked(attempt, user)
        if attempt.status == Attempt.Status.SUBMITTED:
            return SubmitResult(attempt=attempt, created=False, responses=attempt.results)
        cleaned = _clean_answers(attempt, answers or {})
        if _expired(attempt):
            results = _close(attempt, late=True)
            late_result = SubmitResult(attempt=attempt, created=True, responses=results)
        else:
            for position, response in cleaned.items():
                if response is None:
                    attempt.answers.pop(position, None)
                else:
                    attempt.answers[position] = response
            results = _close(attempt, late=False)
            return SubmitResult(attempt=attempt, created=True, responses=results)
    error = TimeUp()
    error.result = late_result
    raise error


def attempt_language_follow(*, attempt: Attempt, user, language: str) -> Attempt:
    """An open attempt shown under another language than it was started in
    follows the page: its questions switch to their translations in `language`
    (same choices, so the order shown and the answers saved stay), when every
    question has one; otherwise it stays as it is."""
    if attempt.status != Attempt.Status.IN_PROGRESS or attempt.language == language:
        return attempt
    with transaction.atomic():
        attempt = _locked(attempt, user)
        versions = attempt_versions(attempt)
        sources = Question.objects.in_bulk(
            [versions[e["version"]]["question_id"] for e in attempt.questions]
        )
        entries = []
        for entry in attempt.questions:
            data = versions[entry["version"]]
            source = sources.get(data["question_id"])
            translated = localized(source, language) if source is not None else None
            if translated is None or translated.locale.language_code != language:
                return attempt
            version = question_version_for(translated)
            same = {c["id"] for c in version.data["choices"]} == {c["id"] for c in data["choices"]}
            if not same:
                return attempt
            entries.append({**entry, "version": version.pk})
        attempt.questions = entries
        attempt.language = language
        attempt.save(update_fields=["questions", "language", "updated_at"])
    return attempt


def attempt_close_if_expired(*, attempt: Attempt) -> Attempt:
    """Close an attempt left open past its time limit (graded as of the limit)."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        _close_if_expired(locked)
    return locked


# --- practical assessment -------------------------------------------------------


@transaction.atomic
def rubric_assessment_record(
    *,
    assessor,
    enrollment: Enrollment,
    rubric: Rubric,
    scores: dict,
    session: str,
    notes: str = "",
) -> PracticalAssessment:
    """Record an assessor's scoring of a trainee's observed session: `scores`
    maps each criterion id to the index of the level chosen (0 = lowest). The
    rubric must be one the trainee's course asks for. A pass makes the course's
    completion rule be evaluated at once."""
    if not can_assess(assessor):
        raise NotAnAssessor
    enrollment = enrollment_lock(enrollment.pk)
    if not is_admitted(enrollment):
        raise NotAnAssessor
    practical = lesson_practical(course=enrollment.course)
    source = localized(rubric, None)
    if not any(p["rubric"].pk == source.pk for p in practical):
        raise NotAnAssessor
    if not isinstance(scores, dict):
        raise InvalidScores
    criteria = {str(block.id): block.value for block in rubric.criteria}
    if set(map(str, scores)) != set(criteria):
        raise InvalidScores
    levels = {}
    for criterion_id, value in scores.items():
        try:
            level = int(value)
        except (TypeError, ValueError) as exc:
            raise InvalidScores from exc
        if not 0 <= level < len(criteria[str(criterion_id)]["levels"]):
            raise InvalidScores
        levels[str(criterion_id)] = level
    session = (session or "").strip()
    if not session:
        raise InvalidScores(_("Say which session you observed (where and when)."))
    outcome = rubric_pass(rubric=rubric, levels=levels)
    record = PracticalAssessment(
        enrollment=enrollment,
        rubric=source,
        assessor=assessor,
        session=session[:200],
        scores=levels,
        rubric_snapshot=outcome["snapshot"],
        total=outcome["total"],
        passed=outcome["passed"],
        notes=notes or "",
    )
    record.full_clean()
    record.save()

    lesson_id = next(p["lesson_id"] for p in practical if p["rubric"].pk == source.pk)
    practical_statement_record(
        record=record, rubric=rubric, lesson=LessonPage.objects.filter(pk=lesson_id).first()
    )
    if record.passed:
        course_completion_evaluate(enrollment=enrollment)
    return record
