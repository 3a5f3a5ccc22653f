"""The journeys of issue 14 in a real browser (see conftest.py): a migrant on a
phone with and without JavaScript, a ministry staff member, an administrator.
They all need the live server, the demo and the real worker, and run in the
worker's test process (marker `worker`)."""

from __future__ import annotations

import time

import pytest

from .conftest import DESK, PHONE
from .steps import (
    finish_lesson,
    lesson_id,
    sign_in,
    sign_up,
    take_quiz_on_lesson,
    watch_video_with_player,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _orientation(language="tg"):
    from wagtail.models import Locale

    from cms.models import CoursePage

    return CoursePage.objects.get(
        slug="pre-departure-orientation", locale=Locale.objects.get(language_code=language)
    )


def _wait_for_videos(timeout=240):
    """The demo's clips are transcoded by the real worker."""
    from media_pipeline.models import Video

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = set(Video.objects.values_list("status", flat=True))
        if statuses == {Video.Status.READY}:
            return
        assert Video.Status.FAILED not in statuses
        time.sleep(1)
    pytest.fail(f"videos not ready after {timeout} s: {statuses}")


def _wait_for_certificate(user, timeout=60):
    from certificates.models import Certificate

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(user=user).first()
        if certificate is not None and certificate.pdf:
            return certificate
        time.sleep(0.5)
    pytest.fail("no certificate issued by the worker")


def _wait_until_watched(user, timeout=60):
    """Without the player a fetched rendition counts once that share of the
    video's duration has passed (media_pipeline.selectors.video_watched_from):
    wait exactly that long, not a fixed time."""
    from django.utils import timezone

    from media_pipeline.models import VideoViewLog
    from media_pipeline.selectors import video_watched_from

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logs = VideoViewLog.objects.filter(user=user, fetched_at__isnull=False)
        moments = [video_watched_from(user, log.video) for log in logs.select_related("video")]
        if moments and all(m is not None for m in moments):
            left = (max(moments) - timezone.now()).total_seconds()
            if left <= 0:
                return
            time.sleep(min(left + 0.1, 5))
        else:
            time.sleep(0.2)
    pytest.fail("the fetched video never counted as watched")


def _follow_course(j, user, course_url, *, javascript: bool, enroll: bool = True):
    """Enroll, then do what each page asks until the course is complete: the
    pre-test, every lesson (its video, its quiz), the final post-test."""
    page = j.page
    j.goto(course_url, "course page")
    if enroll:
        page.click("#enrollment form button[type=submit]")
        j.step("enrolled: the pre-test first")
    else:
        page.click("#enrollment a.button")
        j.step("started")
    seen_video = None
    for _ in range(60):
        if "/attempts/" in page.url:  # an open attempt (Resume leads there)
            from .steps import answer_quiz

            answer_quiz(j, user)
            page.goto(j.url(course_url))
            page.click("#enrollment a.button")
            continue
        if lesson_id(j) is None:
            break  # back on the course page: complete
        lesson_url = page.url.split("#")[0]
        if take_quiz_on_lesson(j, user):
            page.goto(lesson_url)  # the result page's "Back to the lesson"
        if page.locator("video").count() and javascript and seen_video is None:
            seen_video = watch_video_with_player(j)
        elif page.locator("video").count() and not javascript:
            href = page.locator("a[href*='download'], a[download]").first.get_attribute("href")
            page.request.get(j.url(href))  # "Download for later": the rendition, no player
            _wait_until_watched(user)  # the clip's 90 % of its duration passes
            page.reload()
        finish_lesson(j)
        if page.locator("#progress .warn").count():  # the video is not counted yet
            page.wait_for_timeout(3000)
            finish_lesson(j)
        next_lesson = page.locator("#progress a.button, #enrollment a.button")
        if lesson_id(j) is not None and next_lesson.count():
            next_lesson.first.click()
            j.step("next lesson")
    return seen_video


def test_journeys_1_and_5_migrant_then_administrator(journey):
    _migrant_journey(journey, javascript=True, phone="93 555 77 11")


def test_journey_2_migrant_without_javascript(journey):
    _migrant_journey(journey, javascript=False, phone="93 555 77 22")


def test_journey_3_staff(journey):
    _staff_journey(journey)


def test_journey_4_author(journey, tmp_path):
    from .author import author_journey

    author_journey(journey, tmp_path)


def _migrant_journey(journey, *, javascript, phone):
    """Journey 1 (JavaScript on, in Tajik, to the lesson in Russian and Uzbek,
    then journey 5 on its certificate) and journey 2 (JavaScript off, to the
    certificate, in Russian: so every learner page is checked by axe-core in
    both languages)."""
    from accounts.models import User

    _wait_for_videos()
    j = journey("1-migrant" if javascript else "2-migrant-no-js", viewport=PHONE,
                javascript=javascript)  # fmt: skip
    language = "tg" if javascript else "ru"
    j.goto(f"/{language}/", f"home ({language})")
    if javascript:  # every touch target at least 44 px: the language and account links
        sizes = j.page.eval_on_selector_all(
            ".lang-switch a, .user-nav a",
            "links => links.map(a => [a.textContent.trim(), a.getBoundingClientRect().width,"
            " a.getBoundingClientRect().height])",
        )
        assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes), sizes
    sign_up(j, phone, language=language)
    user = User.objects.get(phone="+992" + phone.replace(" ", ""))
    assert user.consents.exists()
    course = _orientation(language)
    assert course.live
    seen_video = _follow_course(j, user, course.url, javascript=javascript)
    if javascript:
        assert seen_video["tracks"] and "tg" in seen_video["tracks"], seen_video
        assert seen_video["after_switch"], seen_video
        assert seen_video["targets"] and min(seen_video["targets"]) >= 44, seen_video
    certificate = _wait_for_certificate(user)
    j.goto(f"/{language}/learn/", "my courses with the certificate")
    link = j.page.locator("a[href*='/certificates/'][href$='/pdf']").first
    with j.page.expect_download() as download:
        link.click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    verify = f"/verify/{certificate.code}"
    j.goto(verify, "verify page from the QR code")
    assert j.page.locator(".verdict-valid").count()
    if javascript:
        from cms.models import LessonPage

        lesson = LessonPage.objects.filter(slug="documents-to-take", locale=course.locale).get()
        for language in ("ru", "uz"):
            j.goto(lesson.url.replace("/tg/", f"/{language}/", 1), f"lesson in {language}")
            assert j.page.locator("html").get_attribute("lang") in (language, "tg")
            assert "404" not in j.page.title()
        _administrator_revokes_and_reports(journey, j, certificate)
    j.assert_accessible()


def _administrator_revokes_and_reports(journey, learner, certificate):
    """Journey 5 (after journey 1, on its certificate): an administrator finds
    the certificate, revokes it with a reason; the learner's My courses and the
    verify page say so; the administrator runs a report and downloads its CSV."""
    admin = journey("5-admin", viewport=DESK)
    sign_in(admin, "admin", admin=True)
    admin.goto(f"/admin/certificates/?q={certificate.serial}", "certificates: search")
    admin.page.click(f"a:has-text('{certificate.serial}')")
    admin.step("certificate")
    admin.page.fill("form:has(input[value=revoke]) textarea", "Issued by mistake (test)")
    admin.page.click("form:has(input[value=revoke]) button[type=submit]")
    admin.step("certificate revoked")
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    learner.goto("/tg/learn/", "my courses: revoked")
    assert not learner.page.locator("a[href*='/certificates/'][href$='/pdf']").count()
    learner.goto(f"/verify/{certificate.code}", "verify page: revoked")
    assert learner.page.locator(".verdict-revoked").count()
    admin.goto("/admin/learner-reports/migrant/", "report form")
    admin.page.click("form.safar-report-form button[type=submit]")
    admin.step("report")
    with admin.page.expect_download() as download:
        admin.page.click("a:has-text('CSV')")
    csv = download.value.path().read_bytes().decode("utf-8-sig")
    assert len(csv.splitlines()) > 5 and csv.count(",") > 10
    admin.assert_accessible()


def _staff_journey(journey):
    """Journey 3: sign up with an organisation, the trainer track is locked, an
    administrator verifies in the Wagtail admin, the request is approved once,
    the exam, the assessor's rubric, a trainer certificate with its expiry."""
    from accounts.models import User
    from cms.models import CoursePage
    from courses.models import Enrollment

    trainee = journey("3-staff", viewport=PHONE)
    sign_up(trainee, "zarina@migration.tj", staff=True)
    user = User.objects.get(email="zarina@migration.tj")
    trainer = CoursePage.objects.get(
        slug="certified-pre-departure-trainer", locale__language_code="tg"
    )
    assert trainee.goto(trainer.url, "trainer course: locked").status == 404

    admin = journey("3-staff-admin", viewport=DESK)
    sign_in(admin, "admin", admin=True)
    admin.goto("/admin/staff-verification/", "staff verification")
    row = admin.page.locator("tr", has_text="Фаррух Назаров")
    row.locator("button[type=submit]").click()
    admin.step("verified")

    assert trainee.goto(trainer.url, "trainer course: open").status == 200
    trainee.page.click("#enrollment form button[type=submit]")
    trainee.step("request waiting for approval")
    assert trainee.page.locator("#enrollment .warn").count()
    admin.goto("/admin/enrollment-requests/", "enrollment requests")
    admin.page.locator("tr", has_text="Фаррух Назаров").locator(
        "button[value=approve]").click()  # fmt: skip
    admin.step("request approved")
    assert Enrollment.objects.filter(user=user).count() == 1
    assert Enrollment.objects.get(user=user).status == "active"
    _wait_for_videos()
    _follow_course(trainee, user, trainer.url, javascript=True, enroll=False)
    enrollment = Enrollment.objects.get(user=user)
    assert enrollment.status == "active"  # lessons and the exam done; the practical waits
    admin.goto("/tg/learn/practical/", "assessor: trainees")
    admin.page.click(f"a[href*='/practical/{enrollment.pk}/']")
    admin.step("rubric")
    admin.page.fill("input[name=session]", "Хуҷанд, 12.03.2027")
    for group in admin.page.locator("fieldset").all():
        radios = group.locator("input[type=radio]")
        if radios.count():
            radios.last.check()
    admin.step("rubric scored")
    admin.page.click("form.quiz-form button[type=submit]")
    admin.step("assessment recorded")
    certificate = _wait_for_certificate(user)
    assert certificate.serial.startswith("MRC-TOT-")
    years = (certificate.expires_at - certificate.issued_at).days / 365.25
    assert 2.9 < years < 3.1, (certificate.issued_at, certificate.expires_at)
    trainee.goto("/tg/learn/", "my courses: trainer certificate")
    trainee.goto(f"/verify/{certificate.code}", "verify: trainer certificate, expiry")
    assert trainee.page.locator(".verdict-valid").count()
    trainee.assert_accessible()
    admin.assert_accessible()
