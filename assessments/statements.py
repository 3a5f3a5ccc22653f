"""An attempt as xAPI statements: the quiz as an assessment activity, each
question as a cmi.interaction with its response in the xAPI response format.

Called once, when an attempt closes, inside the transaction that grades it
(`services._close`), so the statements exist if and only if the grading does.
The correct-response patterns go only to the LRS, never to the browser."""

from __future__ import annotations

from tincan import Result

from cms.tree import course_track
from courses.statements import page_chain, page_context
from xapi import api as xapi

from .models import Attempt, PracticalAssessment, Rubric

# Safar question kinds → xAPI interaction types.
INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true_false": "true-false",
    "matching": "matching",
    "ordering": "sequencing",
    "short_text": "fill-in",
    "number": "numeric",
}


def _response_string(kind: str, response) -> str:
    """A Safar normal-form response in the xAPI response syntax ("" = no answer)."""
    if response is None:
        return ""
    if kind in {"multiple", "ordering"}:
        return "[,]".join(response)
    if kind == "matching":
        return "[,]".join(f"{item}[.]{partner}" for item, partner in sorted(response.items()))
    return str(response)


def _correct_pattern(data: dict) -> list[str]:
    kind = data["kind"]
    right = [c["id"] for c in data["choices"] if c["correct"]]
    if kind == "single":
        return right[:1]
    if kind == "multiple":
        return ["[,]".join(sorted(right))]
    if kind == "true_false":
        return ["true" if data["true_false_answer"] else "false"]
    if kind == "matching":
        return ["[,]".join(f"{c['id']}[.]{c['id']}" for c in sorted(data["choices"], key=_id))]
    if kind == "ordering":
        return ["[,]".join(c["id"] for c in data["choices"])]
    if kind == "short_text":
        return list(data["accepted_answers"])
    if kind == "number":
        answer, tolerance = data["number_answer"], data["number_tolerance"]
        if answer is None:
            return []
        low, high = _number(answer) - _number(tolerance), _number(answer) + _number(tolerance)
        return [f"{low:g}[:]{high:g}"]
    return []


def _id(choice: dict) -> str:
    return choice["id"]


def _number(value) -> float:
    return float(str(value).replace(",", "."))


def _choices(data: dict, language: str) -> list[dict]:
    if data["kind"] == "matching":
        return [
            {"id": c["id"], "description": {language: f"{c['text']} → {c['match']}"}}
            for c in data["choices"]
        ]
    return [{"id": c["id"], "description": {language: c["text"]}} for c in data["choices"]]


def attempt_responses(*, results: list[dict], versions: dict[int, dict], language: str) -> list:
    """The per-question entries `quiz_attempt_statements` expects."""
    responses = []
    for result in results:
        data = versions[result["version"]]
        kind = data["kind"]
        responses.append(
            {
                "question_iri": xapi.activity_iri("question", data["question_key"]),
                "interaction_type": INTERACTION_TYPES.get(kind, "other"),
                "name": {language: data["text"]},
                "response": _response_string(kind, result["response"]),
                "correct": bool(result["correct"]),
                "choices": _choices(data, language) if data["choices"] else [],
                "correct_responses_pattern": _correct_pattern(data),
            }
        )
    return responses


def attempt_statements_record(
    *, attempt: Attempt, results: list[dict], versions: dict[int, dict]
) -> list[str]:
    """Record `attempted`, one `answered` per question, and `passed`/`failed`."""
    quiz = attempt.quiz
    duration = None
    if attempt.submitted_at and attempt.started_at:
        duration = max(0, int((attempt.submitted_at - attempt.started_at).total_seconds()))
    return quiz_attempt_statements(
        user=attempt.user,
        enrollment=attempt.enrollment,
        quiz_iri=xapi.activity_iri("quiz", quiz.translation_key),
        quiz_name={attempt.language: quiz.title},
        lesson=attempt.lesson,
        score_raw=attempt.score,
        score_max=attempt.max_score,
        passed=bool(attempt.passed),
        responses=attempt_responses(results=results, versions=versions, language=attempt.language),
        duration_seconds=duration,
    )


def practical_statement_record(*, record: PracticalAssessment, rubric: Rubric, lesson=None) -> str:
    """Record `passed`/`failed` for the practical assessment an assessor scored:
    the rubric's activity (stable across translations), the total out of the
    rubric's best total, the assessor as instructor."""
    best = sum(
        max(int(level["points"]) for level in block.value["levels"]) for block in rubric.criteria
    )
    return practical_assessment_statement(
        user=record.enrollment.user,
        enrollment=record.enrollment,
        assessor=record.assessor,
        practical_iri=xapi.activity_iri("practical", rubric.translation_key),
        practical_name={rubric.locale.language_code: rubric.title},
        lesson=lesson,
        score_raw=record.total,
        score_max=max(best, record.total),
        passed=bool(record.passed),
    )


# --- the statements ------------------------------------------------------------


def quiz_attempt_statements(
    *,
    user,
    enrollment,
    quiz_iri: str,
    quiz_name: dict,
    lesson=None,
    score_raw: float,
    score_max: float,
    score_min: float = 0,
    passed: bool,
    responses: list[dict],
    duration_seconds: int | None = None,
) -> list[str]:
    """One attempt at a quiz: `attempted`, one `answered` per question (an
    interaction activity whose parent is the quiz), then `passed` or `failed`
    with the score. `quiz_name` is a language map ({"tg": "..."}); each
    response is {question_iri, interaction_type, name (language map),
    response (xAPI response string, e.g. "a[,]c"), correct (bool), choices
    ([{id, description}]), correct_responses_pattern ([str])}. Call it inside
    the transaction that records the attempt."""
    course = enrollment.course.specific
    page = lesson or course
    language = page.locale.language_code
    quiz = xapi.activity(quiz_iri, kind="assessment", name=quiz_name)
    parent, grouping = page_chain(page)
    base = page_context(
        page=page, registration=enrollment.registration, language=language, chain=(parent, grouping)
    )
    statements = [xapi.statement(user=user, verb="attempted", obj=quiz, context=base)]
    if lesson is not None:
        grouping = [
            xapi.activity(xapi.activity_iri("lesson", lesson.translation_key)),
            *parent,
            *grouping,
        ]
    else:
        grouping = [xapi.activity(xapi.activity_iri("course", course.translation_key)), *grouping]
    for item in responses:
        context = xapi.context(
            registration=enrollment.registration,
            language=language,
            parent=[xapi.activity(quiz_iri)],
            grouping=grouping,
        )
        statements.append(
            xapi.statement(
                user=user,
                verb="answered",
                obj=xapi.interaction(item),
                context=context,
                result=Result(response=str(item["response"]), success=bool(item["correct"])),
            )
        )
    statements.append(
        xapi.statement(
            user=user,
            verb="passed" if passed else "failed",
            obj=quiz,
            context=base,
            result=xapi.graded_result(
                passed=passed,
                score_raw=score_raw,
                score_min=score_min,
                score_max=score_max,
                duration_seconds=duration_seconds,
            ),
        )
    )
    return _store(statements, course=course)


def practical_assessment_statement(
    *,
    user,
    enrollment,
    assessor,
    practical_iri: str,
    practical_name: dict,
    lesson=None,
    score_raw: float,
    score_max: float,
    score_min: float = 0,
    passed: bool,
) -> str:
    """An assessor's scoring of a practical assessment (a rubric): `passed` or
    `failed` for the practical activity (a performance), with the score, the
    assessor as `context.instructor`. `practical_name` is a language map. Call
    it inside the transaction that records the scoring."""
    course = enrollment.course.specific
    page = lesson or course
    chain = page_chain(page)
    if lesson is not None:  # the lesson holding the practical is its parent
        chain = (
            [xapi.activity(xapi.activity_iri("lesson", lesson.translation_key))],
            [*chain[0], *chain[1]],
        )
    context = page_context(
        page=page,
        registration=enrollment.registration,
        language=page.locale.language_code,
        chain=chain,
    )
    context.instructor = xapi.actor_for(assessor)
    statement = xapi.statement(
        user=user,
        verb="passed" if passed else "failed",
        obj=xapi.activity(practical_iri, kind="performance", name=practical_name),
        context=context,
        result=xapi.graded_result(
            passed=passed, score_raw=score_raw, score_min=score_min, score_max=score_max
        ),
    )
    return _store([statement], course=course)[0]


def _store(statements: list[dict], *, course) -> list[str]:
    return xapi.statements_store(statements, track=course_track(course))
