"""Authors work only inside their own track's tree and cannot publish; MRC
editors review and publish through the "MRC review" workflow."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.demo import DEMO_PASSWORD, load_accounts
from cms.models import LessonPage, TrackIndexPage
from cms.permissions import TASK_NAME, WORKFLOW_NAME
from core.tracks import MRC_EDITORS

from .conftest import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree, django_user_model):
    accounts = load_accounts()
    editor = django_user_model.objects.create_user("editor", password=DEMO_PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=MRC_EDITORS))
    migrant_course = make_course(tree.migrant, title="Orientation for migrants", slug="mc")
    staff_course = make_course(tree.staff, title="Trainer methods", slug="sc")
    return {
        "tree": tree,
        "editor": editor,
        "author-migrant": accounts["author-migrant"],
        "author-staff": accounts["author-staff"],
        "migrant": migrant_course,
        "staff": staff_course,
        "lesson": {
            "migrant": LessonPage.objects.descendant_of(migrant_course).get(),
            "staff": LessonPage.objects.descendant_of(staff_course).get(),
        },
        "index": {"migrant": tree.migrant, "staff": tree.staff},
    }


def _login(client, user):
    client.force_login(user)
    return client


OTHER_TRACK_VIEWS = [
    "wagtailadmin_pages:edit",
    "wagtailadmin_explore",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:workflow_history",
    "wagtailadmin_pages:usage",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:add_subpage",
]


def lesson_form(lesson, text="<p>Нав матн</p>", **actions):
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": "",
            "estimated_minutes": "",
            "body": streamfield([("text", rich_text(text))]),
            "comments": inline_formset([]),
            **actions,
        }
    )


@pytest.mark.parametrize("own,other", [("migrant", "staff"), ("staff", "migrant")])
def test_an_author_edits_only_their_own_track(client, setup, own, other):
    _login(client, setup[f"author-{own}"])
    own_lesson, other_lesson = setup["lesson"][own], setup["lesson"][other]

    assert client.get(reverse("wagtailadmin_pages:edit", args=[own_lesson.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[setup[own].pk])).status_code == 200
    for page in (other_lesson, setup[other], setup["index"][other]):
        for name in OTHER_TRACK_VIEWS:
            response = client.get(reverse(name, args=[page.pk]), follow=True)
            assert response.status_code in (200, 403, 404), (name, page)
            assert page.title not in response.content.decode(), (name, page)

    add_course = ("cms", "coursepage")
    ok = client.get(reverse("wagtailadmin_pages:add", args=[*add_course, setup["index"][own].pk]))
    assert ok.status_code == 200
    refused = client.get(
        reverse("wagtailadmin_pages:add", args=[*add_course, setup["index"][other].pk])
    )
    assert refused.status_code == 404  # as for a missing page (tests/test_admin_track_wall.py)

    # The other track's pages are not even listed.
    html = client.get(reverse("wagtailadmin_explore", args=[setup["tree"].home.pk])).content
    html = html.decode()
    assert setup["index"][own].title in html
    assert setup["index"][other].title not in html
    response = client.get(reverse("wagtailadmin_explore", args=[setup[other].pk]))
    assert response.status_code in (302, 403, 404)
    results = client.get(
        reverse("wagtailadmin_pages:search"), {"q": setup[other].title.split()[0]}
    ).content.decode()
    assert setup[other].title not in results
    results = client.get(
        reverse("wagtailadmin_pages:search"), {"q": setup[own].title.split()[0]}
    ).content.decode()
    assert setup[own].title in results


def test_authors_may_edit_their_track_in_every_language(setup):
    author = setup["author-migrant"]
    for index in Page.objects.type(setup["tree"].migrant.__class__).specific():
        allowed = index.permissions_for_user(author).can_edit()
        assert allowed == (index.track == "migrant"), index


def test_an_author_cannot_publish(client, setup):
    lesson = setup["lesson"]["migrant"]
    _login(client, setup["author-migrant"])
    assert not lesson.permissions_for_user(setup["author-migrant"]).can_publish()
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    response = client.post(url, lesson_form(lesson, "<p>Changed</p>", **{"action-publish": "1"}))
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.has_unpublished_changes
    assert "Changed" not in client.get(lesson.url).content.decode()


def test_review_workflow_draft_review_published(client, setup):
    lesson = setup["lesson"]["migrant"]
    author, editor = setup["author-migrant"], setup["editor"]
    assert lesson.get_workflow().name == WORKFLOW_NAME

    # The author saves a draft, then submits it for review.
    _login(client, author)
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    assert client.post(url, lesson_form(lesson, "<p>Draft one</p>")).status_code == 302
    response = client.post(url, lesson_form(lesson, "<p>Reviewed</p>", **{"action-submit": "1"}))
    assert response.status_code == 302
    lesson.refresh_from_db()
    state = lesson.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert state.current_task_state.task.name == TASK_NAME
    assert "Reviewed" not in client.get(lesson.url).content.decode()

    # The author cannot approve their own work.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]
    )
    client.post(approve)
    lesson.refresh_from_db()
    assert lesson.current_workflow_state.status == "in_progress"

    # The editor compares revisions, previews, and approves: the page is published.
    _login(client, editor)
    revisions = list(lesson.revisions.order_by("created_at"))
    assert len(revisions) >= 2
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[lesson.pk, revisions[-2].pk, revisions[-1].pk],
    )
    assert client.get(compare).status_code == 200
    view = reverse("wagtailadmin_pages:revisions_view", args=[lesson.pk, revisions[-1].pk])
    preview = client.get(view)
    assert preview.status_code == 200 and "Reviewed" in preview.content.decode()
    assert client.post(approve).status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.current_workflow_state is None
    assert not lesson.has_unpublished_changes
    assert "Reviewed" in client.get(lesson.url).content.decode()


def test_editors_can_publish_in_both_tracks(setup):
    for track in ("migrant", "staff"):
        page = setup["lesson"][track]
        assert page.permissions_for_user(setup["editor"]).can_publish()


def test_new_track_index_pages_get_author_permissions(setup):
    """Every track index page, in every language (translations made later by
    wagtail-localize included), gives its own track's authors add/edit rights."""
    for track, group in (("staff", "Staff-track authors"), ("migrant", "Migrant-track authors")):
        granted = set(
            GroupPagePermission.objects.filter(group__name=group).values_list("page_id", flat=True)
        )
        indexes = set(TrackIndexPage.objects.filter(track=track).values_list("pk", flat=True))
        assert granted == indexes and len(indexes) == 4
        codenames = set(
            GroupPagePermission.objects.filter(group__name=group).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page"}
