"""Reading answers from the plain HTML quiz form (no JavaScript needed).

Field names: `q<N>` for single choice, true/false, short text and number;
`q<N>` repeated for multiple choice; `q<N>-<item id>` for matching (the
partner's id) and ordering (the item's place, 1, 2, 3...). The hidden field
`shown` lists the question numbers on the page (one page, or one question per
page), so questions not on the page keep their saved answers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .exceptions import InvalidAnswer


def shown_positions(post, count: int) -> list[int]:
    raw = post.get("shown", "")
    try:
        positions = [int(p) for p in raw.split(",") if p.strip()]
    except ValueError as exc:
        raise InvalidAnswer(_("The form was not sent as expected.")) from exc
    if not positions or any(not 1 <= p <= count for p in positions):
        raise InvalidAnswer(_("The form was not sent as expected."))
    return positions


def answers_from_post(post, questions: list[dict], positions: list[int]) -> dict:
    """{question number: response} for the questions on the page."""
    by_position = {q["position"]: q for q in questions}
    answers = {}
    for position in positions:
        question = by_position[position]
        name = f"q{position}"
        kind = question["kind"]
        if kind == "multiple":
            answers[position] = post.getlist(name)
        elif kind == "matching":
            answers[position] = {
                c["id"]: post.get(f"{name}-{c['id']}", "") for c in question["choices"]
            }
        elif kind == "ordering":
            try:
                answers[position] = _ordering(post, name, question["choices"])
            except InvalidAnswer as exc:
                exc.position = position
                raise
        else:
            answers[position] = post.get(name, "")
    return answers


def posted_responses(post, questions: list[dict], positions: list[int]) -> dict[int, object]:
    """What the form sent for each question on the page, unchecked, to show the
    form again after an error with every answer as the learner left it (an
    ordering is kept as {item id: place})."""
    by_position = {q["position"]: q for q in questions}
    responses = {}
    for position in positions:
        question = by_position[position]
        name = f"q{position}"
        kind = question["kind"]
        if kind == "multiple":
            responses[position] = post.getlist(name)
        elif kind in ("matching", "ordering"):
            responses[position] = {
                c["id"]: post.get(f"{name}-{c['id']}", "") for c in question["choices"]
            }
        else:
            responses[position] = post.get(name, "")
    return responses


def _ordering(post, name: str, items: list[dict]):
    places = {}
    for item in items:
        raw = post.get(f"{name}-{item['id']}", "").strip()
        if not raw:
            return None  # not (fully) answered yet
        try:
            places[item["id"]] = int(raw)
        except ValueError as exc:
            raise InvalidAnswer(_("Give each item its place as a number.")) from exc
    if sorted(places.values()) != list(range(1, len(items) + 1)):
        raise InvalidAnswer(
            _("Give each item a different place, from 1 to %(n)s.") % {"n": len(items)}
        )
    return [item_id for item_id, _place in sorted(places.items(), key=lambda kv: kv[1])]
