"""Writes about certificates: issuing (idempotent), revoking, re-issuing.

Every function runs in one transaction and is the only way these records
change; views, tasks and admin screens call them."""

from __future__ import annotations

import logging
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses.progress import enrollment_lock

if TYPE_CHECKING:
    from courses.models import Enrollment

from . import codes, openbadges, statements
from .exceptions import AlreadyRevoked, InvalidName, NotAllowed, NoTemplate, ReasonRequired
from .models import Certificate, CertificateEvent, CertificateTemplate, SerialCounter
from .pdf import PrintData, render_certificate_pdf
from .selectors import print_data_for, template_for_course, verify_url

logger = logging.getLogger("safar.certificates")

STATUS_COUNTER = "STATUS"
REVOKE_PERMISSION = "certificates.revoke_certificate"
MAX_NAME_LENGTH = 150


def counter_next(*, code: str, year: int) -> int:
    """The next number of a counter, allocated under a row lock (works on
    SQLite and PostgreSQL); must run inside a transaction."""
    SerialCounter.objects.get_or_create(code=code, year=year)
    counter = SerialCounter.objects.select_for_update().get(code=code, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def serial_allocate(*, template: CertificateTemplate, year: int) -> str:
    number = counter_next(code=template.serial_code, year=year)
    return f"MRC-{template.serial_code}-{year}-{number:06d}"


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", str(name or "")).strip()
    if not 2 <= len(name) <= MAX_NAME_LENGTH:
        raise InvalidName
    return name


def printed_name_of(user) -> str:
    """The learner's full name exactly as registered (as in the passport)."""
    profile = getattr(user, "learner_profile", None)
    for candidate in (
        getattr(profile, "full_name", ""),
        user.get_full_name(),
        user.username,
    ):
        if candidate and candidate.strip():
            return re.sub(r"\s+", " ", candidate).strip()
    return user.username


def _language_for(preferred: str, template: CertificateTemplate) -> str:
    languages = template.language_list()
    return preferred if preferred in languages else languages[0]


def _course_title_in(course, language: str) -> str:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        translated = course.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.title
    return course.title


def _hours(course) -> Decimal:
    minutes = getattr(course.specific, "estimated_minutes", 60) or 60
    halves = (Decimal(minutes) / Decimal(30)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(halves, Decimal(1)) / 2


def _store_outputs(certificate: Certificate) -> None:
    """Render the PDF and sign the Open Badges credential; store both."""
    data = print_data_for(certificate)
    pdf = render_certificate_pdf(data)
    certificate.pdf.save(f"{certificate.uuid}.pdf", ContentFile(pdf), save=False)
    with translation.override(certificate.language):
        certificate.credential_jwt = openbadges.credential_sign(
            certificate,
            issuer_name=" — ".join(
                line.strip() for line in data.issuer.splitlines() if line.strip()
            ),
            description=_("Certificate of completion of %(course)s (%(hours)s hours of study).")
            % {"course": certificate.course_title, "hours": f"{certificate.hours:g}"},
            criteria=(
                _(
                    "Attended the course's face-to-face session at %(place)s, and passed "
                    "its paper quiz when the session had one."
                )
                % {"place": certificate.session_place}
                if certificate.session_place
                else _(
                    "All lessons of the course completed, and its final assessment passed "
                    "when it has one."
                )
            ),
        )
    certificate.save(update_fields=["pdf", "credential_jwt", "updated_at"])


def _create(
    *,
    user,
    course,
    template: CertificateTemplate,
    holder_name: str,
    completed_on,
    language: str,
    session_place: str = "",
    replaces: Certificate | None = None,
    actor=None,
    reason: str = "",
) -> Certificate:
    now = timezone.now()
    code = codes.new_code()
    while Certificate.objects.filter(code=code).exists():  # 2^-80: never, but cheap
        code = codes.new_code()
    certificate = Certificate(
        code=code,
        serial=serial_allocate(template=template, year=now.year),
        status_index=counter_next(code=STATUS_COUNTER, year=0) - 1,
        user=user,
        course=course,
        template=template,
        track=template.track,
        holder_name=holder_name,
        language=language,
        course_title=_course_title_in(course, language),
        hours=_hours(course),
        completed_on=completed_on,
        session_place=session_place,
        issued_at=now,
        expires_at=(now + relativedelta(months=template.validity_months))
        if template.validity_months
        else None,
        replaces=replaces,
    )
    certificate.full_clean(exclude=["pdf", "credential_jwt", "replaces"])
    certificate.save()
    CertificateEvent.objects.create(
        certificate=certificate,
        action=CertificateEvent.Action.REISSUED if replaces else CertificateEvent.Action.ISSUED,
        actor=actor,
        reason=reason,
        at=now,
    )
    _store_outputs(certificate)
    return certificate


def certificate_issue(*, enrollment: Enrollment) -> Certificate | None:
    """Issue the course's certificate to the learner of a completed enrollment,
    exactly once: a second call (or a racing one) returns the same record.
    Returns None when the course issues no certificate or is not completed."""
    try:
        with transaction.atomic():
            return _issue(enrollment=enrollment)
    except IntegrityError:
        # Another process won the race on the unique (learner, course) row.
        existing = Certificate.objects.filter(
            user_id=enrollment.user_id, course_id=enrollment.course_id, is_current=True
        ).first()
        if existing is None:
            raise
        return existing


def _issue(*, enrollment: Enrollment) -> Certificate | None:
    enrollment = enrollment_lock(enrollment.pk, related=("user", "course", "completion"))
    if enrollment is None:
        return None
    existing = Certificate.objects.filter(
        user=enrollment.user, course=enrollment.course, is_current=True
    ).first()
    if existing is not None:
        return existing
    completion = getattr(enrollment, "completion", None)
    if completion is None:
        return None
    template = template_for_course(enrollment.course)
    if template is None:
        return None
    user = enrollment.user
    certificate = _create(
        user=user,
        course=enrollment.course,
        template=template,
        holder_name=_clean_name(printed_name_of(user)),
        completed_on=timezone.localdate(completion.completed_at),
        language=_language_for(getattr(user, "preferred_language", ""), template),
        session_place=completion.place if completion.channel == "session" else "",
    )
    statements.certificate_earned(
        user=user,
        enrollment=enrollment,
        certificate_iri=verify_url(certificate),
        certificate_name={certificate.language: certificate.course_title},
    )
    return certificate


@transaction.atomic
def certificate_issue_in_session(
    *, course, holder_name: str, language: str, completed_on, session_place: str, actor=None
) -> Certificate | None:
    """Issue the course's certificate to someone without an account who
    completed it in a face-to-face session (a walk-in): the same record,
    serial, PDF and credential as any other, with no learner linked. The
    caller keeps the record and calls this once per person (blended locks
    the seat). Returns None when the course issues no certificate."""
    template = template_for_course(course)
    if template is None:
        return None
    return _create(
        user=None,
        course=course,
        template=template,
        holder_name=_clean_name(holder_name),
        completed_on=completed_on,
        language=_language_for(language, template),
        session_place=session_place,
        actor=actor,
    )


def _require_admin(actor) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(REVOKE_PERMISSION):
        raise NotAllowed


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise ReasonRequired
    return reason


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke a certificate (an MRC administrator, with a reason). The verify
    page and the status list show it at once."""
    _require_admin(actor)
    reason = _require_reason(reason)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.REVOKED:
        raise AlreadyRevoked
    now = timezone.now()
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = now
    certificate.revocation_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revocation_reason", "updated_at"])
    CertificateEvent.objects.create(
        certificate=certificate,
        action=CertificateEvent.Action.REVOKED,
        actor=actor,
        reason=reason,
        at=now,
    )
    return certificate


@transaction.atomic
def certificate_reissue(
    *, certificate: Certificate, actor, reason: str, holder_name: str | None = None
) -> Certificate:
    """Replace a certificate (e.g. a corrected name): the old one is revoked
    and its verify page says "replaced by" the new one, which gets a new code
    and serial number."""
    _require_admin(actor)
    reason = _require_reason(reason)
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not old.is_current:
        raise AlreadyRevoked(_("This certificate was already replaced."))
    name = _clean_name(holder_name if holder_name else old.holder_name)
    template = template_for_course(old.course) or old.template
    if template is None:
        raise NoTemplate
    now = timezone.now()
    if old.status != Certificate.Status.REVOKED:
        old.status = Certificate.Status.REVOKED
        old.revoked_at = now
        old.revocation_reason = reason
    old.is_current = False
    old.save(
        update_fields=["status", "revoked_at", "revocation_reason", "is_current", "updated_at"]
    )
    CertificateEvent.objects.create(
        certificate=old, action=CertificateEvent.Action.REVOKED, actor=actor, reason=reason, at=now
    )
    new = _create(
        user=old.user,
        course=old.course,
        template=template,
        holder_name=name,
        completed_on=old.completed_on,
        language=old.language,
        session_place=old.session_place,
        replaces=old,
        actor=actor,
        reason=reason,
    )
    return new


def template_sample_pdf(*, template: CertificateTemplate, language: str | None = None) -> bytes:
    """A sample certificate for the admin preview (nothing is recorded)."""
    from .selectors import template_print_parts

    language = language or template.language_list()[0]
    parts = template_print_parts(template, language)
    with translation.override(language):
        sample_title = _("Safe and regular migration: pre-departure orientation")
    return render_certificate_pdf(
        PrintData(
            holder_name="Ҷамшед Қодиров Ғуломович",
            course_title=sample_title,
            hours=8,
            completed_on=timezone.localdate(),
            issuer=template.issuer_in(language),
            serial=f"MRC-{template.serial_code}-{timezone.now().year}-000000",
            display_code=codes.format_code(
                "0" * codes.DATA_LENGTH + codes.check_character("0" * 16)
            ),
            verify_url=openbadges.site_url("/verify/"),
            language=language,
            expires_on=(timezone.localdate() + relativedelta(months=template.validity_months))
            if template.validity_months
            else None,
            sample=True,
            **parts,
        )
    )
