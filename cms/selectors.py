"""Reads for rendering pages. Every function runs a fixed number of queries,
whatever the number of modules and lessons (tests/cms/test_queries.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Page

from .models import CourseContact, CoursePage, DestinationCountry, TrackIndexPage
from .tree import course_prerequisites


@dataclass
class ModuleEntry:
    page: Page
    number: int
    lessons: list[Page] = field(default_factory=list)


@dataclass
class Outline:
    modules: list[ModuleEntry]
    lessons: list[Page]

    def position(self, lesson_id: int):
        """(number, previous lesson, next lesson) of a lesson, counted in the course."""
        ids = [lesson.pk for lesson in self.lessons]
        if lesson_id not in ids:
            return None, None, None
        i = ids.index(lesson_id)
        previous = self.lessons[i - 1] if i > 0 else None
        following = self.lessons[i + 1] if i + 1 < len(self.lessons) else None
        return i + 1, previous, following


# What a link, a breadcrumb or an outline row reads of a page.
_LINK_FIELDS = (
    "id", "title", "slug", "url_path", "path", "depth", "locale_id", "live", "translation_key"
)


def course_outline(course: Page) -> Outline:
    """Modules and their live lessons, in one query."""
    rows = (
        Page.objects.live()
        .filter(path__startswith=course.path, depth__in=(course.depth + 1, course.depth + 2))
        .only(*_LINK_FIELDS)
        .order_by("path")
    )
    modules: list[ModuleEntry] = []
    lessons: list[Page] = []
    for row in rows:
        if row.depth == course.depth + 1:
            modules.append(ModuleEntry(page=row, number=len(modules) + 1))
        elif modules and row.path.startswith(modules[-1].page.path):
            modules[-1].lessons.append(row)
            lessons.append(row)
    return Outline(modules=modules, lessons=lessons)


def page_ancestors(page: Page) -> list[Page]:
    """Home, track, course, ... above a page (not the root), in one query."""
    steplen = Page.steplen
    paths = [page.path[: steplen * d] for d in range(2, page.depth)]
    if not paths:
        return []
    return list(
        Page.objects.filter(path__in=paths)
        .only(*_LINK_FIELDS)
        .order_by("path")
    )


def home_tracks(home: Page):
    return TrackIndexPage.objects.child_of(home).live().order_by("path")


def track_courses(index: TrackIndexPage) -> dict:
    """The track's courses in this language; when none is translated yet, the
    courses of the default language (their titles marked with their language)."""
    courses = list(
        CoursePage.objects.child_of(index).live().select_related("cover_image").order_by("path")
    )
    if courses:
        return {"items": courses, "fallback_language": None}
    original = index.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE)
    original = original.first()
    if original is None:
        return {"items": [], "fallback_language": None}
    items = list(
        CoursePage.objects.child_of(original).live().select_related("cover_image").order_by("path")
    )
    return {"items": items, "fallback_language": settings.LANGUAGE_CODE if items else None}


def course_countries(course: CoursePage) -> list:
    """Destination countries in the course's language (the course points at the
    default language's rows; each is shown in its translation when there is one)."""
    chosen = list(course.destination_countries.all())
    if not chosen or all(c.locale_id == course.locale_id for c in chosen):
        return chosen
    localized = {
        c.translation_key: c
        for c in DestinationCountry.objects.filter(
            translation_key__in=[c.translation_key for c in chosen], locale_id=course.locale_id
        )
    }
    return sorted((localized.get(c.translation_key, c) for c in chosen), key=lambda c: c.name)


def course_contacts(course_id: int) -> list:
    return [
        contact.card
        for contact in CourseContact.objects.filter(page_id=course_id).select_related("card")
    ]


def course_page_context(course: CoursePage) -> dict:
    ancestors = page_ancestors(course)
    return {
        "ancestors": ancestors,
        "outline": course_outline(course),
        "countries": course_countries(course),
        "prerequisites": course_prerequisites(course),
        "contacts": course_contacts(course.pk),
    }


def module_page_context(module: Page) -> dict:
    ancestors = page_ancestors(module)
    course = ancestors[-1]
    outline = course_outline(course)
    entry = next((m for m in outline.modules if m.page.pk == module.pk), None)
    return {
        "ancestors": ancestors,
        "course": course,
        "module_entry": entry,
        "module_count": len(outline.modules),
    }


def lesson_page_context(lesson: Page) -> dict:
    ancestors = page_ancestors(lesson)
    course, module = ancestors[-2], ancestors[-1]
    outline = course_outline(course)
    number, previous, following = outline.position(lesson.pk)
    return {
        "ancestors": ancestors,
        "course": course,
        "module": module,
        "lesson_number": number,
        "lesson_count": len(outline.lessons),
        "previous_lesson": previous,
        "next_lesson": following,
        "contacts": course_contacts(course.pk),
    }
