"""Completion is stored once (issue 16): the migration that drops the
"completed" enrollment status keeps every completion as a CourseCompletion
row, and its reverse puts the status back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.builders import make_course

BEFORE = [("courses", "0003_enrollment_requests_refusal")]
AFTER = [("courses", "0004_completion_stored_once")]


def _apps_at(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_completed_status_becomes_a_completion_row_and_back(people, tree):
    orientation = make_course(tree.migrant, title="Orientation", slug="orientation")
    apps = _apps_at(BEFORE)
    Enrollment = apps.get_model("courses", "Enrollment")
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    User = apps.get_model("accounts", "User")
    when = timezone.now().replace(microsecond=0)
    with_row, without_row, active = (
        Enrollment.objects.create(
            user=User.objects.get(pk=user.pk), course_id=orientation.pk, status=status,
            source="self",
        )
        for user, status in (
            (people.migrant, "completed"), (people.staff, "completed"), (people.admin, "active")
        )
    )  # fmt: skip
    CourseCompletion.objects.create(enrollment=with_row, completed_at=when)
    try:
        apps = _apps_at(AFTER)
        Enrollment = apps.get_model("courses", "Enrollment")
        CourseCompletion = apps.get_model("courses", "CourseCompletion")
        assert set(Enrollment.objects.values_list("status", flat=True)) == {"active"}
        rows = dict(CourseCompletion.objects.values_list("enrollment_id", "completed_at"))
        assert set(rows) == {with_row.pk, without_row.pk}
        assert rows[with_row.pk] == when
        assert rows[without_row.pk] == Enrollment.objects.get(pk=without_row.pk).updated_at

        apps = _apps_at(BEFORE)
        Enrollment = apps.get_model("courses", "Enrollment")
        statuses = dict(Enrollment.objects.values_list("pk", "status"))
        assert statuses == {
            with_row.pk: "completed", without_row.pk: "completed", active.pk: "active"
        }
    finally:
        _apps_at(MigrationExecutor(connection).loader.graph.leaf_nodes())
