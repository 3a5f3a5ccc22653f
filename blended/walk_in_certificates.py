"""Issuing the certificate of a walk-in without an account who completed the
course in a session: run by a Celery task once the mark or score commits (a
certificate takes a PDF to render), and by the demo. Idempotent: the seat is
locked and keeps its certificate, so a second run returns it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue_in_session

from .models import Attendance, Registration
from .selectors import completion_earned


@transaction.atomic
def walk_in_certificate_issue(registration_id: int) -> Certificate | None:
    """The seat's certificate, issued now if it was earned and has none.
    None: no such walk-in seat, not earned (yet), or the course issues no
    certificate."""
    seat = (
        Registration.objects.select_for_update(of=("self",))
        .filter(pk=registration_id, user__isnull=True)
        .first()
    )
    if seat is None:
        return None
    if seat.certificate_id is not None:
        return seat.certificate
    attendance = (
        Attendance.objects.filter(registration=seat)
        .select_related("registration__session__place", "registration__session__course")
        .first()
    )
    if attendance is None or not completion_earned(attendance):
        return None
    session = attendance.registration.session
    certificate = certificate_issue_in_session(
        course=session.course,
        holder_name=seat.name,
        language=session.language,
        completed_on=timezone.localdate(min(attendance.marked_at, timezone.now())),
        session_place=session.place_text,
        actor=attendance.marked_by,
    )
    if certificate is not None:
        seat.certificate = certificate
        seat.save(update_fields=["certificate", "updated_at"])
    return certificate
