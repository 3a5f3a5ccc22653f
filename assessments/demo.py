"""Demo assessments, in Tajik (source) with Russian, English and Uzbek
translations (every language whose data file holds all the texts):

- orientation course: a pre-test (first lesson), a quiz in the lesson on
  documents, and the final post-test, both tests drawn from the same bank;
- trainer course: the certification exam and the practical assessment rubric.

The questions follow the demo lessons (cms/demo_content): keep your own
passport, registration rules differ by country, 112 and 102, HIV/TB, signs of
trafficking, the MRC at Borbad street 71. Idempotent: what exists is left alone.
Called by `manage.py demo_load` after cms.demo.load_pages()."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from cms.demo_content.loader import languages, load
from cms.models import LessonPage
from cms.translation import translation_apply
from core.tracks import Track

from .models import Question, QuestionBank, Quiz, Rubric

SOURCE = "tg"
NS = uuid.UUID("0c8d2b8e-6a8e-4d0e-9a53-5b1f0e0a7a11")

ORIENTATION_BANK = "Тайёрӣ пеш аз сафар / Pre-departure orientation"
TRAINER_BANK = "Тренерҳо / Trainer certification"

# The questions, quizzes and the rubric: `demo_data/assessments.yaml` (the
# structure) and `demo_data/assessments.<lang>.yaml` (one file per language).
_DATA = load(Path(__file__).resolve().parent / "demo_data", "assessments")
QUESTIONS = _DATA["questions"]
QUIZZES = _DATA["quizzes"]
LEVELS = _DATA["levels"]
RUBRIC = _DATA["rubric"]
LANGUAGES = languages(_DATA)  # the translations (ru, en, uz)

# Where the quizzes go: lesson slug -> (quiz key, role, where in the body).
PLACEMENT = {
    "why-prepare": ("orientation-pre", "pre", "first"),
    "documents-to-take": ("orientation-documents", "lesson", "last"),
    "reintegration": ("orientation-final", "final", "existing"),
    "trainer-final-exam": ("trainer-certification", "final", "existing"),
}
PRACTICAL_LESSON = "trainer-final-exam"


def _id(*parts) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def _locale(code):
    return Locale.objects.get(language_code=code)


def _pick(value, lang):
    return value[lang] if isinstance(value, dict) else value


def _question_fields(spec, lang, banks):
    choices = []
    for index, choice in enumerate(spec.get("choices", [])):
        choices.append(
            {
                "type": "choice",
                "id": _id("q", spec["key"], str(index)),
                "value": {
                    "text": _pick(choice["text"], lang),
                    "correct": choice["correct"],
                    "match": _pick(choice["match"], lang) if choice["match"] else "",
                    "feedback": _pick(choice["feedback"], lang) if choice["feedback"] else "",
                },
            }
        )
    return {
        "bank": banks[spec["bank"]],
        "topic": spec["topic"],
        "kind": spec["kind"],
        "text": _pick(spec["text"], lang),
        "choices": choices,
        "partial_credit": spec.get("partial_credit", Question.PartialCredit.PROPORTIONAL),
        "true_false_answer": spec.get("true_false", False),
        "accepted_answers": _pick(spec["accepted"], lang) if "accepted" in spec else "",
        "number_answer": spec.get("number"),
        "number_tolerance": spec.get("tolerance", 0),
        "explanation": _pick(spec["explanation"], lang) if "explanation" in spec else "",
    }


def _translate(obj, fields_for):
    for lang in LANGUAGES:
        locale = _locale(lang)
        if not obj.has_translation(locale):
            translation_apply(
                source_instance=obj,
                locale=locale,
                translated_instance=type(obj)(**fields_for(lang)),
            )


def _questions(banks) -> dict[str, Question]:
    tg = _locale(SOURCE)
    questions = {}
    for spec in QUESTIONS:
        text = _pick(spec["text"], SOURCE)
        question = Question.objects.filter(locale=tg, text=text).first()
        if question is None:
            question = Question(locale=tg, **_question_fields(spec, SOURCE, banks))
            question.full_clean()
            question.save()
        _translate(question, lambda lang, spec=spec: _question_fields(spec, lang, banks))
        questions[spec["key"]] = question
    return questions


def _quizzes(banks, questions) -> dict[str, Quiz]:
    tg = _locale(SOURCE)
    quizzes = {}
    for spec in QUIZZES:
        items = [
            {"type": "question", "id": _id("quiz", spec["key"], key), "value": questions[key].pk}
            for key in spec.get("fixed", [])
        ]
        items += [
            {
                "type": "draw",
                "id": _id("quiz", spec["key"], "draw", bank),
                "value": {"bank": banks[bank].pk, "topic": topic, "count": count},
            }
            for bank, topic, count in spec.get("draw", [])
        ]

        def fields(lang, spec=spec, items=items):
            return {
                "title": _pick(spec["title"], lang),
                "key": spec["key"],
                "track": spec["track"],
                "intro": _pick(spec["intro"], lang),
                "questions": items,
                "pass_mark": spec["pass_mark"],
                "max_attempts": spec["max_attempts"],
                "time_limit_minutes": spec["time_limit_minutes"],
                "show_answers": spec["show_answers"],
            }

        quiz = Quiz.objects.filter(locale=tg, key=spec["key"]).first()
        if quiz is None:
            quiz = Quiz.objects.create(locale=tg, **fields(SOURCE))
        _translate(quiz, fields)
        quizzes[spec["key"]] = quiz
    return quizzes


def _rubric() -> Rubric:
    def fields(lang):
        criteria = []
        for c_index, (name, descriptors) in enumerate(RUBRIC["criteria"]):
            levels = [
                {
                    "type": "item",
                    "id": _id("rubric", str(c_index), str(l_index)),
                    "value": {
                        "label": _pick(LEVELS[l_index][0], lang),
                        "descriptor": _pick(descriptor, lang),
                        "points": LEVELS[l_index][1],
                    },
                }
                for l_index, descriptor in enumerate(descriptors)
            ]
            criteria.append(
                {
                    "type": "criterion",
                    "id": _id("rubric", str(c_index)),
                    "value": {"name": _pick(name, lang), "description": "", "levels": levels},
                }
            )
        return {
            "title": _pick(RUBRIC["title"], lang),
            "key": RUBRIC["key"],
            "intro": _pick(RUBRIC["intro"], lang),
            "criteria": criteria,
            "pass_min_total": RUBRIC["pass_min_total"],
            "pass_no_lowest_level": RUBRIC["pass_no_lowest_level"],
        }

    tg = _locale(SOURCE)
    rubric = Rubric.objects.filter(locale=tg, key=RUBRIC["key"]).first()
    if rubric is None:
        rubric = Rubric.objects.create(locale=tg, **fields(SOURCE))
    _translate(rubric, fields)
    return rubric


def _localized_pk(obj, locale) -> int:
    found = type(obj).objects.filter(translation_key=obj.translation_key, locale=locale).first()
    return (found or obj).pk


def _place(slug: str, block_type: str, value_for, where: str) -> None:
    """Put a quiz/practical block in the lesson `slug` in every language (the
    same block id in all, so translations stay paired). Changes nothing when
    the block is already there."""
    source = LessonPage.objects.filter(slug=slug, locale__language_code=SOURCE).first()
    if source is None:
        return
    for lesson in LessonPage.objects.filter(translation_key=source.translation_key):
        data = list(lesson.body.raw_data)
        value = value_for(lesson.locale)
        block_id = _id("block", slug, block_type)
        changed = False
        if where == "existing":
            for item in data:
                if item["type"] == block_type and item["value"] != value:
                    item["value"] = value
                    changed = True
        elif not any(item.get("id") == block_id for item in data):
            block = {"type": block_type, "value": value, "id": block_id}
            data = [block, *data] if where == "first" else [*data, block]
            changed = True
        if changed:
            lesson.body = data
            lesson.save_revision().publish()


@transaction.atomic
def load_assessments() -> dict:
    """Banks, questions, quizzes, the rubric, and their blocks in the demo
    lessons. Safe to run again."""
    banks = {
        ORIENTATION_BANK: QuestionBank.objects.get_or_create(
            name=ORIENTATION_BANK, defaults={"track": Track.MIGRANT}
        )[0],
        TRAINER_BANK: QuestionBank.objects.get_or_create(
            name=TRAINER_BANK, defaults={"track": Track.STAFF}
        )[0],
    }
    questions = _questions(banks)
    quizzes = _quizzes(banks, questions)
    rubric = _rubric()
    for slug, (key, role, where) in PLACEMENT.items():
        _place(
            slug,
            "quiz",
            lambda locale, key=key, role=role: {
                "quiz": _localized_pk(quizzes[key], locale),
                "role": role,
            },
            where,
        )
    _place(
        PRACTICAL_LESSON,
        "practical",
        lambda locale: {"rubric": _localized_pk(rubric, locale)},
        "last",
    )
    return {"banks": banks, "questions": questions, "quizzes": quizzes, "rubric": rubric}
