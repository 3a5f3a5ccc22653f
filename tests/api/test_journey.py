"""The whole migrant journey through the API alone (issue 17): sign in with a
token → catalogue → enroll → a lesson's content → progress recorded offline
and sent as one batch → the quiz (started online, answered and submitted in
the batch) → the certificate, its PDF and its credential link."""

import uuid

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from certificates.demo import load_certificates
from cms.models import LessonPage
from core.tracks import CompletionRule
from lms.celery import app
from tests.assessments.factories import make_bank, make_question, make_quiz
from tests.builders import TEST_PASSWORD, make_course, make_people
from tests.certificates.conftest import add_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(tree):
    load_certificates()
    bank = make_bank()
    quiz = make_quiz([make_question(bank, text="Паспорт?")], pass_mark=50)
    course = make_course(
        tree.migrant, title="Safe migration", slug="orientation", modules=1, lessons=2,
        completion_rule=CompletionRule.LESSONS_AND_FINAL, estimated_minutes=120,
    )  # fmt: skip
    last = LessonPage.objects.descendant_of(course).order_by("path").last()
    last.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": "final"}}]
    last.save_revision().publish()
    return course


def _item(kind, **data):
    return {"id": str(uuid.uuid4()), "kind": kind, "at": timezone.now().isoformat(),
            "data": data}  # fmt: skip


def test_sign_in_to_certificate_through_the_api(course, django_capture_on_commit_callbacks):
    people = make_people()
    add_profile(people.migrant, "Ҷамшед Қодиров")
    api = APIClient()
    credentials = {"identifier": "migrant1", "password": TEST_PASSWORD}
    signed_in = api.post("/api/v1/auth/token/", credentials, format="json")
    assert signed_in.status_code == 201
    api.credentials(HTTP_AUTHORIZATION=f"Token {signed_in.json()['token']}")

    catalogue = api.get("/api/v1/courses/?language=tg").json()["results"]
    assert course.pk in [c["id"] for c in catalogue]
    outline = api.get(f"/api/v1/courses/{course.pk}/").json()
    lessons = [lesson["id"] for m in outline["modules"] for lesson in m["lessons"]]
    assert api.post("/api/v1/enrollments/", {"course": course.pk}, format="json").status_code == 201
    blocks = api.get(f"/api/v1/lessons/{lessons[-1]}/").json()["blocks"]
    assert blocks[0]["type"] == "quiz" and blocks[0]["role"] == "final"

    started = api.post("/api/v1/attempts/", {"lesson": lessons[-1]}, format="json")
    assert started.status_code == 201, started.content
    attempt = started.json()
    question = attempt["questions"][0]
    right = next(c["id"] for c in question["choices"] if c["text"] == "Keep it")

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            results = api.post("/api/v1/sync/", {"items": [
                *(_item("progress", lesson=pk, progress=1) for pk in lessons),
                _item("answers", attempt=attempt["uuid"],
                      answers={str(question["position"]): right}),
                _item("submit", attempt=attempt["uuid"]),
            ]}, format="json").json()["results"]  # fmt: skip
    finally:
        app.conf.task_always_eager = previous
    assert [r["status"] for r in results] == ["applied"] * 4, results
    assert results[-1]["result"]["passed"] is True

    certificates = api.get("/api/v1/certificates/").json()["results"]
    assert len(certificates) == 1, certificates
    certificate = certificates[0]
    assert certificate["course"] == course.pk and certificate["status"] == "awarded"
    assert certificate["holder_name"] == "Ҷамшед Қодиров"
    pdf = api.get(certificate["pdf_url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert api.get(certificate["credential_url"]).status_code == 200
    # Another learner's token sees none of it.
    other = APIClient()
    key = other.post("/api/v1/auth/token/", {"identifier": "migrant2", "password": TEST_PASSWORD},
                     format="json").json()["token"]  # fmt: skip
    other.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert other.get("/api/v1/certificates/").json()["results"] == []
    assert other.get(certificate["pdf_url"]).status_code == 404
    assert other.get(f"/api/v1/attempts/{attempt['uuid']}/").status_code == 404
