"""The catalogue, a course's outline and a lesson's content through the API
(issue 17), with the wall: a staff-track course or lesson is not found for a
migrant or an anonymous caller, by id or through a filter."""

from urllib.parse import urlparse

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken  # noqa: F401 (the app's models are loaded)
from cms.models import DestinationCountry, LessonPage
from tests.assessments.factories import make_quiz
from tests.builders import make_course, make_image, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def courses(tree):
    russia = DestinationCountry.objects.create(name="Россия", code="RU", locale=tree.home.locale)
    quiz = make_quiz()
    image = make_image()
    body = [
        {"type": "heading", "value": {"text": "Ҳуҷҷатҳо", "level": "h2"}},
        {"type": "text", "value": '<p>Паспорт <a href="https://example.org">ва</a> виза.</p>'},
        {"type": "image", "value": {"image": image.pk, "alt": "Паспорт", "caption": ""}},
        {"type": "checklist", "value": {"title": "Пеш аз сафар", "items": ["Паспорт", "Чипта"]}},
        {"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}},
    ]
    migrant = make_course(tree.migrant, title="Orientation", slug="orientation", body=body,
                          modules=2, lessons=2)  # fmt: skip
    migrant.destination_countries.add(russia)
    migrant.save_revision().publish()
    staff = make_course(tree.staff, title="Trainer course", slug="trainer")
    return migrant, staff, quiz


def _lessons(course):
    return LessonPage.objects.descendant_of(course).live().order_by("path")


def _as(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_catalogue_filters_and_the_wall(people, courses):
    migrant_course, staff_course, _ = courses
    ids = lambda r: {c["id"] for c in r.json()["results"]}  # noqa: E731
    for user in (None, people.migrant, people.unverified):
        listed = _as(user).get("/api/v1/courses/")
        assert migrant_course.pk in ids(listed) and staff_course.pk not in ids(listed)
        assert staff_course.pk not in ids(_as(user).get("/api/v1/courses/?track=staff"))
        assert _as(user).get(f"/api/v1/courses/{staff_course.pk}/").status_code == 404
    assert staff_course.pk in ids(_as(people.staff).get("/api/v1/courses/?track=staff"))
    assert ids(_as().get("/api/v1/courses/?destination=ru")) == {migrant_course.pk}
    assert ids(_as().get("/api/v1/courses/?destination=KZ")) == set()
    assert ids(_as().get("/api/v1/courses/?language=tg&track=migrant")) >= {migrant_course.pk}
    assert ids(_as().get("/api/v1/courses/?language=ru")) == set()


@pytest.mark.parametrize(
    "query",
    ["language=xx", "track=nope", "destination=RUS", "destination=1", "language=" + "x" * 500],
)
def test_a_bad_filter_is_400_naming_it(courses, query):
    response = _as().get(f"/api/v1/courses/?{query}")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {query.split("=")[0]}


def test_the_course_detail_lists_modules_and_lessons(courses):
    course = courses[0]
    data = _as().get(f"/api/v1/courses/{course.pk}/").json()
    assert [m["number"] for m in data["modules"]] == [1, 2]
    lessons = [lesson["id"] for m in data["modules"] for lesson in m["lessons"]]
    assert lessons == [lesson.pk for lesson in _lessons(course)]


def test_a_lesson_as_structured_blocks(people, courses):
    course, _, quiz = courses
    lesson = _lessons(course).first()
    data = _as(people.migrant).get(f"/api/v1/lessons/{lesson.pk}/").json()
    assert data["course"] == course.pk and data["language"] == "tg"
    kinds = [b["type"] for b in data["blocks"]]
    assert kinds == ["heading", "text", "image", "checklist", "quiz"]
    heading, text, image, checklist, quiz_block = data["blocks"]
    assert heading["text"] == "Ҳуҷҷатҳо"
    assert 'href="https://example.org"' in text["html"] and "<script" not in text["html"]
    widths = [r["width"] for r in image["renditions"]]
    assert widths == [320, 640, 960]
    # (on S3 storage the URL is signed: a query string follows the file name)
    assert all(urlparse(r["url"]).path.endswith(".webp") for r in image["renditions"])
    assert all(r["bytes"] > 0 for r in image["renditions"]) and image["alt"] == "Паспорт"
    assert checklist["items"] == ["Паспорт", "Чипта"]
    assert quiz_block["quiz"] == quiz.pk and quiz_block["role"] == "lesson"


def test_a_staff_lesson_is_not_found_for_a_migrant(people, courses):
    staff_lesson = _lessons(courses[1]).first()
    for user in (None, people.migrant, people.unverified):
        assert _as(user).get(f"/api/v1/lessons/{staff_lesson.pk}/").status_code == 404
    assert _as(people.staff).get(f"/api/v1/lessons/{staff_lesson.pk}/").status_code == 200
    for forged in ("x", "0", "-3", "99999999999999999999"):
        assert _as(people.migrant).get(f"/api/v1/lessons/{forged}/").status_code == 404
