"""Bad input gets a 4xx, never a 500: ids too large for the database, JSON
nested too deep or too large, and the admin's snippet search."""

import json

import pytest

from cms.demo import load_site
from courses.tracks import Track
from tests.assessments.factories import make_question, make_quiz
from tests.builders import make_course, make_people

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # more than a 64-bit integer holds


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def course(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _home, tracks = load_site()
    return make_course(tracks[Track.MIGRANT], title="Orientation", slug="orientation")


# --- Ids larger than the database holds ---------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "migrant", "admin"])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"/api/v1/courses/{HUGE}/"),
        ("get", f"/api/v1/enrollments/{HUGE}/"),
        ("get", f"/en/learn/courses/{HUGE}/resume/"),
        ("post", f"/en/learn/courses/{HUGE}/enroll/"),
        ("post", f"/en/learn/lessons/{HUGE}/progress/"),
        ("post", f"/en/learn/lessons/{HUGE}/quiz/start/"),
        ("get", f"/en/learn/practical/{HUGE}/{HUGE}/"),
        ("get", f"/admin/assessments/course/{HUGE}/"),
        ("get", f"/admin/assessments/quiz/{HUGE}/analysis/"),
        ("get", f"/admin/pages/{HUGE}/edit/"),
        ("get", f"/admin/snippets/assessments/quiz/edit/{HUGE}/"),
        ("get", f"/django-admin/accounts/user/{HUGE}/change/"),
        ("get", f"/verify/status/{HUGE}"),
        ("get", "/media/images/" + "x" * 3000 + ".png"),  # a name too long for the disk
    ],
)
def test_huge_ids_in_urls_are_not_found(client, people, course, role, method, url):
    if role != "anonymous":
        client.force_login(getattr(people, role))
    response = getattr(client, method)(url)
    assert response.status_code < 500, (url, response.status_code)
    assert response.status_code in (302, 403, 404, 405), (url, response.status_code)


@pytest.mark.parametrize("url", ["/api/v1/attempts/", "/api/v1/enrollments/", "/api/v1/progress/"])
@pytest.mark.parametrize("field_value", [HUGE, int(HUGE), -int(HUGE), "1e400", [1], {"a": 1}])
def test_huge_or_wrong_ids_in_api_bodies_are_refused(client, people, course, url, field_value):
    client.force_login(people.migrant)
    field = "course" if url == "/api/v1/enrollments/" else "lesson"
    body = {field: field_value, "progress": 0.5}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code in (400, 404), (url, field_value, response.status_code)


# --- JSON nested too deep, or too large -----------------------------------------------

API_POSTS = [
    "/api/v1/progress/", "/api/v1/enrollments/", "/api/v1/attempts/", "/api/v1/video-events/"
]  # fmt: skip


@pytest.mark.parametrize("url", API_POSTS)
@pytest.mark.parametrize("shape", ["[", '{"a":'])
def test_deeply_nested_json_is_refused(client, people, url, shape):
    client.force_login(people.migrant)
    closing = {"[": "]", '{"a":': "}"}[shape]
    body = shape * 5000 + "1" + closing * 5000
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.status_code
    assert "nested too deeply" in response.json()["error"]["message"]


def test_json_just_within_the_depth_limit_is_parsed(client, people, settings):
    client.force_login(people.migrant)
    depth = settings.SAFAR_JSON_MAX_DEPTH
    extra = json.loads("[" * (depth - 1) + "]" * (depth - 1))
    body = {"lesson": 1, "progress": 0.5, "extra": extra}
    response = client.post("/api/v1/progress/", json.dumps(body), content_type="application/json")
    assert response.status_code == 404  # parsed; lesson 1 does not exist


def test_too_large_json_is_refused(client, people, settings):
    settings.SAFAR_JSON_MAX_BYTES = 1024
    client.force_login(people.migrant)
    body = json.dumps({"lesson": 1, "progress": 0.5, "pad": "x" * 2000})
    response = client.post("/api/v1/progress/", body, content_type="application/json")
    assert response.status_code == 400
    assert "too large" in response.json()["error"]["message"]


def test_a_deep_video_event_sent_as_a_form_is_refused(client, people):
    client.force_login(people.migrant)
    response = client.post("/api/v1/video-events/", {"event": "[" * 5000 + "]" * 5000})
    assert response.status_code == 400


# --- The admin's snippet search ---------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "author"])
@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/admin/snippets/assessments/quiz/", "exam"),
        ("/admin/snippets/assessments/question/", "border"),
        ("/admin/snippets/assessments/questionbank/", "border"),
        ("/admin/snippets/assessments/rubric/", "session"),
    ],
)
def test_assessment_snippet_search_works(client, people, who, url, query):
    from django.contrib.auth.models import Group

    from courses.tracks import MIGRANT_AUTHORS

    make_quiz(title="Final exam", questions=[make_question(text="At the border, show…")])
    make_quiz(title="Staff exam", track=Track.STAFF)
    if who == "author":
        user = people.other
        user.groups.add(Group.objects.get(name=MIGRANT_AUTHORS))
        user.is_staff = True
        user.save()
    else:
        user = people.admin
    client.force_login(user)
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    if url.endswith("/quiz/"):
        body = response.content.decode()
        assert "Final exam" in body
        assert ("Staff exam" in body) == (who == "admin")
