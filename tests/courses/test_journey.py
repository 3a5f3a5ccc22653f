"""A migrant from sign-up to a completed course, and staff enrollment gated by
verification, through the same pages and forms a person uses."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import staff_verify
from cms.models import LessonPage
from core.tracks import CompletionRule
from courses.models import CourseCompletion, Enrollment, LessonProgressLog
from tests.builders import make_course

pytestmark = pytest.mark.django_db

PASSWORD = "kuhi-pomir-2027"


def signup(client, contact, **extra):
    data = {
        "contact": contact,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Ҷамшед Қодиров",
        "gender": "male",
        "birth_year": "1996",
        "region": "khatlon",
        "district": "Бохтар",
        "destination": "RU",
        "consent": "on",
        **extra,
    }
    url = reverse("accounts:signup_staff" if "organisation" in extra else "accounts:signup")
    assert client.post(url, data).status_code == 302


def test_migrant_from_signup_to_completed_course(client, tree):
    course = make_course(
        tree.migrant,
        title="Safe migration",
        slug="safe",
        modules=2,
        lessons=2,
        completion_rule=CompletionRule.LESSONS,
    )
    signup(client, "93 555 12 34")
    page = client.get(course.url)
    assert page.status_code == 200
    assert f"/learn/courses/{course.pk}/enroll/" in page.content.decode()  # the enroll form
    response = client.post(reverse("courses:enroll", args=[course.pk]))
    assert response.status_code == 302
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    # Opening the course resumes at the first unfinished lesson, each time.
    for lesson in lessons:
        resume = client.get(reverse("courses:resume", args=[course.pk]))
        assert resume["Location"] == lesson.url
        lesson_html = client.get(lesson.url).content.decode()
        assert f"/learn/lessons/{lesson.pk}/progress/" in lesson_html  # the "finished" form
        done = client.post(reverse("courses:progress", args=[lesson.pk]), {"progress": "1"})
        assert done.status_code == 302
    assert CourseCompletion.objects.count() == 1
    my = client.get(reverse("courses:my_courses")).content.decode()
    assert 'class="completed-courses"' in my and "Safe migration" in my
    assert client.get(reverse("courses:resume", args=[course.pk]))["Location"] == course.url


def test_staff_enrollment_is_blocked_until_verified(client, tree, admin_user):
    course = make_course(tree.staff, title="Trainer course", slug="trainer")
    signup(client, "staff@migration.tj", organisation="Migration Service", position="Inspector")
    # Unverified: the trainer course does not exist for them.
    assert client.get(course.url).status_code == 404
    assert client.post(reverse("courses:enroll", args=[course.pk])).status_code == 404
    assert not Enrollment.objects.exists()
    staff_verify(
        profile=User.objects.get(email="staff@migration.tj").staff_profile,
        verified_by=admin_user,
    )
    assert client.get(course.url).status_code == 200
    assert client.post(reverse("courses:enroll", args=[course.pk])).status_code == 302
    assert Enrollment.objects.get().status == Enrollment.Status.PENDING


class TestBadInput:
    @pytest.fixture
    def setup(self, client, tree):
        course = make_course(
            tree.migrant,
            title="Orientation",
            slug="orientation",
            lessons=2,
            completion_rule=CompletionRule.LESSONS,
        )
        other = make_course(tree.migrant, title="Other", slug="other")
        signup(client, "93 555 12 34")
        client.post(reverse("courses:enroll", args=[course.pk]))
        lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
        other_lesson = LessonPage.objects.descendant_of(other).first()
        return course, lessons, other_lesson

    def test_enrolling_twice_is_409_and_writes_nothing(self, client, setup):
        course, _, _ = setup
        assert client.post(reverse("courses:enroll", args=[course.pk])).status_code == 409
        api = client.post("/api/v1/enrollments/", {"course": course.pk})
        assert api.status_code == 409
        assert Enrollment.objects.count() == 1

    def test_progress_for_a_course_not_enrolled_in_is_403(self, client, setup):
        _, _, other_lesson = setup
        web = client.post(reverse("courses:progress", args=[other_lesson.pk]), {"progress": "1"})
        api = client.post(
            "/api/v1/progress/",
            {"lesson": other_lesson.pk, "progress": 1},
            content_type="application/json",
        )
        assert (web.status_code, api.status_code) == (403, 403)
        assert not LessonProgressLog.objects.exists()

    @pytest.mark.parametrize("value", ["1.5", "-0.2", "lots", ""])
    def test_progress_out_of_range_is_400(self, client, setup, value):
        _, lessons, _ = setup
        web = client.post(reverse("courses:progress", args=[lessons[0].pk]), {"progress": value})
        assert web.status_code == 400
        api = client.post(
            "/api/v1/progress/",
            {"lesson": lessons[0].pk, "progress": value or None},
            content_type="application/json",
        )
        assert api.status_code == 400
        assert not LessonProgressLog.objects.exists()

    def test_forged_ids_are_404(self, client, setup):
        assert client.post(reverse("courses:enroll", args=[999999])).status_code == 404
        assert (
            client.post(reverse("courses:progress", args=[999999]), {"progress": "1"}).status_code
            == 404
        )
        assert client.post("/api/v1/enrollments/", {"course": 999999}).status_code == 404
        assert (
            client.post(
                "/api/v1/progress/",
                {"lesson": 999999, "progress": 1},
                content_type="application/json",
            ).status_code
            == 404
        )

    def test_another_learners_enrollment_is_invisible(self, client, setup, django_user_model):
        course, _, _ = setup
        mine = Enrollment.objects.get()
        client.logout()
        django_user_model.objects.create_user("someone", password=PASSWORD)
        client.login(username="someone", password=PASSWORD)
        assert client.get(f"/api/v1/enrollments/{mine.pk}/").status_code == 404
        assert client.get("/api/v1/enrollments/").json()["results"] == []
        assert client.get(reverse("courses:resume", args=[course.pk])).status_code == 404

    def test_malformed_api_payload_is_400(self, client, setup):
        response = client.post("/api/v1/progress/", "{not json", content_type="application/json")
        assert response.status_code == 400
        response = client.post("/api/v1/enrollments/", {"course": "abc"})
        assert response.status_code == 400
