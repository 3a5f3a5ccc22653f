"""Template tags for learner pages: the language switcher."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Subquery
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()

# Each language is offered in its own name, whatever the page's language.
LANGUAGE_NAMES = {"tg": "Тоҷикӣ", "ru": "Русский", "uz": "Oʻzbekcha", "en": "English"}


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    exact: bool  # False: this page is not translated yet; the link goes to the nearest page that is


def _page_links(page: Page, request, current: str) -> list[LanguageLink]:
    """This page in every language, or its nearest translated ancestor: one query."""
    paths = [page.path[: Page.steplen * d] for d in range(2, page.depth + 1)]
    keys = Page.objects.filter(path__in=paths).values("translation_key")
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=Subquery(keys))
        .select_related("locale")
        .only("id", "url_path", "path", "depth", "translation_key", "locale__language_code")
    )
    best: dict[str, Page] = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if code not in best or candidate.depth > best[code].depth:
            best[code] = candidate
    links = []
    for code, _label in settings.LANGUAGES:
        target = best.get(code)
        if target is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=LANGUAGE_NAMES.get(code, code),
                url=target.get_url(request),
                current=code == current,
                exact=target.translation_key == page.translation_key,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Links to the same page in each language (for the switcher and hreflang)."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    if isinstance(page, Page) and page.pk and page.depth and page.depth > 1:
        return _page_links(page, request, current)
    if request is None:
        return []
    path = request.get_full_path()
    return [
        LanguageLink(
            code=code,
            name=LANGUAGE_NAMES.get(code, code),
            url=translate_url(path, code),
            current=code == current,
            exact=True,
        )
        for code, _label in settings.LANGUAGES
    ]
