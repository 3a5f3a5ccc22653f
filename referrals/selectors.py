"""Reads of the referral directory."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale

from cms.search_text import fold

from .models import Case, DirectoryRegion, Organisation


def directory(*, language: str, region: str = "", district: str = "", service: str = ""):
    """The organisations matching the filters, each in `language` when it is
    translated (else in the source language), by name. Filters apply to the
    source rows, which hold the facts (see models)."""
    rows = Organisation.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).prefetch_related("services")
    if region:
        # Nationwide services serve every region of Tajikistan.
        regions = [region]
        if region != DirectoryRegion.ABROAD:
            regions.append(DirectoryRegion.NATIONWIDE)
        rows = rows.filter(region__in=regions)
    if service:
        rows = rows.filter(services__code=service)
    rows = list(rows.distinct())
    if district:
        wanted = fold(district)
        rows = [o for o in rows if not o.districts.strip() or wanted in fold(o.districts)]
    locale = Locale.objects.filter(language_code=language).first()
    translated = {}
    if locale is not None and language != settings.LANGUAGE_CODE:
        translated = {
            o.translation_key: o
            for o in Organisation.objects.filter(
                locale=locale, translation_key__in=[r.translation_key for r in rows]
            )
        }
    entries = []
    for source in rows:
        shown = translated.get(source.translation_key, source)
        entries.append({"org": shown, "facts": source, "translated": shown is not source})
    entries.sort(key=lambda e: fold(e["org"].name))
    return entries


# --- Referral cases -------------------------------------------------------------

CASE_PERMISSION = "referrals.view_case"
CASE_CHANGE_PERMISSION = "referrals.change_case"
REPORT_PERMISSION = "referrals.view_case_report"


def referable_organisations():
    """The directory's source rows, which a referral points at."""
    return Organisation.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "name"
    )


def organisation_in_language(organisation: Organisation, language: str) -> Organisation:
    """The organisation's translation in `language`, else the organisation."""
    if organisation.locale.language_code == language:
        return organisation
    return (
        Organisation.objects.filter(
            translation_key=organisation.translation_key, locale__language_code=language
        ).first()
        or organisation
    )


def cases_for_counsellor(*, status: str = "", topic: str = "", region: str = ""):
    """Cases for the counsellors' list, newest first, filtered."""
    rows = Case.objects.select_related("user", "user__learner_profile")
    if status:
        rows = rows.filter(status=status)
    if topic:
        rows = rows.filter(topic=topic)
    if region:
        rows = rows.filter(region=region)
    return rows.order_by("-created_at", "-pk")


def case_for_counsellor(*, user, case_id: int):
    """The case when `user` may see cases, else None (the view answers 404)."""
    if not user.has_perm(CASE_PERMISSION):
        return None
    return (
        Case.objects.select_related("user", "user__learner_profile", "closed_by")
        .prefetch_related("sessions__counsellor", "referrals__organisation", "accesses__user")
        .filter(pk=case_id)
        .first()
    )


def cases_of(*, user):
    """A migrant's own cases, newest first."""
    return Case.objects.filter(user=user).prefetch_related("referrals__organisation")


def case_of(*, user, case_id: int):
    """The migrant's own case, else None (another's case is a 404)."""
    return cases_of(user=user).filter(pk=case_id).first()


def _when(value):
    return value.isoformat() if value else None


def cases_export(user) -> list[dict]:
    """The user's cases for their data export (accounts.services.EXPORTERS)."""
    return [
        {
            "number": case.pk,
            "asked_at": _when(case.created_at),
            "status": case.status,
            "topic": case.topic,
            "details": case.details,
            "region": case.region,
            "district": case.district,
            "gender": case.gender,
            "closed_at": _when(case.closed_at),
            "counselling": [
                {
                    "held_at": _when(s.held_at),
                    "mode": s.mode,
                    "topic": s.topic,
                    "outcome": s.notes,
                }
                for s in case.sessions.all()
            ],
            "referrals": [
                {
                    "referred_at": _when(r.referred_at),
                    "organisation": r.organisation.name,
                    "note": r.note,
                }
                for r in case.referrals.all()
            ],
        }
        for case in cases_of(user=user).prefetch_related("sessions")
    ]
