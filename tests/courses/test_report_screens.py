"""The reports' admin screen and its CSV export (courses/admin_views.py); the
figures themselves are tested in test_reports.py, whose data this reuses."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import User
from tests.builders import TEST_PASSWORD
from tests.courses.report_data import migrant

pytestmark = pytest.mark.django_db


def _reporter(perm=True, group=None):
    user = User.objects.create_user("reporter", password=TEST_PASSWORD, is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if perm:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="courses", codename="view_reports")
        )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def test_superuser_sees_the_menu_and_both_tracks(client, world):
    client.force_login(world.admin)
    home = client.get("/admin/").content.decode()
    assert "/admin/learner-reports/" in home
    assert client.get("/admin/learner-reports/")["Location"] == "/admin/learner-reports/migrant/"
    response = client.get("/admin/learner-reports/migrant/?date_from=2026-01-01&date_to=2026-06-30")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Safe migration" in html and "Learners by age group" in html
    assert "/admin/learner-reports/staff/" in html
    assert "<script>" not in html.split("<body")[1].split("</main>")[0]
    assert 'style="' not in html.split("<main")[1].split("</main>")[0]
    response = client.get("/admin/learner-reports/staff/?date_from=2026-01-01&date_to=2026-06-30")
    assert response.status_code == 200
    assert "Khujand trainers" in response.content.decode()


def test_default_period_is_this_year_to_today(client, world):
    client.force_login(world.admin)
    response = client.get("/admin/learner-reports/migrant/")
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["report"].date_from == today.replace(month=1, day=1)
    assert response.context["report"].date_to == today


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2026-06-30&date_to=2026-01-01",
        "date_from=yesterday&date_to=2026-01-01",
        "date_from=2026-02-30&date_to=2026-03-01",
        "date_from=&date_to=2026-03-01",
        "date_from=2026-01-01&date_to=2026-03-01&course=999999",
        "date_from=2026-01-01&date_to=9999-12-31",
        "date_from=0001-01-01&date_to=2026-03-01",
    ],
)
def test_bad_periods_are_form_errors(client, world, query):
    client.force_login(world.admin)
    response = client.get(f"/admin/learner-reports/migrant/?{query}")
    assert response.status_code == 400
    assert response.context["report"] is None
    assert response.context["form"].errors
    assert client.get(f"/admin/learner-reports/migrant/?{query}&format=csv").status_code == 400


def test_from_after_to_says_so(client, world):
    client.force_login(world.admin)
    response = client.get("/admin/learner-reports/migrant/?date_from=2026-06-30&date_to=2026-01-01")
    assert "The start of the period is after its end." in response.content.decode()


def test_a_course_of_the_other_track_is_not_a_choice(client, world):
    client.force_login(world.admin)
    query = f"date_from=2026-01-01&date_to=2026-06-30&course={world.trainer.pk}"
    assert client.get(f"/admin/learner-reports/migrant/?{query}").status_code == 400
    query = f"date_from=2026-01-01&date_to=2026-06-30&course={world.rights.pk}"
    assert client.get(f"/admin/learner-reports/migrant/?{query}").status_code == 200


def test_without_the_permission_403_and_no_menu(client, world):
    user = _reporter(perm=False)
    client.force_login(user)
    for url in (
        "/admin/learner-reports/",
        "/admin/learner-reports/migrant/",
        "/admin/learner-reports/staff/",
    ):
        # Wagtail turns the PermissionDenied into a redirect to the dashboard.
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Safe migration" not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    csv_url = "/admin/learner-reports/migrant/?date_from=2026-01-01&date_to=2026-06-30&format=csv"
    assert client.get(csv_url).status_code in (302, 403)
    assert "/admin/learner-reports/" not in client.get("/admin/").content.decode()


def test_the_staff_report_is_behind_the_wall(client, world):
    client.force_login(_reporter())
    assert "/admin/learner-reports/" in client.get("/admin/").content.decode()
    assert client.get("/admin/learner-reports/migrant/").status_code == 200
    assert client.get("/admin/learner-reports/staff/").status_code == 404
    assert client.get("/admin/learner-reports/nothing/").status_code == 404
    assert (
        "/admin/learner-reports/staff/"
        not in client.get("/admin/learner-reports/migrant/").content.decode()
    )


def test_mrc_editors_with_the_permission_see_the_staff_report(client, world):
    client.force_login(_reporter(group="MRC editors"))
    assert client.get("/admin/learner-reports/staff/").status_code == 200


def _csv_rows(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_export(client, world):
    client.force_login(world.admin)
    response = client.get(
        "/admin/learner-reports/migrant/?date_from=2026-01-01&date_to=2026-06-30&format=csv"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="safar-report-migrant-2026-01-01-2026-06-30.csv"'
        in response["Content-Disposition"]
    )
    rows = _csv_rows(response)
    assert rows[0] == ["Section", "Dimension", "Value", "Measure", "Number"]
    figures = {tuple(row[:4]): row[4] for row in rows[1:]}
    assert figures[("Summary", "Figure", "Enrollments", "Number")] == "4"
    assert figures[("Learners by gender", "Gender", "Female", "Completed learners")] == "1"
    assert figures[("Per course", "Course", "Safe migration", "Enrollments")] == "2"
    assert figures[("Month by month", "Month", "March 2026", "Enrollments")] == "2"
    report = migrant()
    assert len(rows) - 1 == sum(len(t.rows) * len(t.measures) for t in report.tables)


def test_csv_in_russian_keeps_cyrillic(client, world):
    client.force_login(world.admin)
    response = client.get(
        "/admin/learner-reports/staff/?date_from=2026-01-01&date_to=2026-06-30&format=csv",
        headers={"Accept-Language": "ru"},
    )
    rows = _csv_rows(response)
    assert rows[0][0] == "Раздел"
    figures = {tuple(row[:4]): row[4] for row in rows[1:]}
    assert figures[("Сводка", "Показатель", "Записи на курсы", "Число")] == "3"


def test_the_screen_in_tajik(client, world):
    client.force_login(world.admin)
    response = client.get(
        "/admin/learner-reports/migrant/?date_from=2026-01-01&date_to=2026-06-30",
        headers={"Accept-Language": "tg"},
    )
    html = response.content.decode()
    assert "Шунавандагон аз рӯи ҷинс" in html  # Learners by gender
    assert "Боргирӣ ҳамчун CSV" in html  # Download as CSV
