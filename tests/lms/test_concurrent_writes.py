"""The embedded default takes one phone tapping twice: parallel writes by one
learner against a live server (real threads, real connections) answer 2xx/4xx,
never "database is locked" (500). On SQLite that needs WAL, a busy timeout and
IMMEDIATE transactions (lms/settings/environment.py); PostgreSQL runs it too."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from cms.demo import load_site
from cms.models import LessonPage
from courses.tracks import Track
from tests.builders import make_course, make_people

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 8
CSRF = "c" * 32  # an unmasked CSRF secret: cookie and header carry the same


def _post_in_parallel(url, body, cookie):
    barrier = threading.Barrier(PARALLEL)
    statuses = []

    def post():
        request = urllib.request.Request(  # noqa: S310  (the live server's http URL)
            url,
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Cookie": cookie,
                "X-CSRFToken": CSRF,
            },
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=post) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def test_parallel_writes_by_one_learner_never_fail(live_server, client):
    people = make_people()
    _home, tracks = load_site()
    course = make_course(tracks[Track.MIGRANT], title="Orientation", slug="orientation", lessons=2)
    lesson = LessonPage.objects.descendant_of(course).first()
    client.force_login(people.migrant)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    cookie += f"; {settings.CSRF_COOKIE_NAME}={CSRF}"

    enrollments = _post_in_parallel(
        f"{live_server.url}/api/v1/enrollments/", {"course": course.pk}, cookie
    )
    assert len(enrollments) == PARALLEL
    assert all(status < 500 for status in enrollments), enrollments
    assert enrollments.count(201) == 1, enrollments  # the others: already enrolled

    progress = _post_in_parallel(
        f"{live_server.url}/api/v1/progress/", {"lesson": lesson.pk, "progress": 0.5}, cookie
    )
    assert progress == [200] * PARALLEL, progress
