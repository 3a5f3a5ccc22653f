"""The demo, end to end: after `demo_load`, the demo migrant goes through the
orientation course (pre-test, every lesson and video, the lesson quiz, the
post-test) to a verifiable certificate, and the demo trainee through the trainer
course (exam and practical assessment) to a three-year trainer certificate.
Everything goes through the services, pages and forms a person uses."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from accounts.models import User
from assessments import services as assessment_services
from assessments.grading import correct_answer
from assessments.models import Attempt, Rubric
from assessments.selectors import attempt_versions, lesson_quiz
from certificates import tasks as certificate_tasks
from certificates.models import Certificate
from cms.models import CoursePage, LessonPage
from courses.models import Cohort, CourseCompletion, Enrollment
from courses.services import video_view_record
from media_pipeline.models import Video
from xapi.api import actor_key_for
from xapi.models import Statement

pytestmark = pytest.mark.django_db

VERB = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks, monkeypatch):
    """The demo loaded. The demo videos are generated clips queued for
    transcoding on a worker; here they are given what a transcode leaves that
    the journey needs (ready, with a duration) instead of being transcoded."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_load", verbosity=0)
    Video.objects.update(status=Video.Status.READY, duration_seconds=12.0, progress=100)
    sent = []
    monkeypatch.setattr(certificate_tasks.certificate_issue, "delay", lambda *a: sent.append(a))
    return sent


def course(slug):
    return CoursePage.objects.get(slug=slug, locale=Locale.objects.get(language_code="tg"))


def lessons_of(page):
    return list(LessonPage.objects.descendant_of(page).live().order_by("path"))


def take_quiz(user, lesson, *, right=True) -> Attempt:
    attempt = assessment_services.attempt_start(user=user, lesson=lesson)
    versions = attempt_versions(attempt)
    answers = {}
    for position, entry in enumerate(attempt.questions, start=1):
        data = versions[entry["version"]]
        answer = correct_answer(data)
        if not right:
            wrong = [c["id"] for c in data["choices"] if not c["correct"]]
            answer = {
                "single": wrong[0] if wrong else None,
                "true_false": "false" if data["true_false_answer"] else "true",
                "short_text": "?",
                "number": "-1",
            }.get(data["kind"])
        answers[str(position)] = answer
    answers = {k: v for k, v in answers.items() if v is not None}
    return assessment_services.attempt_submit(attempt=attempt, user=user, answers=answers).attempt


def watch_videos(user, lesson):
    for block in lesson.body:
        if block.block_type == "video" and block.value.get("video") is not None:
            video = Video.objects.get(pk=block.value["video"].pk)
            session = uuid.uuid4()
            end = video.duration_seconds * 0.95
            video_view_record(
                user=user, video=video, session_id=session, verb="played", segments=[(0, end)]
            )
            video_view_record(
                user=user,
                video=video,
                session_id=session,
                verb="completed",
                segments=[],
                position=end,
            )


def follow_course(client, user, page, capture, *, skip_quiz_roles=()):
    """Open every lesson (in order, as Resume leads), watch its video, take its
    quiz, say it is finished."""
    for lesson in lessons_of(page):
        with capture(execute=True):
            assert client.get(lesson.url).status_code == 200, lesson.url
            watch_videos(user, lesson)
            found = lesson_quiz(lesson)
            if found is not None and found["role"] not in skip_quiz_roles:
                attempt = take_quiz(user, lesson)
                assert attempt.passed or found["role"] == "pre", (lesson.slug, attempt.percent)
            done = client.post(reverse("courses:progress", args=[lesson.pk]), {"progress": "1"})
            assert done.status_code == 302, lesson.url


def verbs_of(user) -> list[str]:
    """The learner's learning statements, in order (without those of the demo
    migrant's referral case: counselling and referral, see referrals/demo.py)."""
    rows = (
        Statement.objects.filter(actor_key=actor_key_for(user))
        .exclude(object_activity_id__contains="/xapi/activities/counselling-session/")
        .exclude(object_activity_id__contains="/xapi/activities/referral/")
        .order_by("seq")
    )
    return [row.verb_id.rsplit("/", 1)[-1] for row in rows]


def object_types(user, verb) -> list[str]:
    rows = Statement.objects.filter(actor_key=actor_key_for(user), verb_id=VERB + verb)
    return [row.object_activity_id.split("/xapi/activities/")[-1].split("/")[0] for row in rows]


def issue_sent(sent):
    """Run the certificate task the completion scheduled, as a worker would."""
    return [certificate_tasks.certificate_issue.apply(args=list(args)).get() for args in sent]


def test_the_demo_migrant_from_enrollment_to_a_verified_certificate(
    client, demo, django_capture_on_commit_callbacks
):
    migrant = User.objects.get(username="migrant")
    orientation = course("pre-departure-orientation")
    client.force_login(migrant)
    with django_capture_on_commit_callbacks(execute=True):
        enrolled = client.post(reverse("courses:enroll", args=[orientation.pk]))
    enrollment = Enrollment.objects.get(user=migrant, course=orientation)
    assert enrollment.status == Enrollment.Status.ACTIVE
    # "Start the course" leads to the pre-test first.
    pre_lesson = next(
        lesson
        for lesson in lessons_of(orientation)
        if (lesson_quiz(lesson) or {}).get("role") == "pre"
    )
    target = client.get(enrolled["Location"])["Location"]
    assert target == pre_lesson.localized.url + "#pre-test"  # in the language of the page

    follow_course(client, migrant, orientation, django_capture_on_commit_callbacks)

    # The completion fired once, and scheduled the certificate once.
    assert CourseCompletion.objects.filter(enrollment=enrollment).count() == 1
    assert demo == [(enrollment.pk,)]
    serials = issue_sent(demo)
    certificate = Certificate.objects.get(user=enrollment.user, course=enrollment.course)
    assert serials == [certificate.serial] and certificate.serial.startswith("MRC-PDO-")
    assert certificate.expires_at is None

    verify = client.get(reverse("certificates:verify", args=[certificate.display_code]))
    assert verify.status_code == 200
    assert certificate.state == "valid"
    assert "Valid certificate" in verify.content.decode()

    my = client.get(reverse("courses:my_courses")).content.decode()
    download = reverse("certificates:download", args=[certificate.uuid])
    assert download in my
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"

    # The LRS holds the journey, in order.
    verbs = verbs_of(migrant)
    assert verbs[0] == "registered"
    assert verbs[1] == "launched"
    for verb in ("launched", "completed", "attempted", "answered", "passed", "earned"):
        assert verb in verbs, verb
    assert verbs[-1] == "earned"
    completed = object_types(migrant, "completed")
    lessons = lessons_of(orientation)
    assert completed.count("lesson") == len(lessons)
    assert completed.count("module") == len({lesson.get_parent().pk for lesson in lessons})
    assert completed.count("course") == 1
    assert verbs.index("registered") < verbs.index("attempted") < verbs.index("earned")
    last_lesson_completed = max(
        i for i, v in enumerate(verbs) if v == "completed"
    )  # the course completion comes after every lesson's
    assert verbs.index("earned") > last_lesson_completed
    assert verbs.count("passed") >= 2  # the lesson quiz and the post-test
    assert verbs.count("launched") == len(lessons)


def test_the_demo_cohort_enrolls_the_trainee_once(django_capture_on_commit_callbacks, demo):
    trainee = User.objects.get(username="trainee")
    cohort = Cohort.objects.get(name="Khujand trainers, March 2027")
    assert list(cohort.members.all()) == [trainee]
    enrollment = Enrollment.objects.get(user=trainee, course=cohort.course)
    assert enrollment.cohort == cohort and enrollment.source == Enrollment.Source.COHORT
    counts = (Cohort.objects.count(), Enrollment.objects.count(), Statement.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_load", verbosity=0)
    assert (Cohort.objects.count(), Enrollment.objects.count(), Statement.objects.count()) == (
        counts
    )


def trainer_setup(client, demo, capture):
    trainee = User.objects.get(username="trainee")
    admin = User.objects.get(username="admin")
    trainer = course("certified-pre-departure-trainer")
    enrollment = Enrollment.objects.get(user=trainee, course=trainer)  # the demo cohort
    assert enrollment.status == Enrollment.Status.ACTIVE
    return trainee, admin, trainer, enrollment


def test_the_demo_trainee_to_a_trainer_certificate(
    client, demo, django_capture_on_commit_callbacks
):
    trainee, admin, trainer, enrollment = trainer_setup(
        client, demo, django_capture_on_commit_callbacks
    )
    client.force_login(trainee)
    follow_course(client, trainee, trainer, django_capture_on_commit_callbacks)
    assert not CourseCompletion.objects.filter(enrollment=enrollment).exists()  # not assessed yet

    # The assessor's page lists the trainee; scoring the rubric as passed completes.
    client.force_login(admin)
    listing = client.get(reverse("assessments:practical_list")).content.decode()
    rubric = Rubric.objects.get(key="trainer-practical", locale__language_code="tg")
    assert (trainee.get_full_name() or trainee.username) in listing
    assert reverse("assessments:practical_score", args=[enrollment.pk, rubric.pk]) in listing
    rubric = Rubric.objects.get(key="trainer-practical", locale__language_code="tg")
    top = {str(block.id): str(len(block.value["levels"]) - 1) for block in rubric.criteria}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessments:practical_score", args=[enrollment.pk, rubric.pk]),
            {**{f"c-{k}": v for k, v in top.items()}, "session": "Khujand, 12 March 2027"},
        )
    assert response.status_code == 200
    assert CourseCompletion.objects.filter(enrollment=enrollment).count() == 1
    issue_sent(demo)
    certificate = Certificate.objects.get(user=enrollment.user, course=enrollment.course)
    assert certificate.serial.startswith("MRC-TOT-")
    years = (certificate.expires_at - certificate.issued_at) / timedelta(days=365.25)
    assert 2.99 < years < 3.01
    assert "earned" in verbs_of(trainee)


def test_a_failed_exam_leaves_the_trainer_course_incomplete(
    client, demo, django_capture_on_commit_callbacks
):
    trainee, admin, trainer, enrollment = trainer_setup(
        client, demo, django_capture_on_commit_callbacks
    )
    client.force_login(trainee)
    follow_course(
        client, trainee, trainer, django_capture_on_commit_callbacks, skip_quiz_roles=("final",)
    )
    exam_lesson = [
        lesson
        for lesson in lessons_of(trainer)
        if lesson_quiz(lesson) and lesson_quiz(lesson)["role"] == "final"
    ][0]
    with django_capture_on_commit_callbacks(execute=True):
        attempt = take_quiz(trainee, exam_lesson, right=False)
    assert not attempt.passed
    rubric = Rubric.objects.get(key="trainer-practical", locale__language_code="tg")
    top = {str(block.id): len(block.value["levels"]) - 1 for block in rubric.criteria}
    with django_capture_on_commit_callbacks(execute=True):
        record = assessment_services.rubric_assessment_record(
            assessor=admin, enrollment=enrollment, rubric=rubric, scores=top, session="Khujand"
        )
    assert record.passed
    assert not CourseCompletion.objects.filter(enrollment=enrollment).exists()
    assert (
        demo == []
        and not Certificate.objects.filter(user=enrollment.user, course=enrollment.course).exists()
    )
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
