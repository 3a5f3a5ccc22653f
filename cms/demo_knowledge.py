"""Demo knowledge base, read from data files (cms/demo_content/knowledge/):
structure.yaml holds the shape and what is the same in every language (slugs,
owners, dates, sources, contact cards, linked courses); tg.yaml is the source
text, ru.yaml, uz.yaml and en.yaml its translations (made through
wagtail-localize, as an author would). Idempotent: what exists is left alone."""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path

import yaml
from wagtail.models import Page

from .models import ArticlePage, CountryPage, CoursePage, KnowledgeIndexPage, TopicPage

DATA = Path(__file__).resolve().parent / "demo_content" / "knowledge"
LANGUAGES = ("tg", "ru", "uz", "en")


@cache
def data(name: str) -> dict:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def _sources(slug: str, sources: list[dict]) -> list[dict]:
    from .demo import ID_NAMESPACE

    return [
        {
            "type": "source",
            "value": {"title": s["title"], "url": s.get("url") or ""},
            "id": str(uuid.uuid5(ID_NAMESPACE, f"knowledge/{slug}/source/{i}")),
        }
        for i, s in enumerate(sources)
    ]


def _contacts(slug: str, keys: list[str], cards: dict) -> list[dict]:
    from .demo import ID_NAMESPACE

    return [
        {
            "type": "contact",
            "value": cards[key].pk,
            "id": str(uuid.uuid5(ID_NAMESPACE, f"knowledge/{slug}/contact/{i}")),
        }
        for i, key in enumerate(keys)
    ]


def _blocks(body: list) -> list:
    """YAML lists → the demo's (kind, value) pairs (cms.demo._Body)."""
    return [(kind, tuple(value) if isinstance(value, list) else value) for kind, value in body]


def _languages_with(section: str, key: str) -> list[str]:
    return [lang for lang in LANGUAGES[1:] if key in (data(lang).get(section) or {})]


def load_knowledge(home: Page, context: dict) -> KnowledgeIndexPage:
    """The knowledge base under `home` (the Tajik home page), its topics,
    country pages and articles, and their translations."""
    from .demo import _Body, _child, _page_translate

    structure = data("structure")
    body = _Body(context)

    def index_fields(lang):
        texts = data(lang)["index"]
        return {"title": texts["title"], "intro": texts["intro"]}

    index = _child(home, KnowledgeIndexPage, structure["index"]["slug"], index_fields("tg"))
    for lang in LANGUAGES[1:]:
        _page_translate(index, lang, index_fields(lang))

    parents: dict[str, Page] = {}
    for slug in structure["topics"]:

        def topic_fields(lang, slug=slug):
            texts = data(lang)["topics"][slug]
            return {"title": texts["title"], "intro": texts["intro"]}

        topic = _child(index, TopicPage, slug, topic_fields("tg"))
        for lang in _languages_with("topics", slug):
            _page_translate(topic, lang, topic_fields(lang))
        parents[slug] = topic

    for slug, spec in structure["countries"].items():

        def country_fields(lang, slug=slug, spec=spec):
            texts = data(lang)["countries"][slug]
            return {
                "title": texts["title"],
                "summary": texts["summary"],
                "entry": texts["entry"],
                "registration": texts["registration"],
                "work_permit": texts["work_permit"],
                "country": context["countries"][spec["code"]],
                "content_owner": spec["owner"],
                "last_checked": spec["last_checked"],
                "review_by": spec["review_by"],
                "sources": _sources(slug, spec["sources"]),
                "contacts": _contacts(slug, spec["contacts"], context["cards"]),
            }

        country = _child(index, CountryPage, slug, country_fields("tg"))
        for lang in _languages_with("countries", slug):
            _page_translate(country, lang, country_fields(lang))
        parents[slug] = country

    courses = {c.slug: c for c in CoursePage.objects.filter(locale=home.locale)}
    for spec in structure["articles"]:
        slug = spec["slug"]

        def article_fields(lang, slug=slug, spec=spec):
            texts = data(lang)["articles"][slug]
            return {
                "title": texts["title"],
                "summary": texts["summary"],
                "kind": spec["kind"],
                "body": body.build(f"knowledge/{slug}", _blocks(texts["body"]), lang),
                "content_owner": spec["owner"],
                "last_checked": spec["last_checked"],
                "review_by": spec["review_by"],
                "sources": _sources(slug, spec["sources"]),
            }

        article = _child(parents[spec["parent"]], ArticlePage, slug, article_fields("tg"))
        linked = [courses[c] for c in spec.get("courses", []) if c in courses]
        if linked and not article.related_courses.exists():
            article.related_courses.set(linked)
            article.save_revision().publish()
        for lang in _languages_with("articles", slug):
            _page_translate(article, lang, article_fields(lang))
    return index
