"""Journey 4 (issue 14): a migrant-track author at a desk (1280×800) in the
Wagtail admin, and an MRC editor who reviews.

The author creates a course, a module and a lesson; uploads a video and sees
its status reach "ready" on the video's page (the page polls the status; nobody
reloads it); puts the video and a quiz into the lesson; submits the pages for
moderation; the editor approves them; the author translates the course (with its
module and lesson) into Russian in wagtail-localize's editor and submits the
translation to MRC review; the editor approves it; the pages are live in Tajik
and in Russian. Throughout, nothing of the staff track (pages, videos, images,
quizzes) is in the author's admin: the page explorer, the listings, the
choosers."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import DESK, PASSWORD, PHONE, Journey
from .steps import sign_in, wait_until

COURSE = {"title": "Кор дар сохтмон", "summary": "Қоидаҳои бехатарӣ дар сохтмон."}
MODULE = {"title": "Бехатарӣ дар сохтмон", "summary": "Либос ва асбобҳо."}
LESSON = {"title": "Кулоҳи муҳофизатӣ", "summary": "Чаро кулоҳ лозим аст."}
SLUGS = {"course": "construction-work", "module": "safety-on-site", "lesson": "hard-hat"}
RUSSIAN = {
    COURSE["title"]: "Работа на стройке",
    COURSE["summary"]: "Правила безопасности на стройке.",
    MODULE["title"]: "Безопасность на стройке",
    MODULE["summary"]: "Одежда и инструменты.",
    LESSON["title"]: "Защитная каска",
    LESSON["summary"]: "Зачем нужна каска.",
}
VIDEO_TITLE = "Кулоҳи муҳофизатӣ: видео"
EDITOR = "editor-e2e"
TRANSLATE = re.compile(r"^\s*Translate\s*$")


def staff_track_titles() -> list[str]:
    """The titles of the staff track's pages, videos, images and quizzes, in
    every language: none may show in a migrant-track author's admin."""
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from assessments.models import Quiz
    from cms.track_admin import in_tracks_q
    from core.tracks import Track
    from media_pipeline.models import Video

    titles = []
    for model in (Page, get_image_model(), Video, Quiz):
        q = in_tracks_q(model, [Track.STAFF])
        if q is not None:
            titles += list(model.objects.filter(q).values_list("title", flat=True))
    assert titles, "the demo has a staff track"
    return sorted({t for t in titles if len(t) > 3})


def assert_no_staff_track(j: Journey, forbidden: list[str], where: str) -> None:
    text = j.page.content()
    found = [t for t in forbidden if t in text]
    assert not found, f"{where}: staff-track objects in the author's admin: {found}"


def _page_id(url: str) -> int:
    return int(re.search(r"/pages/(\d+)/", url).group(1))


def _fill_page(j: Journey, fields: dict, slug: str) -> None:
    page = j.page
    page.fill("#id_title", fields["title"])
    page.fill("#id_summary", fields["summary"])
    page.locator("[role=tab][href='#tab-promote'], [role=tab]").nth(1).click()
    page.fill("#id_slug", slug)
    page.locator("[role=tab]").nth(0).click()


def _save_draft(j: Journey, label: str) -> int:
    """Save draft; back on the page's edit view: its id."""
    j.page.click("footer button.action-save")
    j.page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    j.step(label)
    return _page_id(j.page.url)


def _submit_for_moderation(j: Journey, page_id: int, label: str) -> None:
    page = j.page
    if f"/pages/{page_id}/edit/" not in page.url:
        page.goto(j.url(f"/admin/pages/{page_id}/edit/"))
    page.click("footer .w-dropdown__toggle")
    submit = page.locator("footer button[name=action-submit]")
    name = submit.inner_text().strip()
    submit.click()
    # On a slow machine Wagtail's editing-session check can take the draft
    # this author has just saved for a version "saved in another window" and
    # ask before overwriting it (seen once in CI on PostgreSQL). It is their
    # own save: they go on, with the dialog's button of the same name.
    def left() -> bool:
        return f"/pages/{page_id}/edit/" not in page.url

    again = page.get_by_role("dialog").get_by_role("button", name=name, exact=True).first
    wait_until(lambda: left() or again.is_visible(), timeout=30, what="the submission")
    if not left():
        j.step(f"{label}: Wagtail asks about a version saved in another window")
        again.click()
    page.wait_for_url(lambda url: f"/pages/{page_id}/edit/" not in url)
    j.step(label)


def _choose(j: Journey, label: str) -> None:
    """The new block's "Choose …" button (the last one still showing) → the modal."""
    page = j.page
    page.locator("#body-root button[data-chooser-action-choose]:visible").last.click()
    page.wait_for_selector(".modal-content a[href*='/chosen/']")
    j.step(label)


def _add_block(j: Journey, block: str) -> None:
    """The last "+" of the lesson's body → the block's name in the admin's
    language (the page's `lang`)."""
    from django.utils import translation

    from cms.blocks import LessonStreamBlock

    page = j.page
    with translation.override(page.locator("html").get_attribute("lang")):
        label = str(LessonStreamBlock().child_blocks[block].label)
    page.locator("#body-root .c-sf-add-button").last.click()
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")  # has_text alone ignores case
    page.locator("[role=option]", has_text=exact).first.click()


def _approve(editor: Journey, page_id: int, label: str) -> None:
    page = editor.page
    page.goto(editor.url(f"/admin/pages/{page_id}/edit/"))
    page.click("footer .w-dropdown__toggle")
    page.locator("footer button[data-workflow-action-name=approve]").first.click()
    page.wait_for_url(lambda url: f"/pages/{page_id}/edit/" not in url)
    editor.step(label)


def _approve_on_dashboard(editor: Journey, page_id: int, label: str) -> None:
    """A translation's edit view is wagtail-localize's editor, without the
    workflow's actions: the editor approves it from "Awaiting your review" on
    the dashboard."""
    page = editor.page
    page.goto(editor.url("/admin/"))
    row = page.locator("tr", has=page.locator(f"a[href$='/pages/{page_id}/edit/']"))
    row.locator("[data-w-dropdown-target=toggle]").first.click()
    approve = row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])")
    with page.expect_navigation():
        approve.first.click()
    editor.step(label)


def _translate_strings(j: Journey, slug: str) -> int:
    """In wagtail-localize's editor: every string, tab by tab (Russian text for
    the known ones, the page's slug on the Promote tab)."""
    page = j.page
    done = 0
    for tab in range(page.locator("[role=tab]").count()):
        page.locator("[role=tab]").nth(tab).click()
        while True:
            translate = page.locator("main button:visible", has_text=TRANSLATE)
            if not translate.count():
                break
            segment = translate.first.locator("xpath=ancestor::li[2]")  # the string's row
            source = segment.inner_text() if segment.count() else ""
            translate.first.click()
            russian = next((ru for tg, ru in RUSSIAN.items() if tg in source), None)
            if russian is None:
                russian = slug if tab else "Русский текст"
            page.locator("main textarea:visible").first.fill(russian)
            page.locator("main button:visible", has_text=re.compile(r"^\s*Save\s*$")).first.click()
            done += 1
            page.locator("main textarea:visible").first.wait_for(state="detached")
    return done


def author_journey(journey, tmp_path: Path) -> None:
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page

    from accounts.models import User
    from cms.models import CoursePage, TrackIndexPage
    from core.tracks import Track
    from courses.tracks import MRC_EDITORS
    from media_pipeline.demo import generate_clip
    from media_pipeline.models import Video

    forbidden = staff_track_titles()
    editor_user = User.objects.create_user(EDITOR, password=PASSWORD, first_name="Муҳаррир")
    editor_user.groups.add(Group.objects.get(name=MRC_EDITORS))
    index = TrackIndexPage.objects.get(track=Track.MIGRANT, locale__language_code="tg")
    home = index.get_parent()

    a = journey("4-author", viewport=DESK)
    sign_in(a, "author-migrant", admin=True)
    assert_no_staff_track(a, forbidden, "dashboard")
    for path, label in (
        ("/admin/pages/", "page explorer: root"),
        (f"/admin/pages/{home.pk}/", "page explorer: home"),
        ("/admin/snippets/media_pipeline/video/", "videos"),
        ("/admin/images/", "images"),
        ("/admin/images/chooser/", "image chooser"),
        ("/admin/snippets/choose/media_pipeline/video/", "video chooser"),
        ("/admin/snippets/choose/assessments/quiz/", "quiz chooser"),
        (f"/admin/choose-page/{home.pk}/", "page chooser"),
    ):
        # The choosers answer the modal's JSON, not a page: no axe-core there
        # (the modals are checked where the lesson opens them).
        a.goto(path, label, check_axe="/choose" not in path)
        assert_no_staff_track(a, forbidden, label)

    # The video: uploaded, processed by the real worker while the page polls.
    clip = generate_clip(tmp_path / "hard-hat.mp4", seconds=4, size="320x180")
    a.goto("/admin/snippets/media_pipeline/video/add/", "video: upload form")
    a.page.fill("input[name=title]", VIDEO_TITLE)
    track = a.page.locator("select[name=track]")
    if track.count():  # the author's one track, fixed
        assert track.input_value() == Track.MIGRANT
        assert Track.STAFF not in track.locator("option").evaluate_all(
            "os => os.map(o => o.value)"
        )
    a.page.set_input_files("input[name=original]", str(clip))
    a.step("video: file chosen")
    a.page.click("footer button[type=submit]")
    a.page.wait_for_url(lambda url: "/add/" not in url)
    a.step("video: uploaded")
    video = Video.objects.get(title=VIDEO_TITLE)
    assert video.track == Track.MIGRANT
    a.goto(f"/admin/snippets/media_pipeline/video/edit/{video.pk}/", "video: processing")
    a.page.wait_for_selector("[data-video-status][data-status=ready]", timeout=180_000)
    a.step("video: ready, the page polled")
    assert a.page.locator("[data-video-status] table.listing tbody tr").count() >= 1

    # Course, module, lesson (with the video and a quiz), each submitted.
    a.goto(f"/admin/pages/add/cms/coursepage/{index.pk}/", "course: new")
    _fill_page(a, COURSE, SLUGS["course"])
    # A chooser in a form field (here in an inline panel added on the page):
    # Wagtail starts it with an inline script, which the CSP blocks; Safar's
    # marker starts it instead (cms/admin_choosers.py).
    a.page.click("#id_contacts-ADD")
    a.page.locator("#id_contacts-0-card-chooser button[data-chooser-action-choose]").click()
    a.page.wait_for_selector(".modal-content a[href*='/chosen/']")
    a.step("course: contact card chooser")
    a.page.locator(".modal-content a[href*='/chosen/']").first.click()
    a.page.wait_for_selector(".modal-content", state="detached")
    assert a.page.locator("#id_contacts-0-card").input_value()
    course_id = _save_draft(a, "course: draft saved")
    assert CoursePage.objects.get(pk=course_id).contacts.count() == 1
    _submit_for_moderation(a, course_id, "course: submitted")
    a.goto(f"/admin/pages/add/cms/modulepage/{course_id}/", "module: new")
    _fill_page(a, MODULE, SLUGS["module"])
    module_id = _save_draft(a, "module: draft saved")
    _submit_for_moderation(a, module_id, "module: submitted")
    a.goto(f"/admin/pages/add/cms/lessonpage/{module_id}/", "lesson: new")
    _fill_page(a, LESSON, SLUGS["lesson"])
    _add_block(a, "video")
    _choose(a, "lesson: video chooser")
    assert_no_staff_track(a, forbidden, "video chooser in the lesson")
    assert a.page.locator(".modal-content", has_text=VIDEO_TITLE).count()
    a.page.locator(".modal-content a[href*='/chosen/']", has_text=VIDEO_TITLE).click()
    a.page.wait_for_selector(".modal-content", state="detached")
    _add_block(a, "quiz")
    _choose(a, "lesson: quiz chooser")
    assert_no_staff_track(a, forbidden, "quiz chooser in the lesson")
    a.page.locator(".modal-content a[href*='/chosen/']").first.click()
    a.page.wait_for_selector(".modal-content", state="detached")
    lesson_id = _save_draft(a, "lesson: draft with the video and a quiz")
    _submit_for_moderation(a, lesson_id, "lesson: submitted")
    for page_id in (course_id, module_id, lesson_id):
        assert not Page.objects.get(pk=page_id).live

    # The editor approves.
    e = journey("4-editor", viewport=DESK)
    sign_in(e, EDITOR, admin=True)
    for page_id, label in ((course_id, "course"), (module_id, "module"), (lesson_id, "lesson")):
        _approve(e, page_id, f"{label}: approved")
    for page_id in (course_id, module_id, lesson_id):
        assert Page.objects.get(pk=page_id).live

    # The author translates into Russian; the translation goes through review.
    russian = Locale.objects.get(language_code="ru")
    a.goto(f"/admin/localize/submit/page/{course_id}/", "translate: choose Russian")
    a.page.check(f"input[name=locales][value='{russian.pk}']")
    a.page.check("input[name=include_subtree]")
    a.page.click("main form button[type=submit], main form input[type=submit]")
    a.page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    a.step("translate: the Russian course, a draft")
    tg_pages = {"course": course_id, "module": module_id, "lesson": lesson_id}
    ru_pages = {}
    for name, page_id in tg_pages.items():
        ru_page = Page.objects.get(pk=page_id).get_translation(russian)
        assert not ru_page.live, "a translation is a draft until reviewed"
        ru_pages[name] = ru_page.pk
        a.goto(f"/admin/pages/{ru_page.pk}/edit/", f"{name} in Russian: editor")
        assert _translate_strings(a, SLUGS[name]) >= 1
        a.page.reload()
        a.step(f"{name} in Russian: translated")
        a.page.click(".safar-translation-review button[name=safar-submit-translation]")
        a.page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        a.step(f"{name} in Russian: submitted to MRC review")
        assert not Page.objects.get(pk=ru_page.pk).live
    e.goto("/admin/", "editor: the Russian pages await review")
    for name, page_id in ru_pages.items():
        _approve_on_dashboard(e, page_id, f"{name} in Russian: approved")

    # Live in both languages, for anyone.
    v = journey("4-visitor", viewport=PHONE)
    for language, pages in (("tg", tg_pages), ("ru", ru_pages)):
        for name, page_id in pages.items():
            live = Page.objects.get(pk=page_id)
            assert live.live and live.locale.language_code == language
            response = v.goto(live.url, f"{name} live in {language}")
            assert response.status == 200
            assert v.page.locator("h1", has_text=live.title).count(), (language, name)
    ru_lesson = Page.objects.get(pk=ru_pages["lesson"])
    assert ru_lesson.title == RUSSIAN[LESSON["title"]]
    assert v.page.locator("video").count()
    a.goto("/admin/pages/", "page explorer at the end")
    assert_no_staff_track(a, forbidden, "page explorer at the end")
    problems = []
    for j in (a, e, v):
        try:
            j.assert_accessible()
        except AssertionError as failure:
            problems.append(str(failure))
    assert not problems, "\n".join(problems)
