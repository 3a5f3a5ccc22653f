"""The data the report tests share: learners, staff, enrollments and
certificates at given dates (the `world` fixture is in conftest.py)."""

from __future__ import annotations

import datetime
import itertools
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Locale

from accounts.models import LearnerProfile, StaffProfile, User
from certificates.demo import load_certificates
from certificates.models import Certificate
from courses import reports
from courses.models import Cohort, CourseCompletion, Enrollment
from tests.builders import TEST_PASSWORD, make_course

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
        status=status,
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


def migrant(**kwargs):
    return reports.migrant_report(date_from=START, date_to=END, **kwargs)


def staff_report(**kwargs):
    return reports.staff_report(date_from=START, date_to=END, **kwargs)


def build_world(tree):
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
