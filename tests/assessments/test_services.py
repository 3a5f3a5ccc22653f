"""The services: start, answer, submit (idempotent), time limits with grace,
attempt limits, question versions and snapshots, completion, rubrics, and the
selectors built on them (knowledge gain, item analysis)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services
from assessments.analysis import item_analysis, knowledge_gain
from assessments.exceptions import (
    AttemptNotFound,
    AttemptsExhausted,
    InvalidAnswer,
    InvalidScores,
    NotAnAssessor,
    NotEnrolled,
    QuizNotFound,
    TimeUp,
)
from assessments.models import Attempt, PracticalAssessment, QuestionVersion
from assessments.selectors import attempt_questions_public, attempt_versions
from core.tracks import CompletionRule
from courses.models import CourseCompletion, Enrollment, LessonProgressLog
from tests.assessments.conftest import lesson_of
from tests.assessments.factories import make_bank, make_question, make_quiz, make_rubric
from tests.builders import make_course

pytestmark = pytest.mark.django_db


def right_answers(attempt):
    """{position: right choice id} for single-choice attempts (test helper)."""
    versions = attempt_versions(attempt)
    answers = {}
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        answers[position] = next(c["id"] for c in data["choices"] if c["correct"])
    return answers


def wrong_answers(attempt):
    versions = attempt_versions(attempt)
    return {
        p: next(c["id"] for c in versions[e["version"]]["choices"] if not c["correct"])
        for p, e in enumerate(attempt.questions, start=1)
    }


def test_start_answer_submit_pass(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    assert attempt.number == 1 and attempt.status == Attempt.Status.IN_PROGRESS
    assert len(attempt.questions) == 2
    services.attempt_answer_save(
        attempt=attempt, user=people.migrant, answers=right_answers(attempt)
    )
    result = services.attempt_submit(attempt=attempt, user=people.migrant)
    assert result.created and result.passed
    assert result.attempt.percent == 100.0 and result.attempt.score == 2.0
    assert [r["correct"] for r in result.responses] == [True, True]
    assert all(r["response"] and "question_key" in r for r in result.responses)


def test_double_submit_is_idempotent(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    first = services.attempt_submit(
        attempt=attempt, user=people.migrant, answers=wrong_answers(attempt)
    )
    again = services.attempt_submit(
        attempt=attempt, user=people.migrant, answers=right_answers(attempt)
    )
    assert first.created and not again.created
    assert again.attempt.percent == first.attempt.percent == 0.0
    assert Attempt.objects.count() == 1
    assert Attempt.objects.get().submitted_at == first.attempt.submitted_at


def test_an_open_attempt_is_resumed_not_duplicated(people, quiz_course):
    first = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    second = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    assert first.pk == second.pk and Attempt.objects.count() == 1


def test_attempt_limit(people, quiz_course):
    quiz_course.quiz.max_attempts = 2
    quiz_course.quiz.save()
    for _ in range(2):
        attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
        services.attempt_submit(attempt=attempt, user=people.migrant)
    with pytest.raises(AttemptsExhausted):
        services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    assert Attempt.objects.count() == 2


def _age(attempt, minutes=0, seconds=0):
    """Move an attempt's start (and deadline) into the past."""
    delta = timedelta(minutes=minutes, seconds=seconds)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - delta, deadline=attempt.deadline - delta
    )
    attempt.refresh_from_db()
    return attempt


def test_time_limit_with_grace(people, quiz_course, settings):
    settings.ASSESSMENTS_GRACE_SECONDS = 30
    quiz_course.quiz.time_limit_minutes = 10
    quiz_course.quiz.save()
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    right = right_answers(attempt)
    # 10 s after the limit: within the grace period, the answer counts.
    attempt = _age(attempt, minutes=10, seconds=10)
    services.attempt_answer_save(attempt=attempt, user=people.migrant, answers={1: right[1]})
    # 1 minute after: refused, and the attempt is graded as of the limit.
    attempt = _age(attempt, seconds=50)
    with pytest.raises(TimeUp) as caught:
        services.attempt_submit(attempt=attempt, user=people.migrant, answers={2: right[2]})
    graded = caught.value.result.attempt
    assert graded.status == Attempt.Status.SUBMITTED and graded.late
    assert graded.percent == 50.0  # question 1 (in time) counts, question 2 (late) does not
    assert graded.submitted_at == graded.deadline
    assert "2" not in Attempt.objects.get(pk=attempt.pk).answers


def test_late_answer_save_is_refused_and_closes(people, quiz_course):
    quiz_course.quiz.time_limit_minutes = 5
    quiz_course.quiz.save()
    attempt = _age(services.attempt_start(user=people.migrant, lesson=quiz_course.lesson), 6)
    with pytest.raises(TimeUp):
        services.attempt_answer_save(
            attempt=attempt, user=people.migrant, answers=right_answers(attempt)
        )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.answers == {}
    # A new attempt can be started (the expired one counts as used).
    assert services.attempt_start(user=people.migrant, lesson=quiz_course.lesson).number == 2


def test_bad_answers_save_nothing(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    right = right_answers(attempt)
    other_question = make_question()
    foreign = [b.id for b in other_question.choices][0]
    for answers in (
        {1: right[1], 2: "not-a-choice"},  # unknown choice id
        {1: right[1], 2: right[1]},  # a choice of another question of the quiz
        {1: str(foreign)},  # a choice of a question not in the quiz
        {9: right[1]},  # no such question
        ["not", "a", "dict"],  # malformed
        {1: {"x": 1}},
    ):
        with pytest.raises(InvalidAnswer):
            services.attempt_answer_save(attempt=attempt, user=people.migrant, answers=answers)
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_someone_elses_attempt_is_not_found(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    with pytest.raises(AttemptNotFound):
        services.attempt_answer_save(attempt=attempt, user=people.other, answers={})
    with pytest.raises(AttemptNotFound):
        services.attempt_submit(attempt=attempt, user=people.other)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


def test_not_enrolled_and_staff_track(people, quiz_course, tree):
    with pytest.raises(NotEnrolled):
        services.attempt_start(user=people.other, lesson=quiz_course.lesson)
    staff_quiz = make_quiz(track="staff")
    staff_course = make_course(
        tree.staff,
        title="Trainer",
        slug="trainer",
        body=[{"type": "quiz", "value": {"quiz": staff_quiz.pk, "role": "final"}}],
    )
    with pytest.raises(QuizNotFound):
        services.attempt_start(user=people.migrant, lesson=lesson_of(staff_course))
    assert not Attempt.objects.exists()


def test_versions_and_snapshots(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    result = services.attempt_submit(
        attempt=attempt, user=people.migrant, answers=right_answers(attempt)
    )
    assert result.attempt.percent == 100.0
    q1 = quiz_course.q1
    assert q1.versions.get().number == 1
    # The author edits the question: the right answer is now another choice.
    data = q1.choices.raw_data
    for item in data:
        item["value"]["correct"] = not item["value"]["correct"] if item is data[0] else False
    data[1]["value"]["correct"] = True
    q1.choices = data
    q1.text = "First, reworded?"
    q1.save()
    # The earlier attempt keeps what was asked, and its grade.
    attempt.refresh_from_db()
    old = attempt_questions_public(attempt)
    assert {q["text"] for q in old} == {"First?", "Second?"}
    assert attempt.percent == 100.0
    # A new attempt asks version 2; version 1 is unchanged.
    services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    assert list(q1.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert q1.versions.get(number=1).data["text"] == "First?"
    assert q1.versions.get(number=2).data["text"] == "First, reworded?"
    # Unchanged questions are not versioned again.
    assert quiz_course.q2.versions.count() == 1
    # A question used in attempts cannot be deleted.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        q1.delete()
    assert QuestionVersion.objects.count() == 3


def test_snapshot_is_in_the_learners_language(people, quiz_course):
    from django.utils import translation
    from wagtail.models import Locale

    from assessments.models import Question

    q1 = quiz_course.q1
    ru = Locale.objects.get(language_code="ru")
    Question.objects.create(
        locale=ru,
        translation_key=q1.translation_key,
        bank=q1.bank,
        kind=q1.kind,
        text="Первый?",
        choices=q1.choices.raw_data,
    )
    with translation.override("ru"):
        attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    texts = {q["text"] for q in attempt_questions_public(attempt)}
    assert texts == {"Первый?", "Second?"} and attempt.language == "ru"


def test_passing_the_final_completes_the_course(people, quiz_course):
    LessonProgressLog.objects.create(
        user=people.migrant,
        enrollment=quiz_course.enrollment,
        lesson=quiz_course.lesson,
        progress=1.0,
        completed_at=timezone.now(),
    )
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    services.attempt_submit(attempt=attempt, user=people.migrant, answers=wrong_answers(attempt))
    assert not CourseCompletion.objects.exists()
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    services.attempt_submit(attempt=attempt, user=people.migrant, answers=right_answers(attempt))
    assert CourseCompletion.objects.filter(enrollment=quiz_course.enrollment).count() == 1


@pytest.fixture
def trainer_course(tree, people):
    exam = make_quiz(track="staff", pass_mark=100)
    rubric = make_rubric()
    course = make_course(
        tree.staff,
        title="Trainer",
        slug="trainer",
        body=[
            {"type": "quiz", "value": {"quiz": exam.pk, "role": "final"}},
            {"type": "practical", "value": {"rubric": rubric.pk}},
        ],
        completion_rule=CompletionRule.LESSONS_AND_FINAL,
    )
    enrollment = Enrollment.objects.create(user=people.staff, course=course, source="approval")
    lesson = lesson_of(course)
    LessonProgressLog.objects.create(
        user=people.staff,
        enrollment=enrollment,
        lesson=lesson,
        progress=1.0,
        completed_at=timezone.now(),
    )
    return exam, rubric, course, enrollment, lesson


def _levels(rubric, *levels):
    return {str(block.id): level for block, level in zip(rubric.criteria, levels, strict=True)}


def test_rubric_pass_rules(people, trainer_course):
    _exam, rubric, _course, enrollment, _lesson = trainer_course
    record = {
        "assessor": people.admin,
        "enrollment": enrollment,
        "rubric": rubric,
        "session": "Khujand",
    }
    # 4 points but one criterion at its lowest level: not passed.
    low = services.rubric_assessment_record(scores=_levels(rubric, 2, 0), **record)
    assert low.total == 2 and not low.passed
    below_total = services.rubric_assessment_record(scores=_levels(rubric, 1, 1), **record)
    assert below_total.total == 2 and not below_total.passed  # minimum is 3
    good = services.rubric_assessment_record(scores=_levels(rubric, 2, 1), **record)
    assert good.total == 3 and good.passed
    assert good.rubric_snapshot["criteria"][0]["label"] == "Good"


def test_rubric_bad_input(people, trainer_course):
    _exam, rubric, _course, enrollment, _lesson = trainer_course
    record = {"enrollment": enrollment, "rubric": rubric, "session": "Khujand"}
    with pytest.raises(NotAnAssessor):
        services.rubric_assessment_record(
            assessor=people.staff, scores=_levels(rubric, 2, 2), **record
        )
    for scores in ({}, _levels(rubric, 2, 3), _levels(rubric, "x", 1), {"nope": 1}):
        with pytest.raises(InvalidScores):
            services.rubric_assessment_record(assessor=people.admin, scores=scores, **record)
    with pytest.raises(InvalidScores):
        services.rubric_assessment_record(
            assessor=people.admin,
            scores=_levels(rubric, 2, 2),
            enrollment=enrollment,
            rubric=rubric,
            session="  ",
        )
    with pytest.raises(NotAnAssessor):  # a rubric the course does not ask for
        services.rubric_assessment_record(
            assessor=people.admin,
            scores={},
            enrollment=enrollment,
            rubric=make_rubric(),
            session="x",
        )
    assert not PracticalAssessment.objects.exists()


def test_trainer_completion_needs_exam_and_practical(people, trainer_course):
    exam, rubric, course, enrollment, lesson = trainer_course
    attempt = services.attempt_start(user=people.staff, lesson=lesson)
    services.attempt_submit(attempt=attempt, user=people.staff, answers=right_answers(attempt))
    assert not CourseCompletion.objects.exists()  # the practical is still missing
    services.rubric_assessment_record(
        assessor=people.admin,
        enrollment=enrollment,
        rubric=rubric,
        scores=_levels(rubric, 2, 2),
        session="Khujand, 12 May",
    )
    assert CourseCompletion.objects.filter(enrollment=enrollment).count() == 1


def test_knowledge_gain(people, tree):
    bank = make_bank()
    qs = [make_question(bank) for _ in range(4)]
    pre = make_quiz(draws=[(bank, "", 4)], key="pre")
    post = make_quiz(draws=[(bank, "", 4)], key="post")
    course = make_course(
        tree.migrant,
        title="Gain",
        slug="gain",
        modules=1,
        lessons=2,
        body=[],
    )
    from cms.models import LessonPage

    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for lesson, quiz, role in ((lessons[0], pre, "pre"), (lessons[1], post, "final")):
        lesson.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": role}}]
        lesson.save_revision().publish()
    assert len(qs) == 4
    for user, pre_right, post_right in ((people.migrant, 1, 4), (people.other, 2, 3)):
        Enrollment.objects.create(user=user, course=course, source="self")
        attempt = services.attempt_start(user=user, lesson=lessons[0])
        right = right_answers(attempt)
        services.attempt_submit(
            attempt=attempt,
            user=user,
            answers={p: right[p] for p in list(right)[:pre_right]},
        )
        attempt = services.attempt_start(user=user, lesson=lessons[1])
        right = right_answers(attempt)
        services.attempt_submit(
            attempt=attempt,
            user=user,
            answers={p: right[p] for p in list(right)[:post_right]},
        )
    gain = knowledge_gain(course=course)
    by_user = {row["user"].username: row for row in gain["learners"]}
    assert by_user["migrant1"]["pre"] == 25.0 and by_user["migrant1"]["post"] == 100.0
    assert by_user["migrant1"]["gain"] == 75.0
    assert by_user["migrant2"]["gain"] == 25.0
    assert gain["count"] == 2 and gain["mean_gain"] == 50.0
    assert gain["mean_pre"] == 37.5 and gain["mean_post"] == 87.5


def test_item_analysis_numbers(people, tree, quiz_course):
    learners = [people.migrant, people.other, people.admin]
    for user in learners[1:]:
        Enrollment.objects.get_or_create(
            user=user, course=quiz_course.course, defaults={"source": "self"}
        )
    # q1: right for 2 of 3; q2: right for 1 of 3 (the best learner only).
    plans = {
        people.migrant: (True, True),
        people.other: (True, False),
        people.admin: (False, False),
    }
    for user, (first, second) in plans.items():
        attempt = services.attempt_start(user=user, lesson=quiz_course.lesson)
        right, wrong = right_answers(attempt), wrong_answers(attempt)
        services.attempt_submit(
            attempt=attempt,
            user=user,
            answers={1: right[1] if first else wrong[1], 2: right[2] if second else wrong[2]},
        )
    rows = {row["text"]: row for row in item_analysis(quiz=quiz_course.quiz)}
    first, second = rows["First?"], rows["Second?"]
    assert first["asked"] == first["answered"] == 3
    assert first["difficulty"] == pytest.approx(0.667, abs=0.001)
    assert second["difficulty"] == pytest.approx(0.333, abs=0.001)
    # Totals 100, 50, 0: q1 points 1,1,0 → r = 0.866; q2 1,0,0 → r = 0.866.
    assert first["discrimination"] == pytest.approx(0.866, abs=0.001)
    assert sum(c["picked"] for c in first["choices"]) == 3
    assert first["flag"] == "" and second["flag"] == ""
