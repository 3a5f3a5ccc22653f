"""Pure functions: snapshots of questions, drawing and shuffling (deterministic
per attempt seed), checking a response's shape, and grading.

Grading rules (every question is worth 1 point):
- single choice, true/false, short text, number: 1 or 0;
- multiple choice, "all or nothing": 1 only with every right choice and no
  wrong one; "proportional": (right picked − wrong picked) ÷ right choices,
  never below 0;
- matching pairs: the share of items matched with their partner;
- ordering: the share of items put in their right place;
- short text: equal to one accepted answer, ignoring case, accents of spacing
  and surrounding punctuation; number: within the tolerance (a comma may be
  used as the decimal mark).
A question counts as correct when it earns its full point.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .exceptions import InvalidAnswer

CHOICE_KINDS = {"single", "multiple"}


# --- snapshots ------------------------------------------------------------------


def question_snapshot(question) -> dict:
    """Everything needed to show and grade `question` later, in its language."""
    choices = [
        {
            "id": str(block.id),
            "text": block.value["text"],
            "correct": bool(block.value.get("correct")),
            "match": block.value.get("match") or "",
            "feedback": block.value.get("feedback") or "",
        }
        for block in question.choices
    ]
    return {
        "question_id": question.pk,
        "question_key": str(question.translation_key),
        "bank": question.bank_id,
        "topic": question.topic,
        "kind": question.kind,
        "text": question.text,
        "image": question.image_id,
        "choices": choices,
        "partial_credit": question.partial_credit,
        "true_false_answer": question.true_false_answer,
        "accepted_answers": [
            line.strip() for line in question.accepted_answers.splitlines() if line.strip()
        ],
        "number_answer": None if question.number_answer is None else str(question.number_answer),
        "number_tolerance": str(question.number_tolerance or 0),
        "explanation": question.explanation,
    }


def snapshot_digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def question_problems(question) -> list[str]:
    """What makes a question impossible to answer or grade (for the editor)."""
    kind = question.kind
    choices = [block.value for block in question.choices] if question.choices else []
    problems = []
    if kind in CHOICE_KINDS:
        if len(choices) < 2:
            problems.append(_("Give at least two choices."))
        right = sum(1 for c in choices if c.get("correct"))
        if kind == "single" and right != 1:
            problems.append(_("Single choice: tick exactly one correct choice."))
        if kind == "multiple" and right < 1:
            problems.append(_("Multiple choice: tick at least one correct choice."))
    elif kind == "matching":
        if len(choices) < 2 or any(not c.get("match") for c in choices):
            problems.append(_("Matching: give at least two items, each with its partner."))
    elif kind == "ordering":
        if len(choices) < 2:
            problems.append(_("Ordering: give at least two items, in the right order."))
    elif kind == "short_text":
        if not question.accepted_answers.strip():
            problems.append(_("Short text: give at least one accepted answer."))
    elif kind == "number" and question.number_answer is None:
        problems.append(_("Number: give the answer."))
    return problems


# --- drawing and shuffling -----------------------------------------------------


def rng_for(seed: int, *salt) -> random.Random:
    """A random generator that depends only on the attempt's seed (and a salt):
    the same attempt always gets the same draw and the same order."""
    return random.Random(f"{seed}:" + ":".join(str(s) for s in salt))


def pick_questions(*, items: list, pool_for, seed: int, shuffle: bool) -> list[int]:
    """Question ids for an attempt. `items` are ("question", id) and
    ("draw", bank_id, topic, count); `pool_for(bank_id, topic)` lists candidate
    ids. Fixed questions come first, then the draws; no question twice."""
    chosen: list[int] = []
    for index, item in enumerate(items):
        if item[0] == "question":
            if item[1] not in chosen:
                chosen.append(item[1])
            continue
        _kind, bank_id, topic, count = item
        pool = sorted(set(pool_for(bank_id, topic)) - set(chosen))
        rng = rng_for(seed, "draw", index)
        chosen.extend(rng.sample(pool, min(count, len(pool))))
    if shuffle:
        rng_for(seed, "questions").shuffle(chosen)
    return chosen


def shown_order(*, data: dict, seed: int, position: int, shuffle: bool) -> dict:
    """The order choices (or items, or matching partners) are shown in."""
    ids = [c["id"] for c in data["choices"]]
    order: dict = {}
    if data["kind"] in CHOICE_KINDS:
        order["choices"] = ids[:]
        if shuffle:
            rng_for(seed, "choices", position).shuffle(order["choices"])
    elif data["kind"] == "matching":
        order["choices"] = ids[:]
        order["partners"] = ids[:]
        rng_for(seed, "partners", position).shuffle(order["partners"])
        if shuffle:
            rng_for(seed, "choices", position).shuffle(order["choices"])
    elif data["kind"] == "ordering":
        order["choices"] = ids[:]
        rng = rng_for(seed, "choices", position)
        for _ in range(5):  # ordering is always shuffled, never shown solved
            rng.shuffle(order["choices"])
            if order["choices"] != ids:
                break
    return order


# --- responses ------------------------------------------------------------------


def _normal_text(value: str) -> str:
    value = re.sub(r"\s+", " ", value.casefold()).strip()
    return value.strip(" .,;:!?\"'«»")


def parse_number(value) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def clean_response(data: dict, response):
    """The response in its normal form, or InvalidAnswer. None clears an answer."""
    if response is None or response == "" or response == []:
        return None
    kind = data["kind"]
    ids = {c["id"] for c in data["choices"]}

    def choice(value):
        if not isinstance(value, str):
            raise InvalidAnswer(_("A choice must be given by its id."))
        if value not in ids:
            raise InvalidAnswer(_("This choice does not belong to this question."))
        return value

    if kind == "single":
        return choice(response)
    if kind == "multiple":
        if isinstance(response, str):
            response = [response]
        if not isinstance(response, list):
            raise InvalidAnswer(_("Multiple choice expects a list of choices."))
        picked = [choice(v) for v in response]
        if len(set(picked)) != len(picked):
            raise InvalidAnswer(_("A choice was picked twice."))
        return sorted(picked)
    if kind == "true_false":
        if response not in ("true", "false", True, False):
            raise InvalidAnswer(_("Answer true or false."))
        return "true" if response in ("true", True) else "false"
    if kind == "matching":
        if not isinstance(response, dict):
            raise InvalidAnswer(_("Matching expects each item with its partner."))
        pairs = {}
        for item, partner in response.items():
            if partner in (None, ""):
                continue
            pairs[choice(item)] = choice(partner)
        return pairs or None
    if kind == "ordering":
        if not isinstance(response, list):
            raise InvalidAnswer(_("Ordering expects the items in a list."))
        order = [choice(v) for v in response]
        if sorted(order) != sorted(ids):
            raise InvalidAnswer(_("Put every item in the list exactly once."))
        return order
    if kind == "short_text":
        if not isinstance(response, str) or len(response) > 500:
            raise InvalidAnswer(_("Write a short text answer."))
        return response.strip() or None
    if kind == "number":
        if not isinstance(response, (str, int, float)) or isinstance(response, bool):
            raise InvalidAnswer(_("Write a number."))
        if parse_number(response) is None:
            raise InvalidAnswer(_("Write a number, e.g. 15 or 2.5."))
        return str(response).strip()
    raise InvalidAnswer


# --- grading ----------------------------------------------------------------------


def grade(data: dict, response) -> float:
    """The points (0–1) `response` earns on the question snapshot `data`."""
    if response is None:
        return 0.0
    kind = data["kind"]
    right = {c["id"] for c in data["choices"] if c["correct"]}
    if kind == "single":
        return 1.0 if response in right else 0.0
    if kind == "multiple":
        picked = set(response)
        if data["partial_credit"] == "all_or_nothing":
            return 1.0 if picked == right else 0.0
        if not right:
            return 0.0
        good, bad = len(picked & right), len(picked - right)
        return max(0.0, (good - bad) / len(right))
    if kind == "true_false":
        return 1.0 if (response == "true") == bool(data["true_false_answer"]) else 0.0
    if kind == "matching":
        items = data["choices"]
        return sum(1 for c in items if response.get(c["id"]) == c["id"]) / len(items)
    if kind == "ordering":
        ids = [c["id"] for c in data["choices"]]
        return sum(1 for a, b in zip(ids, response, strict=False) if a == b) / len(ids)
    if kind == "short_text":
        given = _normal_text(response)
        return 1.0 if any(given == _normal_text(a) for a in data["accepted_answers"]) else 0.0
    if kind == "number":
        given = parse_number(response)
        answer = parse_number(data["number_answer"])
        if given is None or answer is None:
            return 0.0
        return 1.0 if abs(given - answer) <= Decimal(data["number_tolerance"]) else 0.0
    return 0.0


def correct_answer(data: dict):
    """The right answer, in the response's normal form (shown only after an attempt
    when the quiz allows it)."""
    kind = data["kind"]
    if kind == "single":
        return next((c["id"] for c in data["choices"] if c["correct"]), None)
    if kind == "multiple":
        return sorted(c["id"] for c in data["choices"] if c["correct"])
    if kind == "true_false":
        return "true" if data["true_false_answer"] else "false"
    if kind == "matching":
        return {c["id"]: c["id"] for c in data["choices"]}
    if kind == "ordering":
        return [c["id"] for c in data["choices"]]
    if kind == "short_text":
        return data["accepted_answers"][0] if data["accepted_answers"] else ""
    if kind == "number":
        return data["number_answer"]
    return None
