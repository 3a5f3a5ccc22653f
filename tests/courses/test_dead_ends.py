"""No dead ends for a learner: each step says what happened and offers the next
one (sign-up, a finished lesson, a finished course, a quiz result), module and
course pages tick finished lessons, a pre-test has no pass mark, and a revoked
certificate is not offered for download."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from assessments import services as quiz_services
from assessments.models import Attempt
from assessments.selectors import attempt_versions
from certificates import services as certificate_services
from cms.models import LessonPage, ModulePage
from courses import services
from courses.models import Enrollment
from tests.accounts.test_accounts_flow import signup_data
from tests.assessments.conftest import lesson_of
from tests.assessments.factories import make_question, make_quiz
from tests.builders import make_course
from tests.certificates.conftest import add_profile, complete_course

pytestmark = pytest.mark.django_db


def tg(text):
    """`text` as a Tajik page says it (the test courses are Tajik pages)."""
    from django.utils import translation

    with translation.override("tg"):
        return translation.gettext(text)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_sign_up_leads_to_the_courses_with_a_welcome(client, tree):
    response = client.post("/en/accounts/signup/", signup_data(), follow=True)
    page = soup(response)
    assert response.redirect_chain[-1][0] == "/en/"
    assert "Your account is ready" in page.select_one(".messages").text


def test_finishing_a_lesson_says_so_and_ticks_it(client, people, tree):
    course = make_course(tree.migrant, title="Two", slug="two", lessons=2)
    services.enrollment_create(user=people.migrant, course=course)
    first, second = LessonPage.objects.descendant_of(course).order_by("path")
    client.force_login(people.migrant)
    response = client.post(
        f"/en/learn/lessons/{first.pk}/progress/", {"progress": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == second.url
    assert (
        f"You have finished the lesson “{first.title}”"
        in soup(response).select_one(".messages").text
    )
    module = soup(client.get(ModulePage.objects.descendant_of(course).get().url))
    ticks = {li.a.text: bool(li.select_one(".tick")) for li in module.select(".outline li")}
    assert ticks == {first.title: True, second.title: False}
    outline = soup(client.get(course.url)).select(".outline ol li")
    assert [bool(li.select_one(".tick")) for li in outline] == [True, False]


def test_a_completed_course_congratulates_and_links_the_certificate(client, people, tree):
    from certificates.demo import load_certificates

    load_certificates()
    add_profile(people.migrant, "Ҷамшед Қодиров")
    course = make_course(
        tree.migrant, title="Done", slug="done", certificate_template="orientation"
    )
    enrollment = complete_course(people.migrant, course)
    client.force_login(people.migrant)
    box = soup(client.get(course.url)).select_one("#enrollment")
    assert tg("Congratulations! You have completed this course.") in box.text
    assert box.find("a", href=reverse("courses:my_courses"))  # the certificate is on its way
    assert not box.find("a", href=reverse("courses:resume", kwargs={"page_id": course.pk}))
    certificate = certificate_services.certificate_issue(enrollment=enrollment)
    box = soup(client.get(course.url)).select_one("#enrollment")
    download = reverse("certificates:download", kwargs={"certificate_uuid": certificate.uuid})
    assert box.find("a", href=download)
    mine = soup(client.get("/en/learn/"))
    assert mine.find("a", href=download)
    certificate_services.certificate_revoke(
        certificate=certificate, actor=people.admin, reason="Name misspelt"
    )
    mine = soup(client.get("/en/learn/"))
    assert not mine.find("a", href=download)
    assert "revoked" in mine.select_one(".completed-courses").text
    box = soup(client.get(course.url)).select_one("#enrollment")
    assert not box.find("a", href=download)
    assert tg("Your certificate for this course was revoked.") in box.text


def quiz_lesson(tree, people, role, **fields):
    quiz = make_quiz([make_question(text="Keep it?")], pass_mark=50, **fields)
    course = make_course(
        tree.migrant,
        title=f"Quiz {role}",
        slug=f"quiz-{role}",
        body=[{"type": "quiz", "value": {"quiz": quiz.pk, "role": role}}],
    )
    Enrollment.objects.create(user=people.migrant, course=course, source="self")
    return lesson_of(course)


def hand_in(user, lesson, right):
    attempt = quiz_services.attempt_start(user=user, lesson=lesson)
    data = attempt_versions(attempt)[attempt.questions[0]["version"]]
    choice = next(c["id"] for c in data["choices"] if c["correct"] == right)
    quiz_services.attempt_submit(attempt=attempt, user=user, answers={"1": choice})
    return Attempt.objects.get(pk=attempt.pk)


def test_a_failed_quiz_offers_a_retry_while_attempts_remain(client, people, tree):
    lesson = quiz_lesson(tree, people, "lesson", max_attempts=2)
    client.force_login(people.migrant)
    start = reverse("assessments:start", kwargs={"page_id": lesson.pk})
    first = hand_in(people.migrant, lesson, right=False)
    page = soup(client.get(f"/en/learn/attempts/{first.uuid}/result/"))
    retry = page.find("form", action=start)
    assert retry and "Try again" in retry.text and "1 attempt left" in retry.text
    second = hand_in(people.migrant, lesson, right=False)
    page = soup(client.get(f"/en/learn/attempts/{second.uuid}/result/"))
    assert not page.find("form", action=start)
    assert "used all the attempts" in page.text


def test_a_pre_test_has_no_pass_mark(client, people, tree):
    lesson = quiz_lesson(tree, people, "pre")
    client.force_login(people.migrant)
    box = soup(client.get(lesson.url)).select_one(".quiz-box")
    assert not box.find("li", string=lambda t: t and "50%" in t)  # no "You pass with 50%"
    attempt = hand_in(people.migrant, lesson, right=True)
    result = soup(client.get(f"/en/learn/attempts/{attempt.uuid}/result/")).select_one(".result")
    assert "pass mark" in result.text.lower() and "no pass mark" in result.text
    assert "Passed" not in result.text and "pass mark 50" not in result.text
    box = soup(client.get(lesson.url)).select_one(".quiz-box")
    assert not box.select(".quiz-passed, .quiz-failed")  # neither "Passed" nor "Not passed"
