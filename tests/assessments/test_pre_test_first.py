"""The pre-test comes before learning: Resume leads to it until it is handed
in (without blocking a learner who skips it), and the knowledge gain counts a
pre-test only when it was handed in before any other lesson was finished."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from assessments import services
from assessments.analysis import knowledge_gain
from cms.models import LessonPage
from courses.models import Enrollment
from courses.services import lesson_progress_record
from tests.assessments.factories import make_bank, make_question, make_quiz
from tests.assessments.test_services import right_answers
from tests.builders import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def gain_course(people, tree):
    """Three lessons: the pre-test in the SECOND one, a text lesson first, the
    post-test last."""
    bank = make_bank()
    for _ in range(4):
        make_question(bank)
    pre = make_quiz(draws=[(bank, "", 4)], key="pre")
    post = make_quiz(draws=[(bank, "", 4)], key="post")
    course = make_course(tree.migrant, title="Gain", slug="gain", modules=1, lessons=3)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for lesson, quiz, role in ((lessons[1], pre, "pre"), (lessons[2], post, "final")):
        lesson.body = [{"type": "quiz", "value": {"quiz": quiz.pk, "role": role}}]
        lesson.save_revision().publish()
    return SimpleNamespace(course=course, lessons=lessons, pre=pre, post=post)


def take(user, lesson, right_count):
    attempt = services.attempt_start(user=user, lesson=lesson)
    right = right_answers(attempt)
    return services.attempt_submit(
        attempt=attempt, user=user, answers={p: right[p] for p in list(right)[:right_count]}
    ).attempt


def test_resume_leads_to_the_pre_test_until_it_is_handed_in(client, people, gain_course):
    lessons = gain_course.lessons
    client.force_login(people.migrant)
    # Enrolling goes through Resume: to the pre-test, not to the first lesson.
    response = client.post(reverse("courses:enroll", args=[gain_course.course.pk]))
    response = client.get(response["Location"])
    assert response["Location"] == lessons[1].url + "#pre-test"
    html = client.get(lessons[1].url).content.decode()
    assert 'id="pre-test"' in html
    # An attempt started: Resume goes back to it.
    attempt = services.attempt_start(user=people.migrant, lesson=lessons[1])
    resume = reverse("courses:resume", args=[gain_course.course.pk])
    assert client.get(resume)["Location"] == reverse("assessments:attempt", args=[attempt.uuid])
    services.attempt_submit(attempt=attempt, user=people.migrant, answers={})
    # Handed in (even failed): Resume goes to the first unfinished lesson again.
    assert client.get(resume)["Location"] == lessons[0].url


def test_a_learner_who_skips_the_pre_test_is_not_blocked(client, people, gain_course):
    lessons = gain_course.lessons
    client.force_login(people.migrant)
    client.post(reverse("courses:enroll", args=[gain_course.course.pk]))
    resume = reverse("courses:resume", args=[gain_course.course.pk])
    assert client.get(resume)["Location"].endswith("#pre-test")
    # Every lesson still opens, and finishing one is accepted.
    assert client.get(lessons[0].url).status_code == 200
    done = client.post(reverse("courses:progress", args=[lessons[0].pk]), {"progress": "1"})
    assert done.status_code == 302
    # Once learning has started, Resume no longer sends them back.
    assert client.get(resume)["Location"] == lessons[1].url


def test_a_pre_test_taken_after_learning_does_not_count(people, gain_course):
    lessons = gain_course.lessons
    for user in (people.migrant, people.other):
        Enrollment.objects.create(user=user, course=gain_course.course, source="self")
    # migrant1: pre-test first (1/4), then learns, post-test 4/4.
    take(people.migrant, lessons[1], 1)
    lesson_progress_record(user=people.migrant, lesson=lessons[0], progress=1)
    # migrant2: learns the first lesson, then the "pre-test" (3/4), post-test 4/4.
    lesson_progress_record(user=people.other, lesson=lessons[0], progress=1)
    take(people.other, lessons[1], 3)
    for user in (people.migrant, people.other):
        take(user, lessons[2], 4)
    gain = knowledge_gain(course=gain_course.course)
    assert [row["user"] for row in gain["learners"]] == [people.migrant]
    assert gain["learners"][0]["gain"] == 75.0
    assert gain["count"] == 1 and gain["late_pre"] == 1


def test_finishing_the_pre_test_lesson_itself_keeps_the_pre_test(people, gain_course):
    lessons = gain_course.lessons
    Enrollment.objects.create(user=people.migrant, course=gain_course.course, source="self")
    lesson_progress_record(user=people.migrant, lesson=lessons[1], progress=1)
    take(people.migrant, lessons[1], 2)
    take(people.migrant, lessons[2], 4)
    gain = knowledge_gain(course=gain_course.course)
    assert gain["count"] == 1 and gain["learners"][0]["pre"] == 50.0
    assert gain["late_pre"] == 0


def test_the_report_says_which_pre_tests_count(admin_client, people, gain_course):
    lessons = gain_course.lessons
    Enrollment.objects.create(user=people.other, course=gain_course.course, source="self")
    lesson_progress_record(user=people.other, lesson=lessons[0], progress=1)
    take(people.other, lessons[1], 3)
    take(people.other, lessons[2], 4)
    url = reverse("assessments_course_report", args=[gain_course.course.pk])
    html = admin_client.get(url).content.decode()
    assert "before the learner finished any other lesson" in html
    assert "1 learner took the pre-test only after learning" in html
