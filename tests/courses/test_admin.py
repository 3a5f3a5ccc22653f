import pytest

from courses import services
from courses.models import Cohort, Enrollment
from tests.builders import make_course

pytestmark = pytest.mark.django_db


def test_administrator_approves_a_pending_request(admin_client, people, tree):
    course = make_course(tree.staff, title="Trainer", slug="trainer")
    enrollment = services.enrollment_create(user=people.staff, course=course)
    response = admin_client.post(
        "/django-admin/courses/enrollment/",
        {"action": "approve", "_selected_action": [enrollment.pk]},
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE


def test_a_cohort_saved_in_the_admin_enrolls_its_members(admin_client, people, tree):
    course = make_course(tree.staff, title="Trainer", slug="trainer")
    response = admin_client.post(
        "/django-admin/courses/cohort/add/",
        {
            "name": "Khujand trainers, March 2027",
            "course": course.pk,
            "start_date": "2027-03-01",
            "end_date": "2027-03-31",
            "members": [people.staff.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cohort = Cohort.objects.get()
    assert list(cohort.members.all()) == [people.staff]
    enrollment = Enrollment.objects.get(user=people.staff, course=course)
    assert (enrollment.status, enrollment.cohort) == (Enrollment.Status.ACTIVE, cohort)


def test_only_verified_staff_can_be_cohort_members(admin_client, people, tree):
    course = make_course(tree.staff, title="Trainer", slug="trainer")
    response = admin_client.post(
        "/django-admin/courses/cohort/add/",
        {
            "name": "Cohort",
            "course": course.pk,
            "start_date": "2027-03-01",
            "end_date": "2027-03-31",
            "members": [people.migrant.pk],
        },
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Cohort.objects.exists()
    assert not Enrollment.objects.exists()
