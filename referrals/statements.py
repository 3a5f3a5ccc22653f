"""The xAPI statements of referral cases, built from the case's data and stored
through `xapi.api` inside the event's transaction (like courses/statements.py):

- `counselling_attended(session=)`  the migrant `attended` a counselling session
- `referral_received(referral=)`    the migrant `received` a referral

The actor is the migrant (their opaque account; a migrant who left only a phone
number is the case's own opaque id), the counsellor is the context's
instructor, the registration is the case's uuid, and the topic (and the mode
of counselling) are context extensions. No free text and no contact goes into
a statement. The statements carry no track: only LRS clients allowed both
tracks read them."""

from __future__ import annotations

from django.conf import settings

from xapi import api as xapi


def _ext(name: str) -> str:
    return f"{settings.SITE_URL}/xapi/extensions/{name}"


def _actor_args(case) -> dict:
    if case.user_id is not None:
        return {"user": case.user}
    return {"user": None, "actor": xapi.account_actor(f"referral-case-{case.uuid}")}


def counselling_attended(*, session) -> str:
    case = session.case
    statement = xapi.statement(
        **_actor_args(case),
        verb="attended",
        obj=xapi.activity(
            xapi.activity_iri("counselling-session", session.uuid),
            kind="counselling",
            name={"en-US": f"Counselling: {session.topic}"},
        ),
        context=xapi.context(
            registration=case.uuid,
            language=case.language,
            instructor=session.counsellor,
            extensions={
                _ext("referral-topic"): session.topic,
                _ext("counselling-mode"): session.mode,
                _ext("referral-region"): case.region,
            },
        ),
    )
    return xapi.statements_store([statement])[0]


def referral_received(*, referral) -> str:
    case = referral.case
    organisation = referral.organisation
    statement = xapi.statement(
        **_actor_args(case),
        verb="received",
        obj=xapi.activity(
            xapi.activity_iri("referral", referral.uuid),
            kind="referral",
            name={organisation.locale.language_code: organisation.name},
        ),
        context=xapi.context(
            registration=case.uuid,
            language=case.language,
            instructor=referral.counsellor,
            grouping=[
                xapi.activity(xapi.activity_iri("organisation", organisation.translation_key))
            ],
            extensions={
                _ext("referral-topic"): case.topic,
                _ext("referral-region"): case.region,
            },
        ),
    )
    return xapi.statements_store([statement])[0]
