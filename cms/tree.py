"""Reads about the page tree: tracks, courses, their lessons, prerequisites and
final assessments. A course's track is derived from where it lives in the tree:
root → home → track index → course. Every feature that differs by track
(authoring, enrollment, certificates, reports, API) asks here. Content, not
learner records: nothing here knows enrollments or progress."""

from __future__ import annotations

from django.db.models import QuerySet, Subquery
from django.db.models.functions import Substr
from wagtail.models import Page

from core.tracks import TRACK_INDEX_DEPTH, Track


def _track_index_path(path: str) -> str:
    return path[: Page.steplen * TRACK_INDEX_DEPTH]


def page_track(page: Page | None) -> str | None:
    """The track of a track index page or of anything below one (None elsewhere)."""
    from .models import TrackIndexPage

    if page is None or page.depth is None or page.depth < TRACK_INDEX_DEPTH:
        return None
    if isinstance(page, TrackIndexPage):
        return page.track
    return (
        TrackIndexPage.objects.filter(path=_track_index_path(page.path))
        .values_list("track", flat=True)
        .first()
    )


def course_track(course: Page) -> str | None:
    """The track of a course: the track of the index page it lives under."""
    return page_track(course)


def courses_in_track(*, track: Track | str, locale=None) -> QuerySet:
    """All course pages (any language unless `locale` is given) of one track, in
    tree order, in one query."""
    from .models import CoursePage, TrackIndexPage

    index_paths = TrackIndexPage.objects.filter(track=track).values("path")
    courses = CoursePage.objects.annotate(
        _index_path=Substr("path", 1, Page.steplen * TRACK_INDEX_DEPTH)
    ).filter(_index_path__in=Subquery(index_paths))
    if locale is not None:
        courses = courses.filter(locale=locale)
    return courses.order_by("path")


def course_prerequisites(course: Page) -> list:
    """The courses to complete first, in the course's own language where they
    are translated (falling back to the course the author picked)."""
    from .models import CoursePage

    chosen = list(
        CoursePage.objects.filter(required_by__page=course).order_by("required_by__sort_order")
    )
    if not chosen:
        return []
    localized = {
        page.translation_key: page
        for page in CoursePage.objects.filter(
            translation_key__in=[c.translation_key for c in chosen], locale_id=course.locale_id
        )
    }
    return [localized.get(c.translation_key, c) for c in chosen]


def course_lessons(course: Page) -> QuerySet:
    """The course's lessons in reading order (what 'all lessons done' counts)."""
    from .models import LessonPage

    return LessonPage.objects.descendant_of(course).order_by("path")


def course_final_assessment(course: Page) -> dict | None:
    """What must be passed at the end of the course, or None: the quiz block whose
    role is "final" (`quiz_id`, `lesson_id`, `block_id`; quiz_id None when there
    is none) and the practical assessments (rubric blocks, `practical`). The
    completion rule requires them only when there are some."""
    final = None
    practical = []
    for lesson in course_lessons(course).live().only("id", "body"):
        for block in lesson.body:
            if block.block_type == "quiz" and final is None:
                value = block.value
                if value.get("role") == "final" and value.get("quiz") is not None:
                    final = {
                        "lesson_id": lesson.pk,
                        "block_id": block.id,
                        "quiz_id": value["quiz"].pk,
                    }
            elif block.block_type == "practical" and block.value.get("rubric") is not None:
                practical.append(
                    {
                        "lesson_id": lesson.pk,
                        "block_id": block.id,
                        "rubric_id": block.value["rubric"].pk,
                    }
                )
    if final is None and not practical:
        return None
    return {**(final or {"quiz_id": None}), "practical": practical}
