"""Grading of every question type (with the stated partial-credit rules), the
shape checks of responses, and deterministic shuffling per attempt seed."""

import pytest

from assessments import grading
from assessments.exceptions import InvalidAnswer

pytestmark = pytest.mark.django_db


def snap(question):
    return grading.question_snapshot(question)


def ids(data):
    return [c["id"] for c in data["choices"]]


def test_single_choice(questions):
    data = snap(questions.single)
    right, wrong, _ = ids(data)
    assert grading.grade(data, right) == 1.0
    assert grading.grade(data, wrong) == 0.0
    assert grading.grade(data, None) == 0.0


def test_multiple_choice_proportional_and_all_or_nothing(questions):
    data = snap(questions.multiple)
    a, b, wrong = ids(data)
    assert data["partial_credit"] == "proportional"
    assert grading.grade(data, [a, b]) == 1.0
    assert grading.grade(data, [a]) == 0.5
    assert grading.grade(data, [a, wrong]) == 0.0  # (1 − 1) / 2
    assert grading.grade(data, [wrong]) == 0.0  # never below 0
    data["partial_credit"] = "all_or_nothing"
    assert grading.grade(data, [a]) == 0.0
    assert grading.grade(data, [a, b]) == 1.0
    assert grading.grade(data, [a, b, wrong]) == 0.0


def test_true_false(questions):
    data = snap(questions.true_false)
    assert grading.grade(data, "true") == 1.0
    assert grading.grade(data, "false") == 0.0
    assert grading.clean_response(data, True) == "true"
    with pytest.raises(InvalidAnswer):
        grading.clean_response(data, "maybe")


def test_matching_pairs_score_the_share_matched(questions):
    data = snap(questions.matching)
    first, second = ids(data)
    assert grading.grade(data, {first: first, second: second}) == 1.0
    assert grading.grade(data, {first: second, second: first}) == 0.0
    assert grading.grade(data, {first: first}) == 0.5


def test_ordering_scores_the_share_in_place(questions):
    data = snap(questions.ordering)
    a, b, c = ids(data)
    assert grading.grade(data, [a, b, c]) == 1.0
    assert grading.grade(data, [a, c, b]) == pytest.approx(1 / 3)
    with pytest.raises(InvalidAnswer):
        grading.clean_response(data, [a, b])  # every item exactly once


def test_short_text_with_variants(questions):
    data = snap(questions.short_text)
    for given in ("Borbad", "  borbad ", "BORBAD STREET.", "Borbad   street"):
        assert grading.grade(data, given) == 1.0, given
    assert grading.grade(data, "Rudaki") == 0.0


def test_number_with_tolerance(questions):
    data = snap(questions.number)
    assert grading.grade(data, "112") == 1.0
    assert grading.grade(data, "112,0") == 1.0
    assert grading.grade(data, "113") == 0.0
    data["number_tolerance"] = "1"
    assert grading.grade(data, "113") == 1.0
    with pytest.raises(InvalidAnswer):
        grading.clean_response(data, "one hundred")
    with pytest.raises(InvalidAnswer):
        grading.clean_response(data, "NaN")


def test_choice_checks(questions):
    single = snap(questions.single)
    other = snap(questions.multiple)
    with pytest.raises(InvalidAnswer, match="does not belong"):
        grading.clean_response(single, "00000000-0000-0000-0000-000000000000")
    with pytest.raises(InvalidAnswer, match="does not belong"):
        grading.clean_response(single, ids(other)[0])  # a choice of another question
    with pytest.raises(InvalidAnswer):
        grading.clean_response(single, {"a": 1})
    with pytest.raises(InvalidAnswer):
        grading.clean_response(other, [ids(other)[0], ids(other)[0]])


def test_question_problems_are_reported(questions, db):
    from django.core.exceptions import ValidationError

    questions.single.choices = []
    with pytest.raises(ValidationError):
        questions.single.full_clean()


def test_shuffling_is_deterministic_per_seed():
    items = [("question", 1), ("draw", 7, "", 3)]

    def pool(bank, topic):
        return list(range(10, 30))

    first = grading.pick_questions(items=items, pool_for=pool, seed=42, shuffle=True)
    again = grading.pick_questions(items=items, pool_for=pool, seed=42, shuffle=True)
    assert first == again and len(first) == 4 and 1 in first
    others = {
        tuple(grading.pick_questions(items=items, pool_for=pool, seed=s, shuffle=True))
        for s in range(20)
    }
    assert len(others) > 10  # different attempts get different draws and orders
    unshuffled = grading.pick_questions(items=items, pool_for=pool, seed=42, shuffle=False)
    assert unshuffled[0] == 1


def test_choice_order_is_deterministic_and_ordering_never_shown_solved(questions):
    data = snap(questions.ordering)
    orders = [grading.shown_order(data=data, seed=s, position=1, shuffle=False) for s in range(30)]
    assert all(o["choices"] != ids(data) for o in orders)
    assert grading.shown_order(data=data, seed=5, position=2, shuffle=True) == (
        grading.shown_order(data=data, seed=5, position=2, shuffle=True)
    )
    single = snap(questions.single)
    assert grading.shown_order(data=single, seed=5, position=1, shuffle=False)["choices"] == ids(
        single
    )
