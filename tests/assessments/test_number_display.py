"""A number answer on the result page reads as the learner writes numbers: the
stored 112.0000 shows as 112 and 2.5 as 2,5 on a Tajik, Russian or Uzbek page
(2.5 on an English one), both the learner's answer and the right answer."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from assessments import services
from assessments.models import Quiz
from core.numbers import format_number
from courses.models import Enrollment
from tests.assessments.conftest import lesson_of
from tests.assessments.factories import make_question, make_quiz
from tests.builders import make_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [
        ("tg", "112.0000", "112"),
        ("tg", "2.5000", "2,5"),
        ("ru", "2.5000", "2,5"),
        ("uz", "0.2500", "0,25"),
        ("en", "2.5000", "2.5"),
        ("tg", "1E+2", "100"),
        ("tg", "-0.0000", "0"),
        ("ru", "-3.1000", "-3,1"),
    ],
)
def test_format_number(language, stored, shown):
    with translation.override(language):
        assert format_number(Decimal(stored)) == shown


@pytest.mark.parametrize(
    ("language", "answer", "typed", "yours", "right"),
    [
        ("tg", 112, "100,50", "100,5", "112"),
        ("ru", Decimal("2.5"), "3.0", "3", "2,5"),
        ("uz", Decimal("2.5"), "3", "3", "2,5"),
        ("en", Decimal("2.5"), "3,25", "3.25", "2.5"),
    ],
)
def test_result_page_shows_number_answers_per_language(
    client, people, tree, language, answer, typed, yours, right
):
    question = make_question(kind="number", text="Emergency?", number_answer=answer)
    quiz = make_quiz([question], pass_mark=50, show_answers=Quiz.ShowAnswers.AFTER_EACH)
    course = make_course(
        tree.migrant,
        title="Numbers",
        slug="numbers",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "final"}}],
    )
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    attempt = services.attempt_start(user=people.migrant, lesson=lesson_of(course))
    services.attempt_submit(attempt=attempt, user=people.migrant, answers={"1": typed})
    client.force_login(people.migrant)
    response = client.get(f"/{language}/learn/attempts/{attempt.uuid}/result/")
    assert response.status_code == 200
    review = BeautifulSoup(response.content, "html.parser").select_one(".review").text
    assert "0000" not in review
    with translation.override(language):
        from django.utils.translation import gettext as _

        assert f"{_('Your answer:')} {yours} " in review
        assert f"{_('Right answer:')} {right}" in review
