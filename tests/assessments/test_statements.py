"""A graded attempt leaves its xAPI statements in the same transaction:
`attempted`, one `answered` per question (a cmi.interaction), then `passed` or
`failed` with the score; a second submit adds none."""

import pytest

from assessments import services
from assessments.grading import question_snapshot
from assessments.statements import attempt_responses
from tests.assessments.test_services import right_answers, wrong_answers
from xapi.models import Statement

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def verbs():
    return [s.data["verb"]["id"].rsplit("/", 1)[-1] for s in Statement.objects.order_by("pk")]


def quiz_statements():
    return [
        s.data
        for s in Statement.objects.order_by("pk")
        if s.data["verb"]["id"]
        in {ADL + "attempted", ADL + "answered", ADL + "passed", ADL + "failed"}
    ]


def test_a_passed_attempt_leaves_attempted_answered_passed(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    services.attempt_submit(attempt=attempt, user=people.migrant, answers=right_answers(attempt))
    services.attempt_submit(attempt=attempt, user=people.migrant)  # retried: nothing more
    statements = quiz_statements()
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements] == [
        "attempted",
        "answered",
        "answered",
        "passed",
    ]
    passed = statements[-1]
    assert passed["result"]["success"] is True
    assert passed["result"]["score"] == {"raw": 2.0, "min": 0, "max": 2.0, "scaled": 1.0}
    assert passed["context"]["registration"] == str(quiz_course.enrollment.registration)
    answered = statements[1]
    definition = answered["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert answered["result"]["success"] is True
    assert answered["result"]["response"] in definition["correctResponsesPattern"]
    assert (
        answered["context"]["contextActivities"]["parent"][0]["id"] == statements[0]["object"]["id"]
    )
    assert passed.get("version") != "1.0.3"  # tincan's version is dropped by the provider


def test_a_failed_attempt_leaves_failed(people, quiz_course):
    attempt = services.attempt_start(user=people.migrant, lesson=quiz_course.lesson)
    services.attempt_submit(attempt=attempt, user=people.migrant, answers=wrong_answers(attempt))
    statements = quiz_statements()
    assert statements[-1]["verb"]["id"] == ADL + "failed"
    assert statements[-1]["result"]["success"] is False
    assert all(s["result"]["success"] is False for s in statements[1:-1])


def test_every_question_kind_in_the_xapi_response_syntax(questions):
    data = {
        k: question_snapshot(getattr(questions, k))
        for k in (
            "single",
            "multiple",
            "true_false",
            "matching",
            "ordering",
            "short_text",
            "number",
        )
    }
    ids = {k: [c["id"] for c in v["choices"]] for k, v in data.items()}
    versions = dict(enumerate(data.values()))
    responses = {
        "single": ids["single"][0],
        "multiple": sorted(ids["multiple"][:2]),
        "true_false": "true",
        "matching": dict(zip(ids["matching"], reversed(ids["matching"]), strict=True)),
        "ordering": list(reversed(ids["ordering"])),
        "short_text": "borbad",
        "number": "112",
    }
    results = [
        {"version": i, "response": responses[kind], "correct": False} for i, kind in enumerate(data)
    ]
    out = dict(
        zip(data, attempt_responses(results=results, versions=versions, language="tg"), strict=True)
    )
    assert out["single"]["interaction_type"] == "choice"
    assert out["multiple"]["response"] == "[,]".join(sorted(ids["multiple"][:2]))
    assert out["multiple"]["correct_responses_pattern"] == ["[,]".join(sorted(ids["multiple"][:2]))]
    assert out["true_false"] == {
        **out["true_false"],
        "interaction_type": "true-false",
        "response": "true",
        "correct_responses_pattern": ["true"],
    }
    first, second = ids["matching"]
    assert out["matching"]["interaction_type"] == "matching"
    assert set(out["matching"]["response"].split("[,]")) == {
        f"{first}[.]{second}",
        f"{second}[.]{first}",
    }
    assert out["ordering"]["interaction_type"] == "sequencing"
    assert out["ordering"]["response"] == "[,]".join(reversed(ids["ordering"]))
    assert out["ordering"]["correct_responses_pattern"] == ["[,]".join(ids["ordering"])]
    assert out["short_text"]["interaction_type"] == "fill-in"
    assert out["short_text"]["correct_responses_pattern"] == ["Borbad", "Borbad street"]
    assert out["number"] == {
        **out["number"],
        "interaction_type": "numeric",
        "response": "112",
        "correct_responses_pattern": ["112[:]112"],
    }
