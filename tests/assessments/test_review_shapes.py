"""The result page of a submitted attempt never fails, whatever was drawn and
stored: every question kind × every "show the correct answers" setting × a
well-formed, an empty and a malformed stored answer (older data, a hand-edited
row). The post-test's review once gave a 500 when a matching answer (a dict)
met a set lookup."""

import pytest
from bs4 import BeautifulSoup

from assessments import grading, services
from assessments.models import Attempt, Quiz
from assessments.selectors import attempt_versions
from courses.models import Enrollment
from tests.assessments.conftest import lesson_of
from tests.assessments.factories import make_quiz
from tests.builders import make_course

pytestmark = pytest.mark.django_db

KINDS = ["single", "multiple", "true_false", "matching", "ordering", "short_text", "number"]


def shapes(data: dict) -> dict:
    """Stored answers of every shape for the question snapshot `data`."""
    ids = [c["id"] for c in data["choices"]] or ["no-choice"]
    return {
        "right": grading.correct_answer(data),
        "empty: none": None,
        "empty: text": "",
        "empty: list": [],
        "empty: dict": {},
        "malformed: unknown id": "no-such-choice",
        "malformed: list of ids": ids,
        "malformed: list of dicts": [{"a": ids[0]}],
        "malformed: nested lists": [[ids[0]]],
        "malformed: dict of ids": {ids[0]: ids[-1]},
        "malformed: dict of lists": {ids[0]: [ids[0]], "x": None},
        "malformed: number": 42,
        "malformed: boolean": True,
        "malformed: float": 2.5,
    }


@pytest.mark.parametrize("reveal", [choice for choice, _label in Quiz.ShowAnswers.choices])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_every_reveal_every_answer_shape(client, people, tree, questions, kind, reveal):
    quiz = make_quiz([getattr(questions, kind)], pass_mark=50, show_answers=reveal, max_attempts=1)
    course = make_course(
        tree.migrant,
        title="Review",
        slug="review",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": "final"}}],
    )
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    attempt = services.attempt_start(user=people.migrant, lesson=lesson_of(course))
    data = attempt_versions(attempt)[attempt.questions[0]["version"]]
    services.attempt_submit(
        attempt=attempt, user=people.migrant, answers={"1": grading.correct_answer(data)}
    )
    attempt.refresh_from_db()
    assert attempt.passed is True
    client.force_login(people.migrant)
    url = f"/en/learn/attempts/{attempt.uuid}/result/"
    for case, stored in shapes(data).items():
        Attempt.objects.filter(pk=attempt.pk).update(answers={"1": stored})
        response = client.get(url)
        assert response.status_code == 200, (kind, reveal, case)
        page = BeautifulSoup(response.content, "html.parser")
        assert data["text"] in page.select_one(".review").text, (kind, reveal, case)
        hidden = "The right answers are not shown" in page.text
        assert hidden == (reveal == Quiz.ShowAnswers.NEVER), (kind, reveal, case)
