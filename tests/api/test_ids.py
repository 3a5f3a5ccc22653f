"""Every API endpoint that takes an id (issue 17): for a migrant, another
learner's object and a staff-track object answer 404, exactly like a missing
id. The cases are generated from the router's URL patterns, every method of
every pattern with an id in it: a new endpoint is covered automatically once
its object kind is classified in OBJECTS, and fails this test until then."""

from __future__ import annotations

import pytest
from django.urls import URLPattern
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.tokens import api_token_create
from assessments import services as assessment_services
from certificates import services as certificate_services
from cms.models import LessonPage
from courses import services as course_services
from lms import api_router
from tests.assessments.factories import make_quiz
from tests.builders import TEST_PASSWORD, make_course
from tests.certificates.conftest import add_profile, complete_course

pytestmark = pytest.mark.django_db

LOOKUPS = ("pk", "uuid", "id")


def _id_routes():
    """(route name, URL template, HTTP method) for each pattern of the API with
    an id in it (the router's format-suffix copies left out)."""
    routes = []
    for pattern in api_router.urlpatterns:
        if not isinstance(pattern, URLPattern):
            continue
        groups = pattern.pattern.regex.groupindex
        lookup = next((g for g in LOOKUPS if g in groups), None)
        if lookup is None or "format" in groups:
            continue
        template = "/api/v1/" + str(pattern.pattern).lstrip("^").rstrip("$")
        template = template.replace(f"(?P<{lookup}>[^/.]+)", "{id}")
        actions = getattr(pattern.callback, "actions", None) or {"get": "retrieve"}
        for method in sorted(actions):
            routes.append(pytest.param(pattern.name, template, method,
                                       id=f"{method.upper()} {template}"))  # fmt: skip
    return routes


ROUTES = _id_routes()

# The object kind behind each route name's id. A route named here with None for
# "other" has no owner (a course, a lesson): only the staff-track case applies.
OBJECTS = {
    "course-detail": "course",
    "lesson-detail": "lesson",
    "enrollment-detail": "enrollment",
    "attempt-detail": "attempt",
    "attempt-answer": "attempt",
    "attempt-submit": "attempt",
    "certificate-detail": "certificate",
    "certificate-pdf": "certificate",
    "token-detail": "token",
}


def _quiz_course(index, **fields):
    course = make_course(index, lessons=1, **fields)
    lesson = LessonPage.objects.descendant_of(course).get()
    lesson.body = [{"type": "quiz", "value": {"quiz": make_quiz().pk, "role": "lesson"}}]
    lesson.save_revision().publish()
    return course, lesson


@pytest.fixture
def world(tree, people_with_profiles):
    from certificates.demo import load_certificates

    load_certificates()
    people = people_with_profiles
    migrant_course, migrant_lesson = _quiz_course(tree.migrant, title="Orientation", slug="o")
    staff_course, staff_lesson = _quiz_course(tree.staff, title="Trainer", slug="t")

    def objects_of(user, course, lesson):
        course_services.enrollment_create(
            user=user, course=course, approved_by=user if course.track == "staff" else None
        )
        attempt = assessment_services.attempt_start(user=user, lesson=lesson)
        enrollment = complete_course(user, course)
        certificate = certificate_services.certificate_issue(enrollment=enrollment)
        token, _ = api_token_create(user=user, name="phone")
        assert certificate is not None
        return {
            "course": course.pk, "lesson": lesson.pk, "enrollment": enrollment.pk,
            "attempt": attempt.uuid, "certificate": certificate.uuid, "token": token.pk,
        }  # fmt: skip

    return {
        "other": objects_of(people.other, migrant_course, migrant_lesson),
        "staff": objects_of(people.staff, staff_course, staff_lesson),
        "migrant": people.migrant,
    }


@pytest.fixture
def people_with_profiles(db):
    from tests.builders import make_people

    people = make_people()
    add_profile(people.migrant, "Ҷамшед Қодиров")
    add_profile(people.other, "Zarina Gafurova")
    add_profile(people.staff, "Нилуфар Раҳимова")
    return people


def test_every_id_route_is_classified():
    assert ROUTES, "no API route with an id found"
    unclassified = sorted({p.values[0] for p in ROUTES} - set(OBJECTS))
    assert not unclassified, f"classify these routes in OBJECTS: {unclassified}"


@pytest.mark.parametrize("owner", ["other", "staff"])
@pytest.mark.parametrize(("name", "template", "method"), ROUTES)
def test_someone_elses_or_a_staff_track_id_is_not_found(world, owner, name, template, method):
    kind = OBJECTS.get(name)
    assert kind is not None, f"{name} ({template}) takes an id: classify it in OBJECTS"
    if owner == "other" and kind in ("course", "lesson"):
        # Courses and lessons have no owner; the other learner's course is a
        # migrant course the migrant may see, so only the staff case applies.
        pytest.skip("courses and lessons have no owner")
    api = APIClient()
    credentials = {"identifier": "migrant1", "password": TEST_PASSWORD}
    signed_in = api.post("/api/v1/auth/token/", credentials, format="json")
    api.credentials(HTTP_AUTHORIZATION=f"Token {signed_in.json()['token']}")
    url = template.replace("{id}", str(world[owner][kind]))
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code == 404, (url, response.status_code, response.content[:300])
    assert response.json()["error"]["code"] == "not_found", response.content[:300]
    missing = template.replace("{id}", "00000000-0000-4000-8000-000000000000"
                               if kind in ("attempt", "certificate") else "99999999")  # fmt: skip
    assert getattr(api, method)(missing, {}, format="json").json() == response.json()
    if kind == "token":
        assert ApiToken.objects.filter(pk=world[owner]["token"]).exists()


@pytest.mark.parametrize("bad", ["not-a-uuid", "ÿÛfù¢\x9dÇa4Ó0", "1"])
def test_a_malformed_certificate_id_is_not_found(people_with_profiles, bad):
    """Found by the schemathesis run: a certificate's PDF with an id that is
    no uuid was a 500."""
    api = APIClient()
    api.force_authenticate(people_with_profiles.migrant)
    for path in (f"/api/v1/certificates/{bad}/pdf/", f"/api/v1/certificates/{bad}/"):
        response = api.get(path)
        assert response.status_code == 404, (path, response.status_code)
        assert response.json()["error"]["code"] == "not_found"
