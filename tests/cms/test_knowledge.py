"""The knowledge base: public pages with sources, owner and review dates; the
review report; lessons ↔ articles."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import ArticlePage, DestinationCountry, UnansweredSearch
from tests.builders import extra_scripts, make_course, make_people

from .knowledge_builders import TODAY, make_article, make_country, make_knowledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb(tree):
    index, topic = make_knowledge(tree.home)
    article = make_article(
        topic,
        title="Патент",
        slug="patent",
        summary="Патент дар Россия",
        body_text="<p>Дар давоми 30 рӯз.</p>",
    )
    russia = DestinationCountry.objects.create(name="Россия", code="RU")
    country = make_country(index, russia)
    return type("KB", (), {"index": index, "topic": topic, "article": article, "country": country})


def test_pages_are_public_light_and_script_free(client, kb):
    for page in (kb.index, kb.topic, kb.article, kb.country):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert extra_scripts(html) == [], page.url  # readable without JavaScript
        assert len(response.content) < 60_000, page.url
    html = client.get(kb.article.url).content.decode()
    assert "01.03.2027" in html  # last checked on
    assert "Federal Law 115-FZ" in html and "MRC legal counsellor" in html
    country = client.get(kb.country.url).content.decode()
    assert "Within 15 days" in country and "Patent" in country


def test_the_knowledge_base_is_linked_from_home_and_lists_its_pages(client, kb):
    assert kb.index.url in client.get("/tg/").content.decode()
    index = client.get(kb.index.url).content.decode()
    assert kb.topic.url in index and kb.country.url in index
    assert kb.article.url in client.get(kb.topic.url).content.decode()


def test_checklists_print_on_paper(client, kb):
    checklist = make_article(kb.topic, title="Рӯйхат", slug="list", kind=ArticlePage.Kind.CHECKLIST)
    html = client.get(checklist.url).content.decode()
    assert 'media="print"' in html and "cms/print" in html


def test_an_article_without_a_review_date_is_refused(kb):
    from accounts.models import User

    admin = User.objects.create_superuser("kb-admin", "a@example.org", "x-pass-2027")
    form_class = ArticlePage.get_edit_handler().get_form_class()
    data = {
        "title": "Without review",
        "slug": "without-review",
        "summary": "x",
        "kind": "article",
        "content_owner": "MRC",
        "last_checked": "2027-03-01",
        "review_by": "",
        "body-count": "0",
        "sources-count": "0",
    }
    form = form_class(data, instance=ArticlePage(), parent_page=kb.topic, for_user=admin)
    assert not form.is_valid()
    assert "review_by" in form.errors
    page = ArticlePage(
        title="x", slug="x2", summary="x", content_owner="MRC", last_checked=TODAY, review_by=None
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "review_by" in error.value.message_dict
    page.review_by = TODAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "review_by" in error.value.message_dict


def test_only_orientation_courses_can_be_linked(tree, kb):
    staff_course = make_course(tree.staff, title="Trainer", slug="trainer")
    kb.article.related_courses.set([staff_course])
    with pytest.raises(ValidationError):
        kb.article.clean()


def test_articles_link_to_courses_and_lessons_to_articles(client, tree, kb):
    course = make_course(
        tree.migrant,
        title="Orientation",
        slug="orientation",
        body=[{"type": "article", "value": {"article": kb.article.pk, "note": "Read before"}}],
    )
    kb.article.related_courses.set([course])
    kb.article.save_revision().publish()
    assert course.url in client.get(kb.article.url).content.decode()
    from cms.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course).first()
    html = client.get(lesson.url).content.decode()
    assert kb.article.url in html and "Read before" in html


def test_review_report_lists_overdue_pages_for_editors(client, kb):
    people = make_people()
    overdue = make_article(
        kb.topic,
        title="Old facts",
        slug="old",
        last_checked=datetime.date(2020, 1, 1),
        review_by=datetime.date(2020, 6, 1),
    )
    client.force_login(people.admin)
    html = client.get("/admin/knowledge-review/").content.decode()
    assert "Old facts" in html and f"/admin/pages/{overdue.pk}/edit/" in html
    assert "Патент" not in html  # not due yet
    client.force_login(people.migrant)
    assert client.get("/admin/knowledge-review/").status_code in (302, 403)


def test_editors_see_the_searches_that_found_nothing(client, kb):
    people = make_people()
    client.get("/tg/search/", {"q": "Корея виза"})
    client.force_login(people.admin)
    html = client.get("/admin/unanswered-searches/").content.decode()
    assert "корея виза" in html
    assert UnansweredSearch.objects.get().count == 1
    menu = client.get("/admin/").content.decode()
    assert "/admin/unanswered-searches/" in menu and "/admin/knowledge-review/" in menu
