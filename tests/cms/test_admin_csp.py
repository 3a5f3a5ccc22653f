"""Safar's Content-Security-Policy (script-src 'self') blocks inline scripts, and
Wagtail starts its form-field chooser widgets (image, page, snippet, document)
with one: their "Choose" buttons did nothing (a course's cover image and contact
cards, a country page's country, a session's course and place, a question's bank
and image). Every page type's and snippet's add and edit forms must work from
static files: no executable inline script, each chooser started by a marker that
cms/static/cms/admin-csp.js runs (cms/admin_choosers.py)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from assessments.models import Question
from cms.models import CourseContact, CoursePage
from tests.assessments.factories import make_bank, make_question
from tests.builders import executable_inline_scripts, make_card, make_course, make_image
from tests.cms.knowledge_builders import make_knowledge

pytestmark = pytest.mark.django_db
def chooser_markers(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        span["data-target"]: span["data-safar-init"]
        for span in soup.select("span[data-safar-init][data-safar-new]")
    }


def _assert_form_from_static_files(admin_client, url: str) -> str:
    response = admin_client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert not executable_inline_scripts(html), (url, executable_inline_scripts(html))
    assert "cms/admin-csp.js" in html and "cms/admin-a11y.js" in html, url
    return html


@pytest.fixture
def pages(tree):
    course = make_course(tree.migrant, cover_image=make_image())
    CourseContact.objects.create(page=course, card=make_card(), sort_order=0)
    knowledge, topic = make_knowledge(tree.home)
    return [
        tree.home,
        tree.migrant,
        knowledge,
        topic,
        *Page.objects.descendant_of(course, inclusive=True),
    ]


def test_every_page_types_add_form_runs_without_inline_scripts(admin_client, pages):
    parents = Page.objects.filter(pk__in=[p.pk for p in pages] + [1]).specific()
    kinds_present = {type(page.specific) for page in pages}
    added = []
    for model in get_page_models():
        if model is Page:
            continue
        parent = next((p for p in parents if model.can_create_at(p)), None)
        if parent is None:  # one per parent (home, knowledge index): edited below
            assert model in kinds_present, model
            continue
        meta = model._meta
        url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
        _assert_form_from_static_files(admin_client, url)
        added.append(model)
    assert CoursePage in added


def test_every_pages_edit_form_runs_without_inline_scripts_and_starts_its_choosers(
    admin_client, pages
):
    for page in pages:
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        html = _assert_form_from_static_files(admin_client, url)
        if isinstance(page.specific, CoursePage):
            markers = chooser_markers(html)
            assert markers["id_cover_image"] == "ImageChooser"
            assert markers["id_contacts-0-card"] == "SnippetChooser"


@pytest.mark.parametrize("model", get_snippet_models(), ids=lambda m: m._meta.label)
def test_every_snippets_add_form_runs_without_inline_scripts(admin_client, model):
    url = reverse(model.snippet_viewset.get_url_name("add"))
    html = _assert_form_from_static_files(admin_client, url)
    for target, constructor in chooser_markers(html).items():
        assert target.startswith("id_") and constructor.endswith("Chooser")


def test_a_snippets_edit_form_starts_its_choosers(admin_client):
    question = make_question(make_bank())
    url = reverse(Question.snippet_viewset.get_url_name("edit"), args=[question.pk])
    markers = chooser_markers(_assert_form_from_static_files(admin_client, url))
    assert markers["id_bank"] == "SnippetChooser" and markers["id_image"] == "ImageChooser"
