"""Completion's one home (courses/completion.py): watching a video is an event
that re-evaluates completion like the others, and the apps above courses plug
their part in (final-assessment checks, listeners) without courses importing
them."""

import uuid

import pytest

from cms.models import LessonPage
from core.tracks import CompletionRule
from courses import completion
from courses import services as courses
from courses.models import CourseCompletion, LessonProgressLog
from media_pipeline.models import Video
from tests.builders import make_course, make_people, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def video_course(tree):
    video = make_video()
    Video.objects.filter(pk=video.pk).update(
        status=Video.Status.READY, duration_seconds=100.0, progress=100
    )
    video.refresh_from_db()
    body = [{"type": "video", "value": {"video": video.pk, "caption": ""}}]
    course = make_course(
        tree.migrant, title="V", slug="v", body=body, completion_rule=CompletionRule.LESSONS
    )
    return course, video


def watch(user, video, until):
    courses.video_view_record(
        user=user, video=video, session_id=uuid.uuid4(), verb="played", segments=[(0, until)]
    )


def test_finished_before_the_video_then_watching_it_completes_lesson_and_course(video_course):
    course, video = video_course
    learner = make_people().migrant
    courses.enrollment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).get()
    courses.lesson_progress_record(user=learner, lesson=lesson, progress=1)
    log = LessonProgressLog.objects.get(user=learner)
    assert log.progress == completion.LESSON_READ_CAP and log.completed_at is None
    assert not CourseCompletion.objects.exists()
    watch(learner, video, 50)  # not enough yet
    assert not CourseCompletion.objects.exists()
    watch(learner, video, 95)
    log.refresh_from_db()
    assert log.progress == 1.0 and log.completed_at is not None
    assert CourseCompletion.objects.filter(enrollment__user=learner).count() == 1


def test_watching_without_having_finished_the_lesson_completes_nothing(video_course):
    course, video = video_course
    learner = make_people().migrant
    courses.enrollment_create(user=learner, course=course)
    watch(learner, video, 95)
    assert not LessonProgressLog.objects.exists()
    assert not CourseCompletion.objects.exists()


def test_the_final_check_and_listeners_come_from_the_apps_above():
    from assessments.selectors import final_assessment_passed
    from certificates.tasks import certificate_issue_schedule

    assert final_assessment_passed in completion._final_checks
    assert certificate_issue_schedule in completion._completed_listeners


def test_without_a_final_check_a_final_assessment_is_not_passed(monkeypatch, tree):
    monkeypatch.setattr(completion, "_final_checks", [])
    monkeypatch.setattr(
        completion, "course_final_assessment", lambda course: {"quiz_id": 1, "practical": []}
    )
    course = make_course(tree.migrant, title="F", slug="f")
    learner = make_people().migrant
    enrollment = courses.enrollment_create(user=learner, course=course)
    assert completion.final_assessment_passed(enrollment=enrollment) is False
