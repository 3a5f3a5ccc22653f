"""Offline lessons in the phone's browser (issue 17), the server's side: the
service worker at the site root, the web app manifest, the list of files
"Save this course for offline" downloads (only for an enrolled learner of a
course they may see), the course page's panel, and sign-out clearing what the
phone keeps."""

import json

import pytest
from django.test import Client

from cms.models import LessonPage
from courses.models import Enrollment
from tests.builders import TEST_PASSWORD, make_course, make_image, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def courses(tree, people):
    image = make_image()
    body = [
        {"type": "text", "value": "<p>Ҳуҷҷатҳо</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "A form", "caption": ""}},
    ]
    course = make_course(
        tree.migrant, title="Orientation", slug="orientation", lessons=2, body=body
    )
    staff = make_course(tree.staff, title="Trainer", slug="trainer")
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    return course, staff


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_service_worker_is_served_from_the_root_with_its_scope_and_no_cache(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'addEventListener("fetch"' in body and "safar-sync" in body
    assert client.post("/sw.js").status_code == 405


def test_the_manifest_names_the_app_in_tajik_with_icons_and_a_theme(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Сафар" and manifest["lang"] == "tg"
    assert manifest["display"] == "standalone" and manifest["theme_color"] == "#005a8c"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert icon["src"].endswith(".png")


def test_every_page_links_the_manifest_and_the_small_offline_script(client, tree):
    html = client.get("/tg/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert 'id="safar-offline"' in html and "safar/offline.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_the_worker_and_its_script_stay_within_15_kb():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    sizes = [Path(finders.find(n)).stat().st_size for n in ("safar/sw.js", "safar/offline.js")]
    assert sum(sizes) <= 15 * 1024, sizes


def test_an_enrolled_learner_gets_the_course_files_with_their_sizes(people, courses):
    course, _staff = courses
    response = _signed_in(people.migrant).get(f"/tg/learn/courses/{course.pk}/offline/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    files = response.json()
    lessons = LessonPage.objects.descendant_of(course).live()
    urls = [p["url"] for p in files["pages"]]
    assert urls[0] == course.url
    assert {lesson.url for lesson in lessons} <= set(urls)
    assert not any("/admin/" in u or "/api/" in u for u in urls)
    assert len(files["images"]) == 2  # one image block in each lesson
    widths = [r["width"] for r in files["images"][0]["renditions"]]
    assert widths == [320, 640, 960]
    assert all(r["bytes"] > 0 for r in files["images"][0]["renditions"])
    assert any(s["url"].endswith("safar/offline.js") and s["bytes"] > 0 for s in files["static"])
    assert files["videos"] == []


@pytest.mark.parametrize("shape", ["untimed", "timed", "passed", "exhausted"])
def test_a_quiz_is_offered_offline_only_when_it_can_be_answered_there(people, tree, shape):
    """Untimed and still to pass: listed (the script starts its attempt while
    saving). A time limit needs the server's clock; a passed quiz, or one
    with no attempt left, has nothing to answer: not listed."""
    from assessments.models import Attempt
    from tests.assessments.factories import make_bank, make_question, make_quiz

    bank = make_bank()
    quiz = make_quiz(
        [make_question(bank, text="First?")],
        pass_mark=50,
        time_limit_minutes=20 if shape == "timed" else None,
        max_attempts=1 if shape == "exhausted" else 0,
    )
    body = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": "lesson"}}]
    course = make_course(tree.migrant, title="Quiz", slug="quiz", body=body)
    enrollment = Enrollment.objects.create(user=people.migrant, course=course, source="self")
    lesson = LessonPage.objects.descendant_of(course).live().get()
    if shape in ("passed", "exhausted"):
        client = _signed_in(people.migrant)
        client.post(f"/tg/learn/lessons/{lesson.pk}/quiz/start/")
        attempt = Attempt.objects.get(enrollment=enrollment)
        Attempt.objects.filter(pk=attempt.pk).update(
            status=Attempt.Status.SUBMITTED, percent=100 if shape == "passed" else 0,
            passed=shape == "passed", submitted_at=attempt.started_at,
        )  # fmt: skip
    files = _signed_in(people.migrant).get(f"/tg/learn/courses/{course.pk}/offline/").json()
    if shape == "untimed":
        assert files["quizzes"] == [
            {"lesson": lesson.pk, "start": f"/tg/learn/lessons/{lesson.pk}/quiz/start/"}
        ]
    else:
        assert files["quizzes"] == []


def test_the_course_files_are_not_found_unless_enrolled_in_a_course_one_may_see(people, courses):
    course, staff = courses
    url = "/tg/learn/courses/{}/offline/"
    assert Client().get(url.format(course.pk)).status_code == 404  # anonymous
    assert _signed_in(people.other).get(url.format(course.pk)).status_code == 404  # not enrolled
    # A staff-track course, for a migrant (even enrolled by mistake): 404.
    Enrollment.objects.create(user=people.migrant, course=staff, source="self")
    assert _signed_in(people.migrant).get(url.format(staff.pk)).status_code == 404
    assert _signed_in(people.migrant).get(url.format(999999)).status_code == 404
    assert _signed_in(people.migrant).post(url.format(course.pk)).status_code == 405


def test_the_course_page_offers_the_save_panel_to_an_enrolled_learner_only(people, courses):
    course, _staff = courses
    enrolled = _signed_in(people.migrant).get(course.url).content.decode()
    assert "data-offline-course" in enrolled and "safar/offline-save.js" in enrolled
    assert "hidden data-offline-course" in enrolled  # shown by the script only
    other = _signed_in(people.other).get(course.url).content.decode()
    assert "data-offline-course" not in other


def test_signing_out_tells_the_browser_to_clear_the_offline_copies(people):
    client = Client()
    assert client.login(username="migrant1", password=TEST_PASSWORD)
    response = client.post("/tg/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
