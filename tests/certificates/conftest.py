from types import SimpleNamespace

import pytest

from accounts.models import LearnerProfile
from certificates.demo import load_certificates
from core.tracks import CompletionRule
from courses import services as course_services
from courses.models import Enrollment
from tests.builders import make_course, make_people


def add_profile(user, full_name):
    LearnerProfile.objects.create(
        user=user,
        full_name=full_name,
        gender="male",
        birth_year=1995,
        region="sughd",
        district="Khujand",
        destination="RU",
    )
    return user


@pytest.fixture
def people(db):
    people = make_people()
    add_profile(people.migrant, "Ҷамшед Қодиров Ғуломович")
    add_profile(people.other, "Zarina Gafurova")
    add_profile(people.staff, "Нилуфар Раҳимова")
    return people


@pytest.fixture
def courses(tree):
    orientation = make_course(
        tree.migrant,
        title="Safe migration",
        slug="orientation",
        lessons=2,
        completion_rule=CompletionRule.LESSONS,
        estimated_minutes=480,
    )
    trainer = make_course(
        tree.staff,
        title="Trainer certification",
        slug="trainer",
        completion_rule=CompletionRule.LESSONS,
        estimated_minutes=1200,
    )
    return SimpleNamespace(orientation=orientation, trainer=trainer)


@pytest.fixture
def templates(db):
    return {t.key: t for t in load_certificates()}


@pytest.fixture
def complete():
    return complete_course


def complete_course(user, course) -> Enrollment:
    """Enroll `user` and finish every lesson (no certificate task is sent:
    on-commit callbacks do not run inside a test's transaction)."""
    from cms.models import LessonPage

    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None:
        enrollment = course_services.enrollment_create(
            user=user, course=course, approved_by=user if course.track == "staff" else None
        )
    for lesson in LessonPage.objects.descendant_of(course).order_by("path"):
        course_services.lesson_progress_record(user=user, lesson=lesson, progress=1)
    enrollment.refresh_from_db()
    return enrollment
