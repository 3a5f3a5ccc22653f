"""Translating a course into Russian (wagtail-localize) and back; the language
switcher; the lang attribute."""


import polib
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from accounts.demo import load_accounts
from cms.models import LessonPage, ModulePage
from cms.translation import TranslationShapeError, translation_apply
from cms.tree import course_track
from core.tracks import Track
from tests.builders import executable_inline_scripts

from .conftest import make_course, make_video

pytestmark = pytest.mark.django_db

TG_TEXT = "<p>Шиносномаро бо худ гиред.</p><p>Корти муҳоҷиратиро нигоҳ доред.</p>"
RU_TEXT = "<p>Возьмите с собой паспорт.</p><p>Сохраните миграционную карту.</p>"


@pytest.fixture
def course(tree):
    video = make_video()
    body = [
        {"type": "text", "value": TG_TEXT, "id": "11111111-1111-1111-1111-111111111111"},
        {
            "type": "video",
            "value": {"video": video.pk, "caption": "Сафари бехатар"},
            "id": "22222222-2222-2222-2222-222222222222",
        },
    ]
    return make_course(tree.migrant, title="Курси тоҷикӣ", slug="course", body=body)


def ru():
    return Locale.objects.get(language_code="ru")


@pytest.fixture
def publish_on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes translations when the transaction commits."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def translate_course_to_russian(course):
    def russian(page):
        page = page.specific
        fields = {"title": f"RU {page.title}", "slug": page.slug}
        if isinstance(page, LessonPage):
            fields["body"] = [
                {"type": "text", "value": RU_TEXT, "id": page.body[0].id},
                {
                    "type": "video",
                    "value": {
                        "video": page.body[1].value["video"].pk,
                        "caption": "Безопасная поездка",
                    },
                    "id": page.body[1].id,
                },
            ]
        if hasattr(page, "summary"):
            fields["summary"] = f"RU {page.summary}" if page.summary else ""
        return page.__class__(**fields)

    for page in [course, *course.get_descendants().order_by("path")]:
        translation_apply(
            source_instance=page.specific, locale=ru(), translated_instance=russian(page)
        )
    return course.get_translation(ru())


def test_a_course_translated_into_russian(client, course, publish_on_commit):
    publish_on_commit(translate_course_to_russian, course)
    ru_course = course.get_translation(ru())
    assert ru_course.live and ru_course.title == "RU Курси тоҷикӣ"
    assert ru_course.get_parent().specific == course.get_parent().specific.get_translation(ru())
    assert course_track(ru_course) == Track.MIGRANT  # the track follows the tree in every language

    lesson = LessonPage.objects.descendant_of(course).get()
    ru_lesson = lesson.get_translation(ru())
    assert ru_lesson.url.startswith("/ru/")
    assert ru_lesson.body[1].value["video"] == lesson.body[1].value["video"]  # media stay in sync
    html = client.get(ru_lesson.url).content.decode()
    assert '<html lang="ru">' in html
    assert "Возьмите с собой паспорт." in html and "Безопасная поездка" in html
    assert "Шиносномаро" not in html
    # ... and back: the Russian page links to its Tajik original, and vice versa.
    soup = BeautifulSoup(html, "html.parser")
    tg_link = soup.select_one(".lang-switch a[lang=tg]")
    assert tg_link["href"] == lesson.url
    soup = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    assert soup.select_one(".lang-switch a[lang=ru]")["href"] == ru_lesson.url
    assert soup.select_one(".lang-switch a[aria-current]")["lang"] == "tg"
    assert soup.find("link", rel="alternate", hreflang="ru")["href"] == ru_lesson.url


def test_source_changes_flow_into_the_translation_and_po_files_round_trip(
    client, course, publish_on_commit
):
    publish_on_commit(translate_course_to_russian, course)
    lesson = LessonPage.objects.descendant_of(course).get()
    ru_lesson = lesson.get_translation(ru())

    # The author adds a paragraph in Tajik; the Russian page is updated (sync),
    # keeping its translations, with the new paragraph shown until translated.
    lesson.body[0].value.source += "<p>Сатри нав.</p>"
    lesson.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(lesson)
    translation = Translation.objects.get(source=source, target_locale=ru())
    publish_on_commit(translation.save_target, publish=True)
    html = client.get(ru_lesson.url).content.decode()
    assert "Возьмите с собой паспорт." in html and "Сатри нав." in html

    # A translator works offline: export the PO file, translate, import it back.
    po = translation.export_po()
    entries = {e.msgid: e for e in po}
    assert entries["Шиносномаро бо худ гиред."].msgstr == "Возьмите с собой паспорт."
    assert entries["Сатри нав."].msgstr == ""
    entries["Сатри нав."].msgstr = "Новая строка."
    warnings = translation.import_po(polib.pofile(str(po)))
    assert warnings == []
    publish_on_commit(translation.save_target, publish=True)
    html = client.get(ru_lesson.url).content.decode()
    assert "Новая строка." in html and "Сатри нав." not in html


def test_a_translation_must_have_the_shape_of_its_source(course):
    lesson = LessonPage.objects.descendant_of(course).get()
    wrong = LessonPage(title="RU", slug=lesson.slug, body=[{"type": "text", "value": "<p>x</p>"}])
    with pytest.raises(TranslationShapeError):
        translation_apply(source_instance=lesson, locale=ru(), translated_instance=wrong)


def test_an_author_submits_a_translation_of_their_course_in_the_admin(client, tree, course):
    accounts = load_accounts()
    client.force_login(accounts["author-migrant"])
    url = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [ru().pk], "include_subtree": "on"})
    assert response.status_code == 302
    ru_course = course.get_translation(ru())
    assert ModulePage.objects.child_of(ru_course).count() == 1
    ru_lesson = LessonPage.objects.descendant_of(ru_course).get()
    # The author may work on the Russian pages of their track...
    assert ru_lesson.permissions_for_user(accounts["author-migrant"]).can_edit()
    # ... and the other track's author may not.
    assert not ru_lesson.permissions_for_user(accounts["author-staff"]).can_edit()
    client.force_login(accounts["author-staff"])
    assert client.get(url).status_code in (302, 403, 404)


def test_language_switcher_on_every_page_keeps_you_on_the_same_page(
    client, course, publish_on_commit
):
    publish_on_commit(translate_course_to_russian, course)
    lesson = LessonPage.objects.descendant_of(course).get()
    soup = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    links = {a["lang"]: a for a in soup.select(".lang-switch a")}
    assert set(links) == {"tg", "ru", "uz", "en"}
    assert links["ru"]["href"] == lesson.get_translation(ru()).url
    # Not translated into Uzbek or English yet: the nearest translated page (the track).
    uz_index = course.get_parent().get_translation(Locale.objects.get(language_code="uz"))
    assert links["uz"]["href"] == uz_index.url and links["uz"].has_attr("title")
    for link in links.values():
        assert link["hreflang"] == link["lang"]
    # Pages that are not Wagtail pages switch the language prefix of the same URL.
    soup = BeautifulSoup(client.get("/ru/accounts/login/").content, "html.parser")
    assert soup.select_one(".lang-switch a[lang=en]")["href"] == "/en/accounts/login/"


@pytest.mark.parametrize("code", ["tg", "ru", "uz", "en"])
def test_home_and_track_pages_exist_in_every_language(admin_client, tree, code):
    # (an administrator: the staff track is hidden from the public by the track wall)
    client = admin_client
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    soup = BeautifulSoup(html, "html.parser")
    track_links = [a["href"] for a in soup.select(".cards h2 a")]
    assert track_links == [f"/{code}/orientation/", f"/{code}/trainers/"]
    for href in track_links:
        assert client.get(href).status_code == 200


def test_untranslated_courses_are_listed_in_tajik_and_marked_so(client, course):
    response = client.get("/uz/orientation/")
    soup = BeautifulSoup(response.content, "html.parser")
    card = soup.select_one(".cards .card")
    assert card["lang"] == "tg" and "Курси тоҷикӣ" in card.text
    assert soup.select_one(".notice")


def test_translation_admin_pages_have_no_inline_scripts(admin_client, course):
    """Safar's CSP blocks inline scripts: wagtail-localize's Translate form and
    translation editor must work from static files (cms/templates/wagtail_localize)."""
    submit = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    response = admin_client.get(submit)
    assert response.status_code == 200
    assert not executable_inline_scripts(response.content.decode())
    assert "cms/localize-select-all" in response.content.decode()
    admin_client.post(submit, {"locales": [ru().pk], "include_subtree": "on"})
    ru_lesson = LessonPage.objects.descendant_of(course.get_translation(ru())).get()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[ru_lesson.pk]))
    assert editor.status_code == 200
    html = editor.content.decode()
    assert "js-translation-editor" in html
    assert not executable_inline_scripts(html)
    assert 'data-page-chooser="/admin/choose-page/"' in html
