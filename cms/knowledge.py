"""Reads for the knowledge-base pages (cms.models.knowledge)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from core.tracks import Track


def _in_language_or_source(page: Page, children) -> tuple[list, str | None]:
    """`children(page)`; when there are none because this language has no
    translations yet, the source language's (and its code, for the notice)."""
    items = list(children(page))
    if items or page.locale.language_code == settings.LANGUAGE_CODE:
        return items, None
    source = page.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source is None:
        return items, None
    items = list(children(source))
    return items, (settings.LANGUAGE_CODE if items else None)


def live_articles(parent: Page):
    from .models import ArticlePage

    return ArticlePage.objects.child_of(parent).live().public().order_by("path")


def knowledge_page_context(page: Page) -> dict:
    """What every knowledge-base page shows: its breadcrumbs and, when it has
    any, its live articles."""
    from .selectors import page_ancestors

    context = {"ancestors": page_ancestors(page)}
    if page.specific_class.allowed_subpage_models():
        context["articles"], context["fallback_language"] = _in_language_or_source(
            page, live_articles
        )
    return context


def knowledge_index_context(index: Page) -> dict:
    from .models import CountryPage, TopicPage

    countries, fallback = _in_language_or_source(
        index, lambda page: CountryPage.objects.child_of(page).live().public().order_by("path")
    )
    return {
        **knowledge_page_context(index),
        "topics": TopicPage.objects.child_of(index).live().public().order_by("path"),
        "countries": countries,
        "fallback_language": fallback,
    }


def related_courses(article, user) -> list:
    """The article's live courses of the orientation track (public; an article
    can link no other, see ArticlePage.clean, and this holds even if one were
    linked), in the article's language where they are translated."""
    from .models import CoursePage
    from .tree import courses_in_track

    chosen = list(
        courses_in_track(track=Track.MIGRANT)
        .filter(pk__in=article.related_courses.values("pk"))
        .live()
    )
    if not chosen:
        return []
    localized = {
        course.translation_key: course
        for course in CoursePage.objects.live().filter(
            translation_key__in=[c.translation_key for c in chosen], locale_id=article.locale_id
        )
    }
    return [localized.get(c.translation_key, c) for c in chosen]


def reviewed_page_context(page, request) -> dict:
    context = {
        **knowledge_page_context(page),
        "review_overdue": page.review_by < timezone.localdate(),
    }
    if hasattr(page, "related_courses"):
        context["courses"] = related_courses(page, request.user)
    return context


def knowledge_index_for(home: Page):
    from .models import KnowledgeIndexPage

    return KnowledgeIndexPage.objects.child_of(home).live().first()


def pages_due_for_review(*, on=None):
    """Knowledge-base pages (articles and country pages, every language, live or
    draft) whose review date has passed, the longest overdue first."""
    from django.db.models import F, Q
    from django.db.models.functions import Coalesce

    today = on or timezone.localdate()
    return (
        Page.objects.filter(
            Q(articlepage__review_by__lt=today) | Q(countrypage__review_by__lt=today)
        )
        .annotate(due=Coalesce(F("articlepage__review_by"), F("countrypage__review_by")))
        .select_related("locale", "content_type")
        .order_by("due", "path")
    )
