"""Reports for the ministry and donors (courses/reports.py); their admin screen
and CSV export are in test_report_screens.py, the shared data in report_data.py."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import User
from certificates.demo import load_certificates
from courses import reports
from courses.models import Cohort, Enrollment
from tests.builders import TEST_PASSWORD, make_course
from tests.courses.report_data import (
    END,
    START,
    at,
    certify,
    enroll,
    learner,
    migrant,
    staff,
    staff_report,
)

pytestmark = pytest.mark.django_db

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
