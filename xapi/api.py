"""The LRS's public face for the other apps: a vocabulary (verbs, activity
types, extensions), IRI builders, tincan-based statement builders that know no
page, course or enrollment, `statements_store(dicts, track=)` and two lookups.

Each app builds the statements of its own events from its own data
(`courses/statements.py`, `assessments/statements.py`,
`certificates/statements.py`) and stores them here, inside the transaction of
the event. Nothing in `xapi/` imports another Safar app."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    InteractionComponent,
    InteractionComponentList,
    LanguageMap,
    Result,
    Score,
    Verb,
)
from tincan import (
    Statement as TinCanStatement,
)

from .models import ActorIdentity, Statement
from .services import statements_store, track_iri

__all__ = [
    "ACTIVITY_TYPES",
    "EXT",
    "VERBS",
    "account_actor",
    "activity",
    "activity_iri",
    "actor_for",
    "actor_key_for",
    "context",
    "graded_result",
    "interaction",
    "last_stored",
    "statement",
    "statement_exists",
    "statements_store",
    "to_dict",
    "track_activity",
    "track_iri",
]

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/"
VERBS = {
    "registered": ADL + "registered",
    "launched": ADL + "launched",
    "experienced": ADL + "experienced",
    "progressed": ADL + "progressed",
    "completed": ADL + "completed",
    "attempted": ADL + "attempted",
    "answered": ADL + "answered",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "initialized": ADL + "initialized",
    "terminated": ADL + "terminated",
    "played": VIDEO + "verbs/played",
    "paused": VIDEO + "verbs/paused",
    "seeked": VIDEO + "verbs/seeked",
    "earned": "http://id.tincanapi.com/verb/earned",
    # Referral cases (referrals/statements.py): the migrant attended a
    # counselling session; received a referral to an organisation.
    "attended": ADL + "attended",
    "received": "http://activitystrea.ms/schema/1.0/receive",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "track": "http://id.tincanapi.com/activitytype/collection-simple",
    "video": VIDEO + "activity-type/video",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "performance": "http://adlnet.gov/expapi/activities/performance",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "certificate": "http://id.tincanapi.com/activitytype/certificate",
    # The MRC's own activity types (no public vocabulary has them).
    "counselling": f"{settings.SITE_URL}/xapi/activity-types/counselling-session",
    "referral": f"{settings.SITE_URL}/xapi/activity-types/referral",
}
EXT = {
    "progress": "https://w3id.org/xapi/cmi5/result/extensions/progress",
    "video_time": VIDEO + "extensions/time",
    "video_time_from": VIDEO + "extensions/time-from",
    "video_time_to": VIDEO + "extensions/time-to",
    "video_progress": VIDEO + "extensions/progress",
    "video_segments": VIDEO + "extensions/played-segments",
    "video_session": VIDEO + "extensions/session-id",
    "video_length": VIDEO + "extensions/length",
}
VIDEO_PROFILE = "https://w3id.org/xapi/video"


def activity_iri(kind: str, key) -> str:
    """A stable IRI: pages by their translation key (survives renaming, moving
    and translating), videos by their uuid."""
    return f"{settings.SITE_URL}/xapi/activities/{kind}/{key}"


def actor_for(user) -> Agent:
    identity, _ = ActorIdentity.objects.get_or_create(user=user)
    return Agent(account=AgentAccount(home_page=settings.SITE_URL, name=str(identity.name)))


def account_actor(name: str) -> Agent:
    """An actor without a Safar account (e.g. a migrant who left only a phone
    number): an opaque `name` under the site's homePage."""
    return Agent(account=AgentAccount(home_page=settings.SITE_URL, name=str(name)))


def actor_key_for(user) -> str:
    identity, _ = ActorIdentity.objects.get_or_create(user=user)
    return f"account:{settings.SITE_URL}|{identity.name}"


def activity(iri: str, *, kind: str | None = None, name: dict | None = None) -> Activity:
    """An activity; with `kind` (a key of ACTIVITY_TYPES) and/or `name` (a
    language map), its definition."""
    if kind is None and not name:
        return Activity(id=iri)
    return Activity(
        id=iri,
        definition=ActivityDefinition(
            type=ACTIVITY_TYPES[kind] if kind else None,
            name=LanguageMap(name) if name else None,
        ),
    )


def track_activity(track: str) -> Activity:
    return Activity(
        id=track_iri(track), definition=ActivityDefinition(type=ACTIVITY_TYPES["track"])
    )


def context(
    *,
    registration,
    language,
    parent=(),
    grouping=(),
    category=(),
    extensions=None,
    instructor=None,
) -> Context:
    """A statement's context: registration (a uuid or its text), language,
    contextActivities (lists of activities) and extensions."""
    activities = ContextActivities(
        parent=list(parent) or None,
        grouping=list(grouping) or None,
        category=list(category) or None,
    )
    result = Context(
        registration=uuid.UUID(str(registration)) if registration else None,
        language=language,
        context_activities=activities,
        extensions=Extensions(extensions) if extensions else None,
        platform="Safar",
    )
    if instructor is not None:
        result.instructor = actor_for(instructor)
    return result


def to_dict(statement: TinCanStatement) -> dict:
    """tincan's JSON without `version` (a provider must not set it) and
    without empty properties."""
    data = json.loads(statement.to_json())
    data.pop("version", None)
    context_data = data.get("context", {})
    activities = context_data.get("contextActivities", {})
    for key in [k for k, v in activities.items() if not v]:
        activities.pop(key)
    if context_data and not activities:
        context_data.pop("contextActivities", None)
    return data


def statement(*, user, verb: str, obj, context=None, result=None, actor=None) -> dict:
    """One statement by `user` (as their opaque account), or by `actor` (an
    Agent, see `account_actor`) when there is no user, as a dict ready for
    `statements_store`."""
    return to_dict(
        TinCanStatement(
            id=uuid.uuid4(),
            actor=actor if user is None and actor is not None else actor_for(user),
            verb=Verb(id=VERBS[verb], display=LanguageMap({"en-US": verb})),
            object=obj,
            context=context,
            result=result,
            timestamp=timezone.now(),
        )
    )


def interaction(question: dict) -> Activity:
    """A question as a cmi.interaction activity: {question_iri,
    interaction_type, name (language map), choices ([{id, description}]),
    correct_responses_pattern ([str])}."""
    kind = question.get("interaction_type", "choice")
    definition = ActivityDefinition(
        type=ACTIVITY_TYPES["question"],
        interaction_type=kind,
        name=LanguageMap(question["name"]) if question.get("name") else None,
        correct_responses_pattern=question.get("correct_responses_pattern"),
    )
    if question.get("choices"):
        definition.choices = InteractionComponentList(
            [
                InteractionComponent(id=c["id"], description=LanguageMap(c["description"]))
                for c in question["choices"]
            ]
        )
    return Activity(id=question["question_iri"], definition=definition)


def graded_result(
    *,
    passed: bool,
    score_raw: float,
    score_min: float,
    score_max: float,
    duration_seconds: int | None = None,
) -> Result:
    """The result of a graded activity (quiz or practical): success, completion,
    the score (scaled to 0–1 when the range is not empty) and the duration."""
    span = score_max - score_min
    return Result(
        success=passed,
        completion=True,
        score=Score(
            raw=score_raw,
            min=score_min,
            max=score_max,
            scaled=round((score_raw - score_min) / span, 4) if span else None,
        ),
        duration=timedelta(seconds=duration_seconds) if duration_seconds else None,
    )


def statement_exists(*, registration, verb: str, object_iri: str | None = None) -> bool:
    """Whether a statement with this verb (and object) is stored for the registration."""
    found = Statement.objects.filter(registration=registration, verb_id=VERBS[verb])
    if object_iri is not None:
        found = found.filter(object_activity_id=object_iri)
    return found.exists()


def last_stored(*, user, object_iri: str, verbs):
    """When the learner's latest statement with one of `verbs` about
    `object_iri` was stored (None if never)."""
    return (
        Statement.objects.filter(
            actor_key=actor_key_for(user),
            object_activity_id=object_iri,
            verb_id__in=[VERBS[verb] for verb in verbs],
        )
        .order_by("-seq")
        .values_list("stored", flat=True)
        .first()
    )
