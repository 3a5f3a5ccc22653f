"""Reports for the ministry and donors (courses/reports.py) and their admin
screen with the CSV export (courses/admin_views.py)."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import LearnerProfile, StaffProfile, User
from certificates.demo import load_certificates
from certificates.models import Certificate
from courses import reports
from courses.models import Cohort, CourseCompletion, Enrollment
from tests.builders import TEST_PASSWORD, make_course

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 6, 30)
_serials = itertools.count(1)


def at(year, month, day, hour=12):
    return timezone.make_aware(
        datetime.datetime(year, month, day, hour), timezone.get_default_timezone()
    )


def learner(username, *, joined, account_type="migrant", **profile):
    user = User.objects.create_user(username, password=TEST_PASSWORD, account_type=account_type)
    User.objects.filter(pk=user.pk).update(date_joined=joined)
    if profile:
        LearnerProfile.objects.create(
            user=user,
            full_name=username,
            district="-",
            **{"gender": "male", "birth_year": 1990, "region": "sughd", "destination": "RU"}
            | profile,
        )
    return user


def staff(username, organisation, *, verified_by=None):
    user = User.objects.create_user(username, password=TEST_PASSWORD, account_type="staff")
    StaffProfile.objects.create(
        user=user,
        organisation=organisation,
        position="Inspector",
        verified_at=timezone.now() if verified_by else None,
        verified_by=verified_by,
    )
    return user


def enroll(user, course, when, *, completed=None, status="active", cohort=None):
    enrollment = Enrollment.objects.create(
        user=user,
        course=course,
        source="cohort" if cohort else "self",
        status="completed" if completed else status,
        cohort=cohort,
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=when)
    if completed:
        CourseCompletion.objects.create(enrollment=enrollment, completed_at=completed)
    return enrollment


def certify(user, course, template, issued, *, revoked=None):
    number = next(_serials)
    return Certificate.objects.create(
        code=f"CODE{number:013d}",
        serial=f"MRC-TEST-{number:06d}",
        status_index=number,
        user=user,
        course=course,
        template=template,
        track=template.track,
        holder_name=str(user),
        language="tg",
        course_title=course.title,
        hours=1,
        completed_on=issued.date(),
        issued_at=issued,
        status="revoked" if revoked else "awarded",
        revoked_at=revoked,
    )


@pytest.fixture
def world(tree):
    """Two orientation courses (one also in Russian), a trainer course, and
    learners of both tracks in and around the first half of 2026."""
    templates = {t.key: t for t in load_certificates()}
    orientation = make_course(tree.migrant, title="Safe migration", slug="safe")
    rights = make_course(tree.migrant, title="Rights abroad", slug="rights")
    trainer = make_course(tree.staff, title="Trainer course", slug="trainer")
    orientation.copy_for_translation(Locale.objects.get(language_code="ru"), copy_parents=True)
    admin = User.objects.create_superuser("root", "root@example.org", TEST_PASSWORD)

    # Migrants.
    amina = learner(
        "amina",
        joined=at(2026, 2, 1),
        gender="female",
        birth_year=2000,
        region="sughd",
        destination="RU",
    )
    bahrom = learner(
        "bahrom",
        joined=at(2026, 2, 2),
        gender="male",
        birth_year=2010,
        region="khatlon",
        destination="KR",
    )
    old = learner("old", joined=at(2025, 11, 1), gender="male", birth_year=1960, region="gbao")
    late = learner("late", joined=at(2026, 7, 2), gender="female", birth_year=1999)
    noprofile = learner("noprofile", joined=at(2026, 3, 3))
    enroll(amina, orientation, at(2026, 3, 10), completed=at(2026, 4, 5))
    enroll(amina, rights, at(2026, 3, 12))
    enroll(bahrom, orientation, at(2026, 2, 20))
    enroll(old, orientation, at(2025, 12, 20), completed=at(2026, 1, 15))
    enroll(late, orientation, at(2026, 7, 3), completed=at(2026, 7, 4))
    enroll(noprofile, rights, at(2026, 5, 1), completed=at(2026, 5, 2))
    certify(amina, orientation, templates["orientation"], at(2026, 4, 5))
    certify(old, orientation, templates["orientation"], at(2026, 1, 15), revoked=at(2026, 2, 1))
    certify(late, orientation, templates["orientation"], at(2026, 7, 4))

    # Staff (one also takes an orientation course: not in the migrant report).
    trainee = staff("trainee", "Migration Service, Khujand", verified_by=admin)
    learner_profile = {"gender": "female", "birth_year": 1985, "region": "dushanbe"}
    LearnerProfile.objects.create(user=trainee, full_name="T", district="-", **learner_profile)
    User.objects.filter(pk=trainee.pk).update(date_joined=at(2026, 3, 1))
    colleague = staff("colleague", "Migration Service, Khujand", verified_by=admin)
    other_org = staff("other-org", "Ministry of Labour", verified_by=admin)
    staff("waiting", "Ministry of Labour")
    cohort = Cohort.objects.create(
        name="Khujand trainers",
        course=trainer,
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 4, 30),
    )
    cohort.members.add(trainee, colleague)
    Cohort.objects.create(
        name="Old cohort",
        course=trainer,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 4, 30),
    )
    enroll(trainee, orientation, at(2026, 3, 2), completed=at(2026, 3, 3))
    certify(trainee, orientation, templates["orientation"], at(2026, 3, 3))
    enroll(trainee, trainer, at(2026, 3, 5), completed=at(2026, 4, 20), cohort=cohort)
    enroll(colleague, trainer, at(2026, 3, 5), cohort=cohort)
    enroll(other_org, trainer, at(2026, 4, 1), completed=at(2026, 5, 1))
    enroll(staff("asking", "Ministry of Labour", verified_by=admin), trainer, at(2026, 4, 2),
           status="pending")  # fmt: skip
    certify(trainee, trainer, templates["trainer"], at(2026, 4, 20))
    certify(other_org, trainer, templates["trainer"], at(2026, 5, 1), revoked=at(2026, 5, 2))
    # A migrant who (wrongly) ended up in the trainer course stays out of its report.
    enroll(bahrom, trainer, at(2026, 3, 6), completed=at(2026, 3, 7))
    return SimpleNamespace(
        admin=admin,
        orientation=orientation,
        rights=rights,
        trainer=trainer,
        amina=amina,
        trainee=trainee,
    )


def migrant(**kwargs):
    return reports.migrant_report(date_from=START, date_to=END, **kwargs)


def staff_report(**kwargs):
    return reports.staff_report(date_from=START, date_to=END, **kwargs)


def test_the_centres_team_is_not_counted_as_learners(world):
    """An author trying the course out (an account with admin access) is not a
    learner: no registration, enrollment, completion or certificate counts."""
    templates = {t.key: t for t in load_certificates()}
    before = [(row.label, row.figures) for row in migrant().table("summary").rows]
    author = learner("author", joined=at(2026, 3, 1), gender="female", birth_year=1990)
    User.objects.filter(pk=author.pk).update(is_staff=True)
    enroll(author, world.orientation, at(2026, 3, 2), completed=at(2026, 3, 3))
    certify(author, world.orientation, templates["orientation"], at(2026, 3, 3))
    assert [(row.label, row.figures) for row in migrant().table("summary").rows] == before
    User.objects.filter(pk=author.pk).update(is_staff=False)  # the same person as a learner
    summary = migrant().table("summary")
    assert summary.figure("Learners registered") == dict(before)["Learners registered"][0] + 1
    assert summary.figure("Certificates issued") == dict(before)["Certificates issued"][0] + 1


def test_the_centres_team_is_not_counted_in_a_cohort(world):
    cohort = Cohort.objects.get(name="Khujand trainers")
    before = staff_report().table("cohorts").rows[0].figures
    trainer_author = staff("trainer-author", "MRC")
    User.objects.filter(pk=trainer_author.pk).update(is_staff=True)
    cohort.members.add(trainer_author)
    enroll(trainer_author, world.trainer, at(2026, 3, 5), completed=at(2026, 3, 6), cohort=cohort)
    assert staff_report().table("cohorts").rows[0].figures == before
    User.objects.filter(pk=trainer_author.pk).update(is_staff=False)
    assert staff_report().table("cohorts").rows[0].figures == [before[0] + 1, before[1] + 1]


def test_migrant_summary(world):
    summary = migrant().table("summary")
    assert summary.figure("Learners registered") == 3  # amina, bahrom, noprofile
    assert summary.figure("Learners enrolled") == 3
    assert summary.figure("Enrollments") == 4
    assert summary.figure("Learners who completed a course") == 3  # amina, old, noprofile
    assert summary.figure("Course completions") == 3
    # Of the 4 enrollments of the period, 2 were completed by its end.
    assert summary.figure("Completion rate of the period's enrollments (%)") == 50.0
    assert summary.figure("Certificates issued") == 2  # amina, old (not late, not trainee)
    assert summary.figure("Certificates revoked") == 1


def test_migrant_breakdowns(world):
    report = migrant()
    gender = report.table("gender")
    assert gender.figure("Female", 0) == 1 and gender.figure("Female", 1) == 1
    assert gender.figure("Male", 0) == 1 and gender.figure("Male", 1) == 1
    assert gender.figure("Not given", 0) == 1 and gender.figure("Not given", 1) == 1
    age = report.table("age")
    assert age.figure("under 18", 0) == 1  # born 2010: 16 at the end of 2026
    assert age.figure("25–34", 0) == 1 and age.figure("25–34", 1) == 1  # born 2000
    assert age.figure("55+", 1) == 1  # born 1960, completed in the period
    assert age.figure("18–24", 0) == 0
    region = report.table("region")
    assert region.figure("Khatlon region", 0) == 1
    assert region.figure("Sughd region", 1) == 1
    destination = report.table("destination")
    assert destination.figure("Republic of Korea", 0) == 1
    assert destination.figure("Russia", 0) == 1 and destination.figure("Russia", 1) == 2


def test_each_course_counts_once_whatever_its_translations(world):
    courses = migrant().table("courses")
    assert [row.label for row in courses.rows] == ["Safe migration", "Rights abroad"]
    assert courses.figure("Safe migration", 0) == 2  # amina, bahrom
    assert courses.figure("Safe migration", 1) == 2  # amina, old
    assert courses.figure("Rights abroad", 0) == 2
    assert courses.figure("Rights abroad", 1) == 1


def test_month_by_month(world):
    months = migrant().table("months")
    assert [row.figures for row in months.rows] == [
        [0, 1],  # January: old completed
        [1, 0],  # February: bahrom
        [2, 0],  # March: amina twice
        [0, 1],  # April
        [1, 1],  # May: noprofile
        [0, 0],
    ]
    assert months.rows[0].label == "January 2026"


def test_one_course(world):
    report = migrant(course=world.rights)
    assert report.table("summary").figure("Enrollments") == 2
    assert report.table("summary").figure("Certificates issued") == 0
    assert [row.label for row in report.table("courses").rows] == ["Rights abroad"]
    # A translation of a course means the course itself.
    ru = world.orientation.get_translation(Locale.objects.get(language_code="ru"))
    assert migrant(course=ru).table("summary").figure("Enrollments") == 2


def test_period_ends_are_included_in_the_sites_time_zone(world):
    amina = world.amina
    enrollment = Enrollment.objects.get(user=amina, course=world.rights)
    # 23:30 on the last day in Dushanbe is 18:30 UTC: inside.
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=at(2026, 6, 30, 23))
    assert migrant().table("summary").figure("Enrollments") == 4
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=at(2026, 7, 1, 0))
    assert migrant().table("summary").figure("Enrollments") == 3


def test_staff_report(world):
    report = staff_report()
    summary = report.table("summary")
    assert summary.figure("Enrollments") == 3  # not the pending request, not the migrant
    assert summary.figure("Course completions") == 2
    assert summary.figure("Trainer certificates issued") == 2
    assert summary.figure("Trainer certificates revoked") == 1
    assert summary.figure("Staff accounts awaiting verification (now)") == 1
    organisations = report.table("organisations")
    assert organisations.figure("Migration Service, Khujand", 0) == 2
    assert organisations.figure("Migration Service, Khujand", 1) == 1
    assert organisations.figure("Migration Service, Khujand", 2) == 1
    assert organisations.figure("Ministry of Labour", 0) == 1
    assert organisations.figure("Ministry of Labour", 2) == 1
    cohorts = report.table("cohorts")
    assert len(cohorts.rows) == 1
    assert cohorts.rows[0].label.startswith("Khujand trainers")
    assert cohorts.rows[0].figures == [2, 1]


def test_the_wall_no_data_of_the_other_track(world):
    migrant_labels = {row.label for t in migrant().tables for row in t.rows}
    staff_labels = {row.label for t in staff_report().tables for row in t.rows}
    assert "Trainer course" not in migrant_labels
    assert not {"Safe migration", "Rights abroad"} & staff_labels
    # The staff member's orientation course and certificate, and the migrant's
    # trainer-course enrollment, are in neither count.
    assert migrant().table("summary").figure("Learners enrolled") == 3
    assert migrant().table("gender").figure("Female", 1) == 1  # not the trainee
    assert migrant().table("region").figure("Dushanbe", 0) == 0
    assert staff_report().table("summary").figure("Course completions") == 2
    # Asking a report for a course of the other track finds nothing.
    assert migrant(course=world.trainer).table("summary").figure("Enrollments") == 0
    assert staff_report(course=world.orientation).table("summary").figure("Enrollments") == 0


def _migrants(count, course, prefix):
    for n in range(count):
        user = learner(f"{prefix}{n}", joined=at(2026, 2, 1), gender="female", birth_year=1995)
        enroll(user, course, at(2026, 2, 3), completed=at(2026, 3, 1))


def _staff(count, course, prefix, admin, cohort):
    for n in range(count):
        user = staff(f"{prefix}{n}", f"Office {n % 3}", verified_by=admin)
        cohort.members.add(user)
        enroll(user, course, at(2026, 2, 3), completed=at(2026, 3, 1))


def test_query_count_does_not_grow_with_learners(tree):
    admin = User.objects.create_superuser("root", "root@example.org", TEST_PASSWORD)
    orientation = make_course(tree.migrant, title="Safe migration", slug="safe")
    trainer = make_course(tree.staff, title="Trainer course", slug="trainer")
    cohort = Cohort.objects.create(
        name="C", course=trainer, start_date=START, end_date=END
    )  # fmt: skip
    counts = []
    for size, prefix in ((3, "a"), (27, "b")):  # 3, then 30 learners per track
        _migrants(size, orientation, f"m{prefix}")
        _staff(size, trainer, f"s{prefix}", admin, cohort)
        measured = []
        for build in (migrant, staff_report):
            with CaptureQueriesContext(connection) as queries:
                build()
            measured.append(len(queries))
        counts.append(measured)
    assert migrant().table("summary").figure("Enrollments") == 30
    assert staff_report().table("cohorts").rows[0].figures == [30, 30]
    assert counts[0] == counts[1], counts


def test_knowledge_gain_per_course(people, tree):
    from assessments import services
    from cms.models import LessonPage
    from tests.assessments.factories import make_bank, make_question, make_quiz
    from tests.assessments.test_services import right_answers

    bank = make_bank()
    for _ in range(4):
        make_question(bank)
    pre = make_quiz(draws=[(bank, "", 4)], key="pre")
    post = make_quiz(draws=[(bank, "", 4)], key="post")
    course = make_course(tree.migrant, title="Gain", slug="gain", lessons=2)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for lesson, quiz, role in ((lessons[0], pre, "pre"), (lessons[1], post, "final")):
        lesson.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": role}}]
        lesson.save_revision().publish()

    def take(user, lesson, right_count):
        attempt = services.attempt_start(user=user, lesson=lesson)
        right = right_answers(attempt)
        answers = {p: right[p] for p in list(right)[:right_count]}
        services.attempt_submit(attempt=attempt, user=user, answers=answers)

    for user, before, after in ((people.migrant, 1, 4), (people.other, 2, 3)):
        Enrollment.objects.create(user=user, course=course, source="self")
        take(user, lessons[0], before)
        take(user, lessons[1], after)
    today = timezone.localdate()
    report = reports.migrant_report(date_from=today.replace(month=1, day=1), date_to=today)
    row = report.table("courses").rows[0]
    # pre 25 and 50, post 100 and 75: means 37.5, 87.5, gain 50.
    assert row.figures[2:] == [2, 37.5, 87.5, 50.0]
    # Learners who enrolled before the period are left out of its means.
    Enrollment.objects.filter(user=people.other).update(created_at=at(2020, 1, 1))
    report = reports.migrant_report(date_from=today.replace(month=1, day=1), date_to=today)
    assert report.table("courses").rows[0].figures[2:] == [1, 25.0, 100.0, 75.0]


# The admin screen and the CSV export.


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
