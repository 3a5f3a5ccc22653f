"""Reads about face-to-face sessions: who may run them, a trainer's sessions,
upcoming sessions for migrants, a migrant's own sessions, the report counts."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale

from certificates.models import Certificate
from cms.tree import courses_in_track
from core.tracks import Track
from courses.progress import completions_by_channel

from .models import Attendance, Registration, Session


def trainer_certificate(user) -> Certificate | None:
    """The user's valid trainer certificate (staff track: current, not
    revoked, not expired), or None."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Certificate.objects.filter(
            user=user,
            track=Track.STAFF,
            is_current=True,
            status=Certificate.Status.AWARDED,
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )


def is_certified_trainer(user) -> bool:
    return trainer_certificate(user) is not None


def may_see_trainer_pages(user) -> bool:
    """Trainer pages are for verified ministry staff; anyone else gets 404
    (creating or running a session also needs a valid certificate)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_verified_staff)


def migrant_courses() -> QuerySet:
    """The live migrant-track courses a session may belong to (Tajik originals)."""
    return courses_in_track(track=Track.MIGRANT, locale=Locale.get_default()).filter(live=True)


def trainer_sessions(user) -> QuerySet:
    return (
        Session.objects.filter(trainer=user)
        .select_related("place", "course")
        .annotate(
            registered=Count("registrations", distinct=True),
            attended=Count("registrations__attendance", distinct=True),
        )
        .order_by("-starts_at")
    )


def trainer_session(user, pk) -> Session | None:
    """The trainer's own session, or None (a 404, like a missing one)."""
    return Session.objects.filter(trainer=user, pk=pk).select_related("place", "course").first()


def session_registrations(session: Session) -> QuerySet:
    return (
        Registration.objects.filter(session=session)
        .select_related("attendance", "user")
        .order_by("name", "pk")
    )


def seats_taken(session: Session) -> int:
    return Registration.objects.filter(session=session).count()


def upcoming_sessions(*, region: str = "", language: str = "", day=None) -> QuerySet:
    """Planned sessions of live migrant-track courses that have not started,
    nearest first; filtered by region, language and day (Asia/Dushanbe)."""
    sessions = (
        Session.objects.filter(
            status=Session.Status.PLANNED,
            starts_at__gt=timezone.now(),
            course__in=migrant_courses(),
        )
        .select_related("place", "course")
        .annotate(registered=Count("registrations"))
        .order_by("starts_at")
    )
    if region:
        sessions = sessions.filter(place__region=region)
    if language:
        sessions = sessions.filter(language=language)
    if day:
        start = timezone.make_aware(datetime.combine(day, time.min))
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    return sessions


def visible_session(pk) -> Session | None:
    """A session a migrant may see: of a live migrant-track course."""
    return (
        Session.objects.filter(pk=pk, course__in=migrant_courses())
        .select_related("place", "course")
        .first()
    )


def my_registrations(user) -> QuerySet:
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .select_related("session__place", "session__course", "attendance")
        .order_by("-session__starts_at")
    )


def registration_of(*, user, session) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, session=session).first()


def completion_earned(attendance: Attendance) -> bool:
    """Attending completes the course, with the paper quiz passed when the
    session asks for one."""
    session = attendance.registration.session
    if not session.quiz_required:
        return True
    return attendance.quiz_score is not None and attendance.quiz_score >= (session.pass_mark or 0)


def attended(session: Session) -> QuerySet:
    return Attendance.objects.filter(registration__session=session).select_related(
        "registration__user"
    )


def _current(certificate: Certificate | None) -> Certificate | None:
    """Follow re-issues (a corrected name) to the certificate in force."""
    while certificate is not None and not certificate.is_current:
        certificate = getattr(certificate, "replaced_by", None)
    return certificate


def session_certificates(session: Session) -> list[Certificate]:
    """The valid certificates of the session's attendees, by name, for the
    printed batch: those with an account (their certificate of the course,
    wherever they completed it) and walk-ins (the one kept on their seat)."""
    attendances = list(attended(session).select_related("registration__certificate"))
    users = [a.registration.user_id for a in attendances if a.registration.user_id]
    found = {
        c.pk: c
        for c in Certificate.objects.filter(
            user_id__in=users, course=session.course, is_current=True
        ).select_related("template")
    }
    for attendance in attendances:
        certificate = _current(attendance.registration.certificate)
        if certificate is not None:
            found[certificate.pk] = certificate
    return sorted(
        (c for c in found.values() if c.status == Certificate.Status.AWARDED),
        key=lambda c: (c.holder_name.casefold(), c.pk),
    )


def report_counts() -> dict:
    """Completions by channel (online / in a session), and attendance per
    trainer and per district of the place."""
    per_trainer = (
        Attendance.objects.values(
            "registration__session__trainer__username",
            "registration__session__trainer__first_name",
            "registration__session__trainer__last_name",
        )
        .annotate(
            attendees=Count("pk"),
            sessions=Count("registration__session", distinct=True),
        )
        .order_by("-attendees")
    )
    per_district = (
        Attendance.objects.values(
            "registration__session__place__region", "registration__session__place__district"
        )
        .annotate(
            attendees=Count("pk"),
            sessions=Count("registration__session", distinct=True),
        )
        .order_by("registration__session__place__region", "registration__session__place__district")
    )
    return {
        "channels": completions_by_channel(),
        "per_trainer": list(per_trainer),
        "per_district": list(per_district),
    }
