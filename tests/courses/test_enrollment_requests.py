"""Requests to join a trainer course: one per learner and course, waiting on the
course page, approved or refused once in the Wagtail admin (Settings ›
Enrollment requests) by people with the permission, with the learners' names."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError
from django.urls import reverse

from courses import services
from courses.exceptions import AlreadyEnrolled, EnrollmentNotAllowed, EnrollmentRefused
from courses.models import Enrollment
from courses.tracks import CompletionRule
from tests.builders import TEST_PASSWORD, make_course
from xapi.models import Statement

pytestmark = pytest.mark.django_db

QUEUE = "/admin/enrollment-requests/"


@pytest.fixture
def trainer(tree):
    return make_course(
        tree.staff, title="Trainer course", slug="trainer", completion_rule=CompletionRule.LESSONS
    )


@pytest.fixture
def named_staff(people):
    from accounts.models import LearnerProfile

    LearnerProfile.objects.create(
        user=people.staff, full_name="Зарина Раҳимова", gender="female", birth_year=1988,
        region="sughd", district="Хуҷанд", destination="RU",
    )  # fmt: skip
    return people.staff


def _decide(client, enrollment, decision):
    return client.post(f"{QUEUE}{enrollment.pk}/", {"decision": decision})


def test_asking_twice_returns_the_same_request(people, trainer):
    first = services.enrollment_create(user=people.staff, course=trainer)
    again = services.enrollment_create(user=people.staff, course=trainer)
    assert first.pk == again.pk and again.status == Enrollment.Status.PENDING
    assert Enrollment.objects.count() == 1


def test_the_database_holds_one_request_per_learner_and_course(people, trainer):
    services.enrollment_create(user=people.staff, course=trainer)
    with pytest.raises(IntegrityError):
        Enrollment.objects.create(user=people.staff, course=trainer, source="approval",
                                  status="pending")  # fmt: skip


def test_approving_twice_registers_once(people, trainer):
    request = services.enrollment_create(user=people.staff, course=trainer)
    assert not Statement.objects.filter(verb_id__endswith="/registered").exists()
    services.enrollment_approve(enrollment=request, approved_by=people.admin)
    services.enrollment_approve(enrollment=request, approved_by=people.other)
    request.refresh_from_db()
    assert (request.status, request.approved_by) == ("active", people.admin)
    assert request.decided_at is not None
    assert Statement.objects.filter(verb_id__endswith="/registered").count() == 1
    with pytest.raises(AlreadyEnrolled):
        services.enrollment_create(user=people.staff, course=trainer)


def test_a_refused_request_stays_refused_and_keeps_the_learner_out(people, trainer):
    request = services.enrollment_create(user=people.staff, course=trainer)
    services.enrollment_refuse(enrollment=request, refused_by=people.admin)
    services.enrollment_refuse(enrollment=request, refused_by=people.other)
    request.refresh_from_db()
    assert (request.status, request.refused_by) == ("refused", people.admin)
    with pytest.raises(EnrollmentRefused):
        services.enrollment_create(user=people.staff, course=trainer)
    assert Enrollment.objects.count() == 1
    assert not Statement.objects.filter(verb_id__endswith="/registered").exists()


def test_refusing_someone_already_in_the_course_changes_nothing(people, trainer):
    request = services.enrollment_create(user=people.staff, course=trainer)
    services.enrollment_approve(enrollment=request, approved_by=people.admin)
    services.enrollment_refuse(enrollment=request, refused_by=people.admin)
    request.refresh_from_db()
    assert request.status == "active"


def test_staff_no_longer_verified_cannot_be_approved(people, trainer):
    from accounts.services import staff_unverify

    request = services.enrollment_create(user=people.staff, course=trainer)
    staff_unverify(profile=people.staff.staff_profile)
    people.staff.refresh_from_db()
    with pytest.raises(EnrollmentNotAllowed):
        services.enrollment_approve(enrollment=request, approved_by=people.admin)
    request.refresh_from_db()
    assert request.status == "pending"


def test_the_learner_waits_on_the_course_page_not_in_lesson_one(client, people, trainer):
    client.force_login(people.staff)
    enroll = reverse("courses:enroll", args=[trainer.pk])
    for _ in range(2):  # a double click
        response = client.post(enroll)
        assert response.status_code == 302
        assert response["Location"] == trainer.url + "#enrollment"
    assert Enrollment.objects.count() == 1
    page = client.get(trainer.url).content.decode()
    assert 'id="enrollment"' in page and 'class="warn"' in page  # (in Tajik)
    assert enroll not in page  # no second request to make
    resume = client.get(reverse("courses:resume", args=[trainer.pk]))
    assert resume["Location"] == trainer.url + "#enrollment"
    assert 'class="warn"' in client.get(reverse("courses:my_courses")).content.decode()


def test_a_refused_learner_is_told_so(client, people, trainer):
    request = services.enrollment_create(user=people.staff, course=trainer)
    services.enrollment_refuse(enrollment=request, refused_by=people.admin)
    client.force_login(people.staff)
    page = client.get(trainer.url).content.decode()
    assert 'class="warn"' in page and "/enroll/" not in page
    assert client.post(reverse("courses:enroll", args=[trainer.pk])).status_code == 409
    assert 'class="warn"' in client.get(reverse("courses:my_courses")).content.decode()


def test_the_queue_names_the_people_and_approves(admin_client, people, named_staff, trainer):
    request = services.enrollment_create(user=named_staff, course=trainer)
    queue = admin_client.get(QUEUE)
    html = queue.content.decode()
    assert queue.status_code == 200
    assert "Зарина Раҳимова" in html and "Migration Service" in html and "Trainer course" in html
    assert "Approved by an administrator" not in html
    assert _decide(admin_client, request, "approve").status_code == 302
    request.refresh_from_db()
    assert request.status == "active" and request.approved_by.username == "admin"
    after = admin_client.get(QUEUE).content.decode()
    assert "No request is waiting for approval." in after
    assert "Approved" in after


def test_the_queue_refuses_and_can_approve_after_all(admin_client, people, trainer):
    request = services.enrollment_create(user=people.staff, course=trainer)
    _decide(admin_client, request, "refuse")
    request.refresh_from_db()
    assert request.status == "refused"
    assert "Approve after all" in admin_client.get(QUEUE).content.decode()
    _decide(admin_client, request, "approve")
    request.refresh_from_db()
    assert request.status == "active"


@pytest.mark.parametrize("decision", ["", "maybe", "APPROVE"])
def test_a_decision_that_is_not_one_is_400_and_changes_nothing(admin_client, people, trainer,
                                                                decision):  # fmt: skip
    request = services.enrollment_create(user=people.staff, course=trainer)
    assert _decide(admin_client, request, decision).status_code == 400
    request.refresh_from_db()
    assert request.status == "pending"


def test_only_requests_can_be_decided(admin_client, people, tree, trainer):
    orientation = make_course(tree.migrant, title="Orientation", slug="orientation")
    enrolled = services.enrollment_create(user=people.migrant, course=orientation)
    assert _decide(admin_client, enrolled, "refuse").status_code == 404
    assert admin_client.post(f"{QUEUE}999999/", {"decision": "approve"}).status_code == 404
    enrolled.refresh_from_db()
    assert enrolled.status == "active"


def test_the_queue_needs_the_permission(client, people, trainer):
    from accounts.models import User

    request = services.enrollment_create(user=people.staff, course=trainer)
    editor = User.objects.create_user("editor", password=TEST_PASSWORD)
    editor.groups.add(Group.objects.get(name="MRC editors"))
    client.force_login(editor)
    assert client.get(QUEUE).status_code in (302, 403)
    assert _decide(client, request, "approve").status_code in (302, 403)
    request.refresh_from_db()
    assert request.status == "pending"
    assert QUEUE not in client.get("/admin/").content.decode()
    editor.user_permissions.add(Permission.objects.get(codename="approve_enrollment"))
    editor = User.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 200
    assert _decide(client, request, "approve").status_code == 302
    request.refresh_from_db()
    assert request.status == "active"


def test_the_django_admin_no_longer_calls_a_request_approved(admin_client, people, trainer):
    services.enrollment_create(user=people.staff, course=trainer)
    html = admin_client.get("/django-admin/courses/enrollment/").content.decode()
    assert "Approved by an administrator" not in html
    assert "On request to an administrator" in html
