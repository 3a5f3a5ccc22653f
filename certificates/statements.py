"""The xAPI statement of the certificates app's event: `earned`, built from the
issued certificate and stored through `xapi.api` in the issuing transaction."""

from __future__ import annotations

from cms.tree import course_track
from courses.statements import page_context
from xapi import api as xapi


def certificate_earned(*, user, enrollment, certificate_iri: str, certificate_name: dict) -> str:
    """`earned` for an issued certificate (call it in the issuing transaction).
    `certificate_iri` is stable, e.g. the public verification URL."""
    course = enrollment.course.specific
    statement = xapi.statement(
        user=user,
        verb="earned",
        obj=xapi.activity(certificate_iri, kind="certificate", name=certificate_name),
        context=page_context(
            page=course,
            registration=enrollment.registration,
            language=course.locale.language_code,
            extra_grouping=[xapi.activity(xapi.activity_iri("course", course.translation_key))],
        ),
    )
    return xapi.statements_store([statement], track=course_track(course))[0]
