"""Enrollment rules per track, progress logs, and completion that fires once."""

import pytest
from django.db import IntegrityError

from cms.models import LessonPage
from core.tracks import CompletionRule
from courses import completion, services
from courses.exceptions import (
    AlreadyEnrolled,
    CourseNotFound,
    EnrollmentNotAllowed,
    InvalidProgress,
    NotEnrolled,
    PrerequisitesMissing,
)
from courses.models import Cohort, CourseCompletion, Enrollment, LessonProgressLog
from courses.progress import course_progress
from tests.assessments.factories import make_quiz
from tests.builders import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def orientation(tree):
    return make_course(
        tree.migrant,
        title="Orientation",
        slug="orientation",
        modules=2,
        lessons=2,
        completion_rule=CompletionRule.LESSONS,
    )


@pytest.fixture
def trainer(tree):
    return make_course(
        tree.staff,
        title="Trainer",
        slug="trainer",
        modules=1,
        lessons=1,
        completion_rule=CompletionRule.LESSONS,
    )


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def test_migrant_self_enrolls_in_orientation(people, orientation):
    enrollment = services.enrollment_create(user=people.migrant, course=orientation)
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.source == Enrollment.Source.SELF


def test_enrolling_twice_is_refused_and_writes_nothing(people, orientation):
    services.enrollment_create(user=people.migrant, course=orientation)
    with pytest.raises(AlreadyEnrolled):
        services.enrollment_create(user=people.migrant, course=orientation)
    assert Enrollment.objects.count() == 1


def test_database_refuses_a_duplicate_enrollment(people, orientation):
    Enrollment.objects.create(user=people.migrant, course=orientation, source="self")
    with pytest.raises(IntegrityError):
        Enrollment.objects.create(user=people.migrant, course=orientation, source="self")


def test_migrant_cannot_even_find_a_trainer_course(people, trainer):
    with pytest.raises(CourseNotFound):
        services.enrollment_create(user=people.migrant, course=trainer)
    assert not Enrollment.objects.exists()


def test_unverified_staff_cannot_enroll_in_trainer_course(people, trainer):
    with pytest.raises(CourseNotFound):
        services.enrollment_create(user=people.unverified, course=trainer)


def test_verified_staff_request_waits_for_approval(people, trainer):
    enrollment = services.enrollment_create(user=people.staff, course=trainer)
    assert enrollment.status == Enrollment.Status.PENDING
    lesson = lessons_of(trainer)[0]
    with pytest.raises(NotEnrolled):
        services.lesson_progress_record(user=people.staff, lesson=lesson, progress=0.5)
    services.enrollment_approve(enrollment=enrollment, approved_by=people.admin)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    services.lesson_progress_record(user=people.staff, lesson=lesson, progress=0.5)


def test_cohort_membership_enrolls_verified_staff_only(people, trainer):
    cohort = Cohort.objects.create(
        name="Khujand trainers, March 2027",
        course=trainer,
        start_date="2027-03-01",
        end_date="2027-03-31",
    )
    enrollment = services.cohort_member_add(cohort=cohort, user=people.staff)
    assert (enrollment.status, enrollment.source) == ("active", "cohort")
    with pytest.raises(EnrollmentNotAllowed):
        services.cohort_member_add(cohort=cohort, user=people.unverified)
    with pytest.raises(EnrollmentNotAllowed):
        services.cohort_member_add(cohort=cohort, user=people.migrant)
    assert list(cohort.members.all()) == [people.staff]


def test_prerequisites_are_enforced(people, tree, orientation):
    from cms.models import CoursePrerequisite

    advanced = make_course(
        tree.migrant, title="Advanced", slug="advanced", completion_rule=CompletionRule.LESSONS
    )
    CoursePrerequisite.objects.create(page=advanced, prerequisite=orientation)
    with pytest.raises(PrerequisitesMissing):
        services.enrollment_create(user=people.migrant, course=advanced)
    services.enrollment_create(user=people.migrant, course=orientation)
    for lesson in lessons_of(orientation):
        services.lesson_progress_record(user=people.migrant, lesson=lesson, progress=1)
    assert services.enrollment_create(user=people.migrant, course=advanced)


def test_progress_needs_enrollment(people, orientation):
    with pytest.raises(NotEnrolled):
        services.lesson_progress_record(
            user=people.migrant, lesson=lessons_of(orientation)[0], progress=0.5
        )
    assert not LessonProgressLog.objects.exists()


@pytest.mark.parametrize("value", [-0.1, 1.5, "abc", float("nan"), None])
def test_progress_out_of_range_is_refused(people, orientation, value):
    services.enrollment_create(user=people.migrant, course=orientation)
    with pytest.raises(InvalidProgress):
        services.lesson_progress_record(
            user=people.migrant, lesson=lessons_of(orientation)[0], progress=value
        )
    assert not LessonProgressLog.objects.exists()


def test_negative_time_is_refused(people, orientation):
    services.enrollment_create(user=people.migrant, course=orientation)
    with pytest.raises(InvalidProgress):
        services.lesson_progress_record(
            user=people.migrant,
            lesson=lessons_of(orientation)[0],
            progress=0.2,
            time_spent_seconds=-5,
        )


def test_progress_never_goes_back_and_completion_time_is_set_once(people, orientation):
    services.enrollment_create(user=people.migrant, course=orientation)
    lesson = lessons_of(orientation)[0]
    services.lesson_progress_record(
        user=people.migrant, lesson=lesson, progress=1, time_spent_seconds=60
    )
    log = LessonProgressLog.objects.get()
    first = log.completed_at
    services.lesson_progress_record(
        user=people.migrant, lesson=lesson, progress=0.3, time_spent_seconds=99999
    )
    log.refresh_from_db()
    assert (log.progress, log.completed_at) == (1.0, first)
    assert log.time_spent_seconds == 60 + services.MAX_SECONDS_PER_REPORT


def test_resume_at_the_first_unfinished_lesson(people, orientation):
    enrollment = services.enrollment_create(user=people.migrant, course=orientation)
    lessons = lessons_of(orientation)
    services.lesson_progress_record(user=people.migrant, lesson=lessons[0], progress=1)
    services.lesson_progress_record(user=people.migrant, lesson=lessons[2], progress=1)
    progress = course_progress(enrollment=enrollment)
    assert (progress.done, progress.total, progress.percent) == (2, 4, 50)
    assert progress.next_lesson_id == lessons[1].pk


def test_completion_fires_exactly_once(people, orientation):
    enrollment = services.enrollment_create(user=people.migrant, course=orientation)
    created = []
    for lesson in lessons_of(orientation):
        services.lesson_progress_record(user=people.migrant, lesson=lesson, progress=1)
        created.append(services.course_completion_evaluate(enrollment=enrollment))
    assert CourseCompletion.objects.count() == 1
    assert all(c is None for c in created)  # the progress call itself created it
    enrollment.refresh_from_db()
    assert enrollment.is_enrolled and completion.is_completed(enrollment)
    # Evaluating again, or more progress, changes nothing.
    assert services.course_completion_evaluate(enrollment=enrollment) is None
    services.lesson_progress_record(
        user=people.migrant, lesson=lessons_of(orientation)[0], progress=1
    )
    assert CourseCompletion.objects.count() == 1


def test_final_assessment_blocks_completion_until_passed(people, tree):
    final_quiz = [
        {"type": "text", "value": "<p>Final</p>"},
        {
            "type": "quiz",
            "value": {"quiz": make_quiz().pk, "role": "final"},
        },
    ]
    course = make_course(
        tree.migrant,
        title="With final",
        slug="with-final",
        body=final_quiz,
        completion_rule=CompletionRule.LESSONS_AND_FINAL,
    )
    enrollment = services.enrollment_create(user=people.migrant, course=course)
    for lesson in lessons_of(course):
        services.lesson_progress_record(user=people.migrant, lesson=lesson, progress=1)
    assert not CourseCompletion.objects.filter(enrollment=enrollment).exists()


def test_lesson_with_video_is_not_done_until_watched(people, tree):
    from tests.builders import make_video

    video = make_video()
    body = [{"type": "video", "value": {"video": video.pk, "caption": ""}}]
    course = make_course(
        tree.migrant,
        title="Video",
        slug="video",
        body=body,
        completion_rule=CompletionRule.LESSONS,
    )
    services.enrollment_create(user=people.migrant, course=course)
    lesson = lessons_of(course)[0]
    log = services.lesson_progress_record(user=people.migrant, lesson=lesson, progress=1)
    assert log.progress < 1 and log.completed_at is None


def test_progress_in_a_translation_counts_for_the_original(people, orientation, tree):
    from wagtail.models import Locale

    enrollment = services.enrollment_create(user=people.migrant, course=orientation)
    russian = Locale.objects.get(language_code="ru")
    lesson = lessons_of(orientation)[0]
    translated = lesson.copy_for_translation(russian, copy_parents=True)
    translated.save_revision().publish()
    translated = LessonPage.objects.get(pk=translated.pk)
    services.lesson_progress_record(user=people.migrant, lesson=translated, progress=1)
    log = LessonProgressLog.objects.get()
    assert log.lesson_id == lesson.pk
    assert course_progress(enrollment=enrollment).done == 1
