"""Site search (Wagtail's search backend, see the README): selectors and the
count of searches that found nothing. It lives with the learning screens
because it asks the wall (courses.access); the pages, the folding and the
count's table are cms'.

- The wall holds: pages under a track index the visitor may not see
  (courses.access.visible_tracks) are excluded from the search itself, so
  their titles and snippets are never read.
- Both the query and the pages' `search_folded` field go through
  cms.search_text.fold, so Russian-keyboard spellings of Tajik words match.
- Results in the visitor's language come first; a page found in several
  languages is shown once, in the visitor's language when it is among them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Locale, Page

from cms.models import TrackIndexPage, UnansweredSearch
from cms.search_text import fold, stems

MAX_QUERY_LENGTH = 200
RESULT_LIMIT = 100
SNIPPET_WORDS = 30


@dataclass(frozen=True)
class SearchHit:
    page: Page
    title: str
    snippet: str
    language: str
    in_visitor_language: bool


def searchable_pages(user):
    """Live public pages the user may see: everything outside the tracks, and
    the tracks in courses.access.visible_tracks(user)."""
    from .access import visible_tracks

    pages = Page.objects.live().public().filter(depth__gt=1)
    hidden = TrackIndexPage.objects.exclude(track__in=visible_tracks(user))
    for path in hidden.values_list("path", flat=True):
        pages = pages.exclude(path__startswith=path)
    return pages


def _snippet(page) -> str:
    for name in ("search_description", "summary", "intro"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(text).words(SNIPPET_WORDS)
    return ""


def search_pages(*, user, query: str, language: str) -> list[SearchHit]:
    """The pages matching `query` (all of its words; if none does, any of them)."""
    folded = stems(query)
    if not folded:
        return []
    pages = searchable_pages(user)
    found = list(pages.search(folded, operator="and")[:RESULT_LIMIT])
    if not found and " " in folded:
        found = list(pages.search(folded, operator="or")[:RESULT_LIMIT])
    if not found:
        return []
    locale = Locale.objects.filter(language_code=language).first()
    locale_id = locale.pk if locale else None
    keys_in_language = {p.translation_key for p in found if p.locale_id == locale_id}
    kept = [
        p for p in found if p.locale_id == locale_id or p.translation_key not in keys_in_language
    ]
    seen: set = set()
    unique = []
    for page in kept:  # one page per translation group and language
        key = (page.translation_key, page.locale_id)
        if key not in seen:
            seen.add(key)
            unique.append(page)
    # Stable: keeps the backend's ranking within each group.
    unique.sort(key=lambda p: p.locale_id != locale_id)
    specific = {p.pk: p for p in Page.objects.filter(pk__in=[p.pk for p in unique]).specific()}
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    hits = []
    for page in unique:
        page = specific.get(page.pk, page)
        hits.append(
            SearchHit(
                page=page,
                title=page.title,
                snippet=_snippet(page),
                language=codes.get(page.locale_id, ""),
                in_visitor_language=page.locale_id == locale_id,
            )
        )
    return hits


def unanswered_search_record(*, query: str, language: str) -> None:
    """Count one search that found nothing: the folded words only."""
    words = fold(query)[:MAX_QUERY_LENGTH]
    today = timezone.localdate()
    updated = UnansweredSearch.objects.filter(query=words, language=language).update(
        count=F("count") + 1, last_searched_on=today
    )
    if updated:
        return
    try:
        with transaction.atomic():
            UnansweredSearch.objects.create(
                query=words,
                language=language,
                count=1,
                first_searched_on=today,
                last_searched_on=today,
            )
    except IntegrityError:  # the same words, counted at the same moment elsewhere
        UnansweredSearch.objects.filter(query=words, language=language).update(
            count=F("count") + 1, last_searched_on=today
        )
