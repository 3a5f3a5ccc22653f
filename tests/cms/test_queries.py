"""Course and lesson pages cost the same number of queries whatever the number
of modules and lessons (3 lessons and 30 lessons: the same count)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import LessonPage

from .conftest import make_card, make_course, make_image, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_body(tree):
    image = make_image()
    card = make_card()
    return [
        {"type": "text", "value": "<p>Text</p>"},
        {"type": "image", "value": {"image": image.pk, "alt": "alt", "caption": ""}},
        {"type": "video", "value": {"video": make_video().pk, "caption": ""}},
        {"type": "contact", "value": card.pk},
        {"type": "checklist", "value": {"title": "T", "items": ["a", "b"]}},
    ]


def _count(client, url):
    client.get(url)  # warm caches (site root paths, renditions) as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _measure(client, tree, rich_body, *, slug, modules, lessons):
    course = make_course(tree.migrant, slug=slug, modules=modules, lessons=lessons, body=rich_body)
    course.contacts.create(card=make_card(name=f"Card {slug}"))
    middle = LessonPage.objects.descendant_of(course).order_by("path")[
        len(course.get_descendants()) // 3
    ]
    course_queries, course_response = _count(client, course.url)
    lesson_queries, lesson_response = _count(client, middle.url)
    return course_queries, lesson_queries, course_response, lesson_response


def test_course_and_lesson_queries_do_not_grow_with_lessons(client, tree, rich_body):
    small = _measure(client, tree, rich_body, slug="small", modules=1, lessons=3)
    large = _measure(client, tree, rich_body, slug="large", modules=10, lessons=3)
    assert small[2].content.decode().count('class="outline-module"') == 1
    assert large[2].content.decode().count('class="outline-module"') == 10
    assert re.search(r'class="kicker">[^<]*\b30\b', large[3].content.decode())  # "lesson n of 30"
    print(f"queries: course page {small[0]}/{large[0]}, lesson page {small[1]}/{large[1]}")
    assert small[0] == large[0], "course page"
    assert small[1] == large[1], "lesson page"
