"""An assessor's scoring of a practical assessment is an xAPI `passed`/`failed`
statement, with the score and the assessor as instructor, written in the same
transaction as the scoring."""

import pytest
from django.db import transaction

from assessments import services
from assessments.exceptions import InvalidScores
from assessments.models import PracticalAssessment
from tests.assessments.test_services import _levels, trainer_course  # noqa: F401  (fixture)
from xapi.api import activity_iri, actor_key_for
from xapi.models import ActorIdentity, Statement

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"


def practical_statements(rubric):
    return Statement.objects.filter(
        object_activity_id=activity_iri("practical", rubric.translation_key)
    ).order_by("seq")


def test_scoring_records_failed_then_passed(people, trainer_course):  # noqa: F811
    _exam, rubric, course, enrollment, lesson = trainer_course
    record = {"assessor": people.admin, "enrollment": enrollment, "rubric": rubric}
    services.rubric_assessment_record(scores=_levels(rubric, 2, 0), session="Khujand", **record)
    services.rubric_assessment_record(scores=_levels(rubric, 2, 1), session="Bokhtar", **record)
    rows = list(practical_statements(rubric))
    assert [row.verb_id for row in rows] == [ADL + "failed", ADL + "passed"]
    assert all(row.actor_key == actor_key_for(people.staff) for row in rows)
    assert all(row.track == "staff" for row in rows)
    data = rows[1].data
    assert data["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/performance"
    )
    assert data["object"]["definition"]["name"] == {"tg": "Observed session"}
    assert data["result"]["success"] is True
    assert data["result"]["score"] == {"raw": 3, "min": 0, "max": 4, "scaled": 0.75}
    assert rows[0].data["result"]["score"]["raw"] == 2
    assert rows[0].data["result"]["success"] is False
    # The assessor is the instructor, as an account (never e-mail or phone).
    instructor = data["context"]["instructor"]
    assessor_name = str(ActorIdentity.objects.get(user=people.admin).name)
    assert instructor["account"]["name"] == assessor_name
    assert "mbox" not in instructor and people.admin.email not in str(data)
    # The lesson holding the practical is the parent, then module, course, track.
    activities = data["context"]["contextActivities"]
    assert activities["parent"] == [
        {"id": activity_iri("lesson", lesson.translation_key), "objectType": "Activity"}
    ]
    grouping = [a["id"] for a in activities["grouping"]]
    assert activity_iri("course", course.translation_key) in grouping
    assert str(rows[1].registration) == str(enrollment.registration)


def test_the_iri_is_the_same_in_every_language(people, trainer_course):  # noqa: F811
    _exam, rubric, _course, enrollment, _lesson = trainer_course
    iri = activity_iri("practical", rubric.translation_key)
    assert rubric.translation_key and iri.endswith(str(rubric.translation_key))
    assert "/xapi/activities/practical/" in iri


def test_no_statement_without_a_scoring(people, trainer_course):  # noqa: F811
    _exam, rubric, _course, enrollment, _lesson = trainer_course
    with pytest.raises(InvalidScores):
        services.rubric_assessment_record(
            assessor=people.admin,
            enrollment=enrollment,
            rubric=rubric,
            scores=_levels(rubric, 2, 2),
            session=" ",
        )
    assert not practical_statements(rubric).exists()
    # Rolled back with the scoring: both or neither.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.rubric_assessment_record(
            assessor=people.admin,
            enrollment=enrollment,
            rubric=rubric,
            scores=_levels(rubric, 2, 2),
            session="Khujand",
        )
        assert practical_statements(rubric).count() == 1
        raise RuntimeError
    assert not practical_statements(rubric).exists()
    assert not PracticalAssessment.objects.exists()
