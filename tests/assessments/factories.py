"""Builders for assessment content in tests (import from other test packages too)."""

from __future__ import annotations

import itertools
import uuid

from wagtail.models import Locale

from assessments.models import Question, QuestionBank, Quiz, Rubric
from core.tracks import Track

_counter = itertools.count(1)


def tg():
    return Locale.objects.get_or_create(language_code="tg")[0]


def make_bank(track=Track.MIGRANT, name=None):
    return QuestionBank.objects.create(name=name or f"Bank {next(_counter)}", track=track)


def choices(*specs):
    """("text", correct) or ("text", correct, match) → StreamField data with ids."""
    data = []
    for spec in specs:
        text, correct, *rest = spec
        data.append(
            {
                "type": "choice",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": text,
                    "correct": correct,
                    "match": rest[0] if rest else "",
                    "feedback": rest[1] if len(rest) > 1 else "",
                },
            }
        )
    return data


def make_question(bank=None, kind="single", text=None, locale=None, **fields):
    if kind in ("single",) and "choices" not in fields:
        fields["choices"] = choices(("Keep it", True), ("Give it away", False), ("Sell it", False))
    question = Question(
        locale=locale or tg(),
        bank=bank or make_bank(),
        kind=kind,
        text=text or f"Question {next(_counter)}?",
        **fields,
    )
    question.full_clean()
    question.save()
    return question


def make_quiz(questions=None, track=Track.MIGRANT, draws=None, **fields):
    if questions is None and draws is None:
        questions = [make_question()]
    items = [{"type": "question", "value": q.pk} for q in questions or []]
    items += [
        {"type": "draw", "value": {"bank": bank.pk, "topic": topic, "count": count}}
        for bank, topic, count in draws or []
    ]
    fields.setdefault("title", f"Quiz {next(_counter)}")
    fields.setdefault("key", f"quiz-{next(_counter)}")
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_choices", False)
    return Quiz.objects.create(locale=tg(), track=track, questions=items, **fields)


def make_rubric(**fields):
    criteria = []
    for name in ("Plan", "Accuracy"):
        levels = [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {"label": label, "descriptor": label, "points": points},
            }
            for label, points in (("Not yet", 0), ("Adequate", 1), ("Good", 2))
        ]
        criteria.append(
            {
                "type": "criterion",
                "id": str(uuid.uuid4()),
                "value": {"name": name, "description": "", "levels": levels},
            }
        )
    fields.setdefault("title", "Observed session")
    fields.setdefault("key", f"rubric-{next(_counter)}")
    fields.setdefault("pass_min_total", 3)
    fields.setdefault("pass_no_lowest_level", True)
    return Rubric.objects.create(locale=tg(), criteria=criteria, **fields)
