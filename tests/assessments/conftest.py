from types import SimpleNamespace

import pytest

from core.tracks import CompletionRule
from courses.models import Enrollment
from tests.assessments.factories import choices, make_bank, make_question, make_quiz
from tests.builders import make_course, make_people


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def questions(db):
    """One question of every type, in one bank."""
    bank = make_bank()
    return SimpleNamespace(
        bank=bank,
        single=make_question(bank, "single", text="Keep your passport?"),
        multiple=make_question(
            bank,
            "multiple",
            text="Before leaving?",
            choices=choices(
                ("Copy documents", True), ("Get a contract", True), ("Pay an agent", False)
            ),
        ),
        true_false=make_question(bank, "true_false", text="TB is curable.", true_false_answer=True),
        matching=make_question(
            bank,
            "matching",
            text="Match",
            choices=choices(("Violence abroad", False, "112"), ("Police at home", False, "102")),
        ),
        ordering=make_question(
            bank,
            "ordering",
            text="Order",
            choices=choices(("Inform", False), ("Prepare", False), ("Travel", False)),
        ),
        short_text=make_question(
            bank, "short_text", text="Street?", accepted_answers="Borbad\nBorbad street"
        ),
        number=make_question(
            bank, "number", text="Emergency?", number_answer=112, number_tolerance=0
        ),
    )


def lesson_of(course):
    from cms.models import LessonPage

    return LessonPage.objects.descendant_of(course).live().order_by("path").first()


@pytest.fixture
def quiz_course(tree, people):
    """An orientation course whose one lesson holds a final quiz (two single-choice
    questions, pass mark 50), with the migrant enrolled."""
    bank = make_bank()
    q1 = make_question(bank, text="First?")
    q2 = make_question(bank, text="Second?")
    quiz = make_quiz([q1, q2], pass_mark=50)
    course = make_course(
        tree.migrant,
        title="Quiz course",
        slug="quiz-course",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "final"}}],
        completion_rule=CompletionRule.LESSONS_AND_FINAL,
    )
    enrollment = Enrollment.objects.create(user=people.migrant, course=course, source="self")
    return SimpleNamespace(
        course=course, lesson=lesson_of(course), quiz=quiz, q1=q1, q2=q2, enrollment=enrollment
    )
