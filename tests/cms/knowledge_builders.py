"""Knowledge-base pages for tests."""

from __future__ import annotations

import datetime

from cms.models import ArticlePage, CountryPage, KnowledgeIndexPage, TopicPage

TODAY = datetime.date(2027, 3, 1)


def make_knowledge(home, *, title="Knowledge base"):
    index = home.add_child(instance=KnowledgeIndexPage(title=title, slug="knowledge"))
    topic = index.add_child(instance=TopicPage(title="Documents", slug="documents"))
    return index, topic


def make_article(parent, *, title, slug, body_text="<p>Text</p>", summary="Summary", **fields):
    fields.setdefault("content_owner", "MRC legal counsellor")
    fields.setdefault("last_checked", TODAY)
    fields.setdefault("review_by", TODAY + datetime.timedelta(days=180))
    fields.setdefault(
        "sources", [{"type": "source", "value": {"title": "Federal Law 115-FZ", "url": ""}}]
    )
    return parent.add_child(
        instance=ArticlePage(
            title=title,
            slug=slug,
            summary=summary,
            body=[{"type": "text", "value": body_text}],
            **fields,
        )
    )


def make_country(index, country, *, title="Russia", slug="russia", **fields):
    fields.setdefault("content_owner", "MRC counsellor")
    fields.setdefault("last_checked", TODAY)
    fields.setdefault("review_by", TODAY + datetime.timedelta(days=180))
    fields.setdefault("sources", [])
    return index.add_child(
        instance=CountryPage(
            title=title,
            slug=slug,
            country=country,
            summary="Key facts",
            entry="<p>Passport</p>",
            registration="<p>Within 15 days</p>",
            work_permit="<p>Patent</p>",
            **fields,
        )
    )
