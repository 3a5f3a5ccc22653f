"""A translation is a draft until it is translated and goes through the same
MRC review as its source: "Translate this page" publishes nothing, the author
submits the translated page to review, an MRC editor approves it; nothing with
untranslated strings can be submitted or published."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from accounts.demo import load_accounts
from accounts.models import User
from cms.models import LessonPage
from tests.builders import TEST_PASSWORD

from .conftest import make_course

pytestmark = pytest.mark.django_db

TG_TEXT = "<p>Шиносномаро бо худ гиред.</p><p>Корти муҳоҷиратиро нигоҳ доред.</p>"


@pytest.fixture
def course(tree):
    body = [{"type": "text", "value": TG_TEXT, "id": "11111111-1111-1111-1111-111111111111"}]
    return make_course(tree.migrant, title="Курси тоҷикӣ", slug="course", body=body)


@pytest.fixture
def accounts(tree):
    found = load_accounts()
    editor = User.objects.create_user("editor", password=TEST_PASSWORD)
    editor.groups.add(Group.objects.get(name="MRC editors"))
    found["editor"] = editor
    return found


def ru():
    return Locale.objects.get(language_code="ru")


def translate_this_page(client, course):
    """The author's "Translate this page" → Russian, with the pages below."""
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    response = client.post(url, {"locales": [ru().pk], "include_subtree": "on"})
    assert response.status_code == 302
    ru_course = course.get_translation(ru())
    return ru_course, LessonPage.objects.descendant_of(ru_course).get()


def translate_strings(page, *, leave_out: int = 0):
    """What the author types in wagtail-localize's editor, string by string."""
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    segments = list(StringSegment.objects.filter(source=translation.source).order_by("order"))
    for segment in segments[leave_out:]:
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=page.locale,
            context_id=segment.context_id,
            defaults={"data": f"RU {segment.string.data}", "translation_type": "manual"},
        )
    return translation


def edit(client, page, data=None):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return client.post(url, data) if data is not None else client.get(url)


def approve(client, page):
    state = page.current_workflow_state
    task_state = state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    return client.post(url, {"comment": ""})


def test_translate_this_page_puts_nothing_live(client, accounts, course):
    client.force_login(accounts["author-migrant"])
    ru_course, ru_lesson = translate_this_page(client, course)
    for page in (ru_course, ru_lesson):
        page.refresh_from_db()
        assert not page.live
        assert page.get_latest_revision() is not None  # a draft to translate


def test_the_author_sees_submit_and_not_convert_to_alias(client, accounts, course):
    client.force_login(accounts["author-migrant"])
    _ru_course, ru_lesson = translate_this_page(client, course)
    soup = BeautifulSoup(edit(client, ru_lesson).content, "html.parser")
    props = json.loads(soup.select_one(".js-translation-editor")["data-props"])
    assert props["perms"]["canPublish"] is False
    assert props["links"]["convertToAliasUrl"] is None
    review = soup.select_one(".safar-translation-review")
    assert "strings translated" in review.text
    assert review.select_one("button[name=safar-submit-translation]") is None  # nothing typed yet
    translate_strings(ru_lesson)
    soup = BeautifulSoup(edit(client, ru_lesson).content, "html.parser")
    assert soup.select_one(".safar-translation-review button[name=safar-submit-translation]")


def test_an_untranslated_page_cannot_be_submitted(client, accounts, course):
    client.force_login(accounts["author-migrant"])
    _ru_course, ru_lesson = translate_this_page(client, course)
    translate_strings(ru_lesson, leave_out=1)
    response = edit(client, ru_lesson, {"safar-submit-translation": "1"})
    assert response.status_code == 302
    ru_lesson.refresh_from_db()
    assert ru_lesson.current_workflow_state is None and not ru_lesson.live


def test_an_editor_cannot_publish_an_untranslated_page_either(client, accounts, course):
    client.force_login(accounts["author-migrant"])
    _ru_course, ru_lesson = translate_this_page(client, course)
    translate_strings(ru_lesson, leave_out=1)
    client.force_login(accounts["editor"])
    assert edit(client, ru_lesson, {"action": "publish"}).status_code == 302
    ru_lesson.refresh_from_db()
    assert not ru_lesson.live


def test_the_translation_goes_live_through_mrc_review(client, accounts, course):
    client.force_login(accounts["author-migrant"])
    ru_course, ru_lesson = translate_this_page(client, course)
    for page in (ru_course, ru_lesson):
        translate_strings(page)
        assert edit(client, page, {"safar-submit-translation": "1"}).status_code == 302
        page.refresh_from_db()
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert not page.live
    client.force_login(accounts["editor"])
    for page in (ru_course, ru_lesson):
        assert approve(client, page).status_code in (200, 302)
        page.refresh_from_db()
        assert page.live
    client.logout()
    html = client.get(ru_lesson.url).content.decode()
    assert "RU Шиносномаро бо худ гиред." in html
    assert "<p>Шиносномаро бо худ гиред.</p>" not in html
