"""Demo data for learning: the demo trainee in a cohort of the trainer course
("Khujand trainers, March 2027"), so they are enrolled and the assessor's page
lists them. Running it again changes nothing."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from cms.models import CoursePage

from .completion import _complete
from .models import Cohort, CourseCompletion, Enrollment
from .services import cohort_member_add, enrollment_create

TRAINER_COURSE_SLUG = "certified-pre-departure-trainer"
DEMO_COHORT = "Khujand trainers, March 2027"
DEMO_COHORT_MEMBERS = ("trainee",)


@transaction.atomic
def load_cohorts() -> Cohort | None:
    course = CoursePage.objects.filter(
        slug=TRAINER_COURSE_SLUG, locale=Locale.get_default()
    ).first()
    if course is None:
        return None
    cohort, _created = Cohort.objects.get_or_create(
        name=DEMO_COHORT,
        course=course,
        defaults={"start_date": date(2027, 3, 1), "end_date": date(2027, 3, 31)},
    )
    for user in get_user_model().objects.filter(username__in=DEMO_COHORT_MEMBERS):
        if user.is_verified_staff:
            cohort_member_add(cohort=cohort, user=user)
    return cohort


@transaction.atomic
def demo_course_completed(*, user, course, approved_by=None):
    """Demo only: `user` enrolled in `course` and completed it online (as if
    they had met its rule), firing the completion listeners once. Returns the
    enrollment. Running it again changes nothing."""
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None:
        enrollment = enrollment_create(user=user, course=course, approved_by=approved_by)
    if not CourseCompletion.objects.filter(enrollment=enrollment).exists():
        _complete(enrollment, channel=CourseCompletion.Channel.ONLINE, place="")
    enrollment.refresh_from_db()
    return enrollment
