"""Writes about face-to-face sessions. Every function runs in one transaction
and is the only way these records change (views and tasks call them).

Rules:
- Only verified staff holding a valid trainer certificate (unexpired,
  unrevoked) create a session, and they must still hold one when they start
  it and whenever they mark attendance.
- Only the session's own trainer manages it; another trainer's session is
  answered like a missing one where it is looked up by URL.
- Attendance is marked only for a session that is not cancelled, and only on
  its day (Asia/Dushanbe); a mark synced later from an offline phone carries
  the time it was taken, which must lie on that day.
- Attending (and passing the paper quiz when the session has one) completes
  the course: for an attendee with an account the same completion listeners
  run as online (the orientation certificate), marked with the place; a
  walk-in without one gets the same certificate, kept on their seat.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from accounts.phone import normalize_phone
from cms.models import CoursePage
from cms.tree import course_track
from core.tracks import Track
from courses import exceptions as course_errors
from courses.completion import course_completion_in_session
from courses.progress import active_enrollment_for, original_page
from courses.services import enrollment_create

from . import statements, tasks
from .exceptions import (
    AlreadyMarked,
    AlreadyRegistered,
    BlendedError,
    CodeOutsideSession,
    InvalidCode,
    InvalidSession,
    NotCertified,
    NotFound,
    NotYourSession,
    SessionCancelled,
    SessionClosed,
    SessionFull,
    WrongDay,
)
from .models import Attendance, Registration, Session
from .qr import qr_session, qr_window
from .selectors import completion_earned, is_certified_trainer, may_see_trainer_pages

# An offline mark may carry a clock a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)
MAX_SESSION_HOURS = 12


def _require_trainer(user) -> None:
    if not may_see_trainer_pages(user):
        raise NotFound
    if not is_certified_trainer(user):
        raise NotCertified


def _require_own(session: Session, user) -> None:
    if session.trainer_id != user.pk:
        raise NotYourSession


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("place", "course")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_create(
    *,
    trainer,
    course,
    place,
    starts_at: datetime,
    ends_at: datetime,
    language: str,
    capacity: int,
    quiz_required: bool = False,
    pass_mark: int | None = None,
) -> Session:
    """A planned session of a migrant-track course, run by `trainer`."""
    _require_trainer(trainer)
    if not isinstance(course, CoursePage) or not course.live:
        raise InvalidSession(_("Choose a pre-departure orientation course."))
    if course_track(course) != Track.MIGRANT:
        raise InvalidSession(_("Sessions are for pre-departure orientation courses."))
    if starts_at <= timezone.now():
        raise InvalidSession(_("The session must start in the future."))
    if ends_at <= starts_at or ends_at - starts_at > timedelta(hours=MAX_SESSION_HOURS):
        raise InvalidSession(_("The session must end after it starts, on the same day."))
    if timezone.localdate(starts_at) != timezone.localdate(ends_at):
        raise InvalidSession(_("The session must end after it starts, on the same day."))
    if not 1 <= int(capacity) <= 500:
        raise InvalidSession(_("Capacity must be between 1 and 500."))
    if quiz_required and not (pass_mark and 1 <= int(pass_mark) <= 100):
        raise InvalidSession(_("Give the pass mark of the paper quiz (1–100 %)."))
    return Session.objects.create(
        course=original_page(course),
        trainer=trainer,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        language=language,
        capacity=capacity,
        quiz_required=bool(quiz_required),
        pass_mark=pass_mark if quiz_required else None,
    )


@transaction.atomic
def session_start(*, session: Session, trainer) -> Session:
    """The trainer opens the session on its day: checked again for a valid
    certificate. Starting twice changes nothing."""
    _require_trainer(trainer)
    session = _locked(session)
    _require_own(session, trainer)
    _require_open(session, timezone.now())
    if session.started_at is None:
        session.started_at = timezone.now()
        session.status = Session.Status.HELD
        session.save(update_fields=["started_at", "status", "updated_at"])
    return session


@transaction.atomic
def session_cancel(*, session: Session, trainer) -> Session:
    if not may_see_trainer_pages(trainer):
        raise NotFound
    session = _locked(session)
    _require_own(session, trainer)
    if Attendance.objects.filter(registration__session=session).exists():
        raise BlendedError(_("A session with attendees cannot be cancelled."))
    session.status = Session.Status.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    return session


def _require_open(session: Session, at: datetime) -> None:
    if session.status == Session.Status.CANCELLED:
        raise SessionCancelled
    if timezone.localdate(at) != session.local_date:
        raise WrongDay


def _require_seat(session: Session) -> None:
    if Registration.objects.filter(session=session).count() >= session.capacity:
        raise SessionFull


def _profile_fields(user) -> dict:
    profile = getattr(user, "learner_profile", None)
    name = (getattr(profile, "full_name", "") or user.get_full_name() or user.username).strip()
    if profile is None:
        return {"name": name[:150]}
    return {
        "name": name[:150],
        "gender": profile.gender,
        "birth_year": profile.birth_year,
        "district": profile.district,
        "destination": profile.destination,
    }


@transaction.atomic
def registration_online(*, session: Session, user) -> Registration:
    """A signed-in learner registers for a planned session that has not
    started. Registering twice raises AlreadyRegistered."""
    if not user.is_authenticated:
        raise NotFound
    session = _locked(session)
    if course_track(session.course) != Track.MIGRANT:
        raise NotFound
    if session.status != Session.Status.PLANNED or session.starts_at <= timezone.now():
        raise SessionClosed
    if Registration.objects.filter(session=session, user=user).exists():
        raise AlreadyRegistered(_("You are already registered for this session."))
    _require_seat(session)
    registration = Registration.objects.create(
        session=session,
        user=user,
        source=Registration.Source.ONLINE,
        phone="",
        consent=Registration.Consent.SCREEN,
        **_profile_fields(user),
    )
    statements.registered(registration=registration)
    return registration


def clean_phone(phone: str) -> str:
    """A walk-in's phone in the one form accounts store (E.164, through
    accounts.phone.normalize_phone), so one number spelled two ways is one
    person; empty when none was given."""
    if not (phone or "").strip():
        return ""
    try:
        return normalize_phone(phone)
    except ValidationError as exc:
        raise BlendedError(exc.messages[0]) from exc


@transaction.atomic
def registration_walk_in(
    *,
    session: Session,
    trainer,
    name: str,
    phone: str = "",
    gender: str,
    birth_year: int,
    district: str,
    destination: str,
    consent: str,
) -> Registration:
    """The trainer adds someone on the spot (no account). A phone number
    already registered for this session raises AlreadyRegistered."""
    if not may_see_trainer_pages(trainer):
        raise NotFound
    session = _locked(session)
    _require_own(session, trainer)
    if session.status == Session.Status.CANCELLED:
        raise SessionCancelled
    phone = clean_phone(phone)
    name = re.sub(r"\s+", " ", name or "").strip()
    if not 2 <= len(name) <= 150:
        raise BlendedError(_("Enter the person's full name."))
    if consent not in Registration.Consent.values:
        raise BlendedError(_("Record how the person gave consent."))
    if phone and Registration.objects.filter(session=session, phone=phone).exists():
        raise AlreadyRegistered(_("Someone with this phone number is already registered."))
    _require_seat(session)
    try:
        with transaction.atomic():
            return Registration.objects.create(
                session=session,
                source=Registration.Source.WALK_IN,
                name=name,
                phone=phone,
                gender=gender,
                birth_year=birth_year,
                district=district.strip(),
                destination=destination,
                consent=consent,
                added_by=trainer,
            )
    except IntegrityError as exc:  # a double tap raced the check above
        raise AlreadyRegistered(_("Someone with this phone number is already registered.")) from exc


def attendance_completion(attendance: Attendance) -> None:
    """Run by every mark and score (and by the demo's past session). Attending
    (and the paper quiz passed, when required) completes the course: for an
    attendee with an account through their enrollment (the same listeners as
    online, the certificate included); for a walk-in without one, a worker
    issues the certificate kept on the seat once this commits."""
    if not completion_earned(attendance):
        return
    registration = attendance.registration
    session = registration.session
    user = registration.user
    if user is None:
        tasks.walk_in_certificate_issue.delay_on_commit(registration.pk)
        return
    enrollment = active_enrollment_for(user=user, course=session.course, lock=True)
    if enrollment is None:
        try:
            enrollment = enrollment_create(user=user, course=session.course)
        except course_errors.CoursesError:
            return  # e.g. a prerequisite missing: attendance stays recorded
    course_completion_in_session(
        enrollment=enrollment,
        place=session.place_text,
        completed_at=min(attendance.marked_at, timezone.now()),
    )


def _mark(*, registration: Registration, by, how: str, at: datetime, client_id=None):
    attendance = Attendance.objects.create(
        registration=registration,
        marked_by=by,
        how=how,
        client_id=client_id,
        marked_at=at,
    )
    session = registration.session
    if session.status == Session.Status.PLANNED:
        Session.objects.filter(pk=session.pk).update(
            status=Session.Status.HELD, started_at=session.started_at or timezone.now()
        )
    statements.attended(attendance=attendance)
    attendance_completion(attendance)
    return attendance


@transaction.atomic
def attendance_mark(
    *, trainer, registration: Registration, at: datetime | None = None, client_id=None
) -> tuple[Attendance, bool]:
    """The trainer marks one registration present (from the list, or synced
    later). Returns (attendance, created); marking twice, or syncing the same
    client id again, returns the existing mark."""
    if not may_see_trainer_pages(trainer):
        raise NotFound
    now = timezone.now()
    at = at or now
    if client_id is not None:
        existing = (
            Attendance.objects.filter(client_id=client_id)
            .select_related("registration__session")
            .first()
        )
        if existing is not None:
            if existing.registration.session.trainer_id != trainer.pk:
                raise NotYourSession
            return existing, False
    session = _locked(registration.session)
    _require_own(session, trainer)
    if not is_certified_trainer(trainer):
        raise NotCertified
    if at > now + CLOCK_SKEW:
        raise WrongDay
    _require_open(session, at)
    existing = Attendance.objects.filter(registration=registration).first()
    if existing is not None:
        return existing, False
    registration = Registration.objects.select_related("session__place", "user").get(
        pk=registration.pk
    )
    return _mark(
        registration=registration, by=trainer, how=Attendance.How.LIST, at=at, client_id=client_id
    ), True


@transaction.atomic
def quiz_score_record(*, trainer, registration: Registration, score: int) -> Attendance:
    """The paper quiz score (0–100 %) of an attendee; passing completes the course."""
    if not may_see_trainer_pages(trainer):
        raise NotFound
    session = _locked(registration.session)
    _require_own(session, trainer)
    if not is_certified_trainer(trainer):
        raise NotCertified
    if session.status == Session.Status.CANCELLED:
        raise SessionCancelled
    if not session.quiz_required:
        raise BlendedError(_("This session has no paper quiz."))
    try:
        score = int(score)
    except (TypeError, ValueError) as exc:
        raise BlendedError(_("A score is a whole number from 0 to 100.")) from exc
    if not 0 <= score <= 100:
        raise BlendedError(_("A score is a whole number from 0 to 100."))
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("registration__session__place", "registration__user")
        .filter(registration=registration)
        .first()
    )
    if attendance is None:
        raise BlendedError(_("Mark the person present before recording their score."))
    attendance.quiz_score = score
    attendance.save(update_fields=["quiz_score"])
    attendance_completion(attendance)
    return attendance


# --- QR codes -------------------------------------------------------------


@transaction.atomic
def attendance_by_qr(*, token: str, user) -> Attendance:
    """A signed-in learner scanned the session's code on the trainer's phone:
    marks them present (registering them if there is a seat). Refuses a forged
    or altered code, an expired one, one used outside the session, and a
    second scan."""
    if not user.is_authenticated:
        raise NotFound
    session = _locked(qr_session(token))
    if course_track(session.course) != Track.MIGRANT:
        raise InvalidCode
    if session.status == Session.Status.CANCELLED:
        raise SessionCancelled
    now = timezone.now()
    opens, closes = qr_window(session)
    if not opens <= now <= closes:
        raise CodeOutsideSession
    if not is_certified_trainer(session.trainer):
        raise NotCertified(_("The trainer's certificate is not valid: ask the trainer."))
    registration = Registration.objects.filter(session=session, user=user).first()
    if registration is None:
        _require_seat(session)
        registration = Registration.objects.create(
            session=session,
            user=user,
            source=Registration.Source.QR,
            consent=Registration.Consent.SCREEN,
            **_profile_fields(user),
        )
        statements.registered(registration=registration)
    if Attendance.objects.filter(registration=registration).exists():
        raise AlreadyMarked
    registration = Registration.objects.select_related("session__place", "user").get(
        pk=registration.pk
    )
    return _mark(registration=registration, by=user, how=Attendance.How.QR, at=now)


# --- Offline sync -----------------------------------------------------------

MAX_SYNC_MARKS = 500


def marks_sync(*, trainer, marks) -> list[dict]:
    """Marks taken on the trainer's phone (maybe offline), each with the id the
    phone gave it: {"id": uuid, "registration": id, "at": ISO time}. Each is
    merged on its own (idempotent by id) and answered one by one:
    {"id", "ok": True, "status": "recorded" | "already"} or
    {"id", "ok": False, "reason": code, "message": text}."""
    results = []
    for raw in marks[:MAX_SYNC_MARKS]:
        results.append(_sync_one(trainer, raw))
    return results


def _sync_one(trainer, raw) -> dict:
    mark_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        client_id = uuid.UUID(str(mark_id))
    except (TypeError, ValueError, AttributeError):
        return {"id": mark_id, "ok": False, "reason": "invalid", "message": _("Bad mark id.")}
    answer = {"id": str(client_id)}
    registration_id = raw.get("registration")
    try:
        at = parse_datetime(str(raw.get("at") or "")) if raw.get("at") else timezone.now()
    except ValueError:  # well formed but impossible, e.g. month 13
        at = None
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    if not isinstance(registration_id, int) or isinstance(registration_id, bool) or at is None:
        return {**answer, "ok": False, "reason": "invalid", "message": _("Bad mark.")}
    registration = (
        Registration.objects.filter(pk=registration_id).select_related("session").first()
        if 0 < registration_id < 2**63
        else None
    )
    if registration is None:
        return {
            **answer,
            "ok": False,
            "reason": "not_found",
            "message": str(NotFound.default_message),
        }
    try:
        _attendance, created = attendance_mark(
            trainer=trainer, registration=registration, at=at, client_id=client_id
        )
    except BlendedError as error:
        return {**answer, "ok": False, "reason": error.code, "message": str(error.message)}
    except IntegrityError:
        return {**answer, "ok": True, "status": "already"}
    return {**answer, "ok": True, "status": "recorded" if created else "already"}
