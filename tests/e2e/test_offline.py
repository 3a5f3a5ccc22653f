"""Offline lessons in the phone's browser (issue 17): a migrant saves the
orientation course for offline (sound only; the lesson quiz's attempt is
started and its page kept), the connection goes, two saved lessons open from
the phone and are finished there and the lesson quiz is answered and handed in
(queued in IndexedDB with client ids), the connection comes back, and the
server has their progress, the graded attempt and their xAPI statements (sent
through POST /api/v1/sync/). Runs in the worker's test
process (marker `worker`), like the other journeys."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD
from .steps import answer_quiz, sign_in, wait_until

QUIZ_LESSON = "documents-to-take"  # the demo's lesson quiz, without a time limit

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _lessons_without_video(course, n=2):
    from cms.models import LessonPage

    found = []
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        kinds = {block.block_type for block in lesson.body}
        if not kinds & {"video", "quiz", "practical"}:
            found.append(lesson)
    assert len(found) >= n, "the demo course has fewer plain lessons than expected"
    return found[:n]


def test_save_a_course_go_offline_finish_two_lessons_and_a_quiz_and_sync(journey):
    from wagtail.models import Locale

    from accounts.models import User
    from assessments.models import Attempt
    from cms.models import CoursePage, LessonPage
    from courses.models import Enrollment, LessonProgressLog
    from courses.statements import page_activity
    from xapi.models import Statement

    j = journey("offline")
    course = CoursePage.objects.get(
        slug="pre-departure-orientation", locale=Locale.objects.get(language_code="tg")
    )
    learner = User.objects.create_user("offline-learner", password=PASSWORD)
    Enrollment.objects.create(user=learner, course=course, source="self")
    first, second = _lessons_without_video(course)
    page = j.page

    sign_in(j, "offline-learner")
    j.goto(course.url, "course page")
    panel = page.locator("[data-offline-course]")
    panel.wait_for(state="visible")
    page.locator("[data-offline-save]:not([disabled])").wait_for()
    assert "…" not in page.locator("[data-size=audio]").inner_text()
    j.step("the save panel, with the sizes")
    page.click("[data-offline-save]")
    j.step("downloading", check_axe=False)
    page.locator("[data-offline-remove]").wait_for(state="visible", timeout=180_000)
    j.step("saved on this phone")
    wait_until(lambda: page.evaluate("!!navigator.serviceWorker.controller"), 20, "the worker")

    j.page.context.set_offline(True)
    # Really offline, worker included: a page that was not saved does not open.
    from playwright.sync_api import Error as BrowserError

    probe = page.context.new_page()
    with pytest.raises(BrowserError):
        probe.goto(j.url("/tg/"))
    probe.close()
    for lesson in (first, second):
        j.goto(lesson.url, f"offline: {lesson.slug}")
        page.click("#progress form[action$='/progress/'] button[type=submit]")
        page.locator("#progress p.ok").wait_for()
        j.step(f"offline: finished {lesson.slug}")
    assert not LessonProgressLog.objects.filter(user=learner).exists()

    # The lesson quiz, offline: "Start" opens the attempt kept while saving.
    quiz_lesson = LessonPage.objects.get(slug=QUIZ_LESSON, locale=course.locale)
    # Started by the save (the pre-test's too), not answered yet.
    attempt = Attempt.objects.get(user=learner, lesson=quiz_lesson)
    assert attempt.status == Attempt.Status.IN_PROGRESS and not attempt.answers
    j.goto(quiz_lesson.url, "offline: the quiz lesson")
    page.click("form[action$='/quiz/start/'] button[type=submit]")
    page.locator("form.quiz-form").wait_for()
    j.step("offline: the saved attempt")
    answer_quiz(j, learner)
    handed = page.locator("#safar-offline").get_attribute("data-t-handed")
    page.locator("p.ok", has_text=handed).wait_for()
    j.step("offline: the quiz handed in on the phone")
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS

    j.page.context.set_offline(False)
    # Back online: the page sends the queue (the "online" event; the worker's
    # Background Sync may send it too: the same client ids count once).
    sent = page.locator("#safar-offline").get_attribute("data-t-sent")
    page.locator("#safar-offline-status", has_text=sent).wait_for(timeout=30_000)
    j.step("sent")
    logs = wait_until(
        lambda: list(
            LessonProgressLog.objects.filter(user=learner, completed_at__isnull=False)
        ) if LessonProgressLog.objects.filter(
            user=learner, completed_at__isnull=False).count() == 2 else None,
        what="two finished lessons on the server",
    )  # fmt: skip
    assert {log.lesson_id for log in logs} == {first.pk, second.pk}
    graded = wait_until(
        lambda: Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.SUBMITTED).first(),
        what="the attempt graded by the server",
    )
    assert graded.passed and graded.percent == 100.0
    wait_until(
        lambda: Statement.objects.filter(
            verb_id__endswith="/passed", registration=graded.enrollment.registration
        ).exists(),
        what="the quiz's xAPI statement",
    )
    for lesson in (first, second):
        activity = page_activity("lesson", lesson).id
        wait_until(
            lambda a=activity: Statement.objects.filter(
                verb_id__endswith="/completed", object_activity_id=a
            ).exists(),
            what=f"the xAPI statement of {lesson.slug}",
        )
    j.assert_accessible()
