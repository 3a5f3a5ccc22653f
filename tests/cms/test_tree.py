"""The page tree: Home → track index → course → module → lesson, and Home →
knowledge base → topic or country → article; nothing else."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.models import (
    ArticlePage,
    CountryPage,
    CoursePage,
    HomePage,
    KnowledgeIndexPage,
    LessonPage,
    ModulePage,
    TopicPage,
    TrackIndexPage,
)
from cms.tree import course_track, courses_in_track, page_track
from core.tracks import Track

from .conftest import make_course

pytestmark = pytest.mark.django_db

ALLOWED = {
    HomePage: {TrackIndexPage, KnowledgeIndexPage},
    TrackIndexPage: {CoursePage},
    CoursePage: {ModulePage},
    ModulePage: {LessonPage},
    LessonPage: set(),
    KnowledgeIndexPage: {TopicPage, CountryPage},
    TopicPage: {ArticlePage},
    CountryPage: {ArticlePage},
    ArticlePage: set(),
}


@pytest.mark.parametrize("parent", list(ALLOWED))
def test_each_page_type_allows_exactly_its_children(parent):
    assert set(parent.allowed_subpage_models()) == ALLOWED[parent]


@pytest.mark.parametrize("child", [TrackIndexPage, CoursePage, ModulePage, LessonPage])
def test_each_page_type_lives_under_exactly_one_parent_type(child):
    parents = {p for p, children in ALLOWED.items() if child in children}
    assert set(child.allowed_parent_page_models()) == parents


def test_home_pages_only_under_the_root():
    assert set(HomePage.allowed_parent_page_models()) == {Page}


def test_the_shape_cannot_be_broken(tree):
    course = make_course(tree.migrant)
    module = course.get_children().first().specific
    lesson = module.get_children().first().specific
    assert not LessonPage.can_create_at(course)
    assert not ModulePage.can_create_at(tree.migrant)
    assert not CoursePage.can_create_at(tree.home)
    assert not CoursePage.can_create_at(module)
    assert not LessonPage.can_create_at(lesson)
    assert LessonPage.can_create_at(module)
    assert CoursePage.can_create_at(tree.staff)
    # Both tracks exist, so a third track index cannot be added.
    assert not TrackIndexPage.can_create_at(tree.home)


def test_a_track_has_one_index_page_per_home(tree):
    duplicate = TrackIndexPage(title="Again", slug="again", track=Track.MIGRANT)
    tree.home.add_child(instance=duplicate)  # bypasses the form; clean() still refuses
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_one_home_page_per_language(tree):
    second = HomePage(title="Another home", slug="another", locale=tree.home.locale)
    second.path, second.depth = "00019999", 2
    with pytest.raises(ValidationError):
        second.clean()


def test_the_track_of_a_course_comes_from_where_it_lives(tree):
    migrant_course = make_course(tree.migrant, slug="m")
    staff_course = make_course(tree.staff, slug="s")
    assert course_track(migrant_course) == Track.MIGRANT
    assert course_track(staff_course) == Track.STAFF
    assert migrant_course.track == Track.MIGRANT
    lesson = LessonPage.objects.descendant_of(staff_course).first()
    assert page_track(lesson) == Track.STAFF
    assert page_track(tree.home) is None

    migrant_course.move(tree.staff, pos="last-child")
    migrant_course.refresh_from_db()
    assert course_track(migrant_course) == Track.STAFF


def test_track_index_pages_exist_in_every_language(tree):
    codes = set(
        TrackIndexPage.objects.filter(track=Track.STAFF).values_list(
            "locale__language_code", flat=True
        )
    )
    assert codes == {"tg", "ru", "uz", "en"}


def test_courses_in_track_in_one_query(tree, django_assert_num_queries):
    make_course(tree.migrant, slug="a")
    make_course(tree.migrant, slug="b")
    make_course(tree.staff, slug="c")
    with django_assert_num_queries(1):
        migrant = list(courses_in_track(track=Track.MIGRANT))
    assert [c.slug for c in migrant] == ["a", "b"]
    assert [c.slug for c in courses_in_track(track=Track.STAFF, locale=tree.home.locale)] == ["c"]
