"""xAPI statements of face-to-face sessions, following courses/statements.py:
stored through `xapi.api` inside the event's transaction.

- `registered(registration=)`  registered (the session), for a learner with an account
- `attended(attendance=)`      attended (the session)

The object is the session (an activity of type "meeting"); the context has the
course as parent, the place and the track as grouping, the trainer as
instructor and the channel "in a session" as category; the registration is the
seat's own id. People without an account (walk-ins) have no statements: there
is no actor to name."""

from __future__ import annotations

from tincan import Activity, ActivityDefinition, LanguageMap

from core.tracks import Track
from xapi import api as xapi

ADL = "http://adlnet.gov/expapi/verbs/"
SESSION_TYPE = "http://adlnet.gov/expapi/activities/meeting"
PLACE_TYPE = "http://id.tincanapi.com/activitytype/place"
CHANNEL_SESSION = "https://safar.mrc.tj/xapi/channels/session"


def session_activity(session) -> Activity:
    return Activity(
        id=xapi.activity_iri("session", session.pk),
        definition=ActivityDefinition(
            type=SESSION_TYPE,
            name=LanguageMap({"tg": str(session.course.title)}),
        ),
    )


def place_activity(place) -> Activity:
    return Activity(
        id=xapi.activity_iri("place", place.pk),
        definition=ActivityDefinition(
            type=PLACE_TYPE, name=LanguageMap({"tg": f"{place.name}, {place.district}"})
        ),
    )


def _statement(*, registration, verb: str) -> str | None:
    user = registration.user
    if user is None:
        return None
    session = registration.session
    context = xapi.context(
        registration=registration.uid,
        language=session.language,
        parent=[xapi.activity(xapi.activity_iri("course", session.course.translation_key))],
        grouping=[place_activity(session.place), xapi.track_activity(Track.MIGRANT)],
        category=[xapi.activity(CHANNEL_SESSION)],
        instructor=session.trainer,
    )
    statement = xapi.statement(
        user=user, verb="registered", obj=session_activity(session), context=context
    )
    if verb != "registered":
        statement["verb"] = {"id": ADL + verb, "display": {"en-US": verb}}
    return xapi.statements_store([statement], track=Track.MIGRANT)[0]


def registered(*, registration) -> str | None:
    return _statement(registration=registration, verb="registered")


def attended(*, attendance) -> str | None:
    return _statement(registration=attendance.registration, verb="attended")
