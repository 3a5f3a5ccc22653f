"""A page without a translation in the visitor's language is shown in Tajik
with a note (never a 404), and the wall between the tracks holds in fallback."""

import pytest
from bs4 import BeautifulSoup

from cms.models import LessonPage
from tests.builders import make_people

from .conftest import make_course, text_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def lessons(tree):
    migrant = make_course(tree.migrant, title="Курси тоҷикӣ", slug="course", body=text_body())
    staff = make_course(tree.staff, title="Курси тренерон", slug="trainer", body=text_body())
    return (
        LessonPage.objects.descendant_of(migrant).get(),
        LessonPage.objects.descendant_of(staff).get(),
    )


def _uz(page):
    return page.url.replace("/tg/", "/uz/", 1)


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_an_untranslated_lesson_is_shown_in_tajik_with_a_note(client, lessons, language):
    lesson, _staff = lessons
    response = client.get(lesson.url.replace("/tg/", f"/{language}/", 1))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language  # the interface in the visitor's language
    note = soup.select_one(".notice.untranslated")
    assert note is not None
    content = note.find_next_sibling("div")
    assert content["lang"] == "tg" and "Ҳуҷҷатҳоро санҷед" in content.text


def test_a_translated_or_tajik_page_has_no_note(client, lessons):
    lesson, _staff = lessons
    soup = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    assert soup.select_one(".notice.untranslated") is None


def test_the_fallback_keeps_the_wall_between_the_tracks(client, people, lessons):
    _lesson, staff_lesson = lessons
    for user in (None, people.migrant, people.unverified):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(_uz(staff_lesson)).status_code == 404
        assert client.get(staff_lesson.url).status_code == 404
    client.force_login(people.staff)
    assert client.get(_uz(staff_lesson)).status_code == 200


def test_a_page_that_does_not_exist_is_still_404(client, lessons):
    assert client.get("/uz/orientation/no-such-course/").status_code == 404
    assert client.get("/tg/orientation/no-such-course/").status_code == 404
