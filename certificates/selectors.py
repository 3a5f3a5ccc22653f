"""Reads about certificates: which template a course uses, a learner's
certificates, what the verify page shows, the status list, cohort downloads."""

from __future__ import annotations

import io
import zipfile

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cms.tree import course_track
from core.tracks import CertificateTemplate as TemplateChoice
from core.tracks import Track
from courses.access import can_see_track
from courses.progress import original_page

from . import codes, openbadges
from .models import Certificate, CertificateTemplate
from .pdf import PrintData, SignatoryPrint

TRACK_DEFAULT_TEMPLATE = {
    Track.MIGRANT.value: TemplateChoice.ORIENTATION.value,
    Track.STAFF.value: TemplateChoice.TRAINER.value,
}


def template_for_course(course) -> CertificateTemplate | None:
    """Most specific first: the course's chosen template, then the track's
    default, then any template of the track. None: no certificate."""
    course = original_page(course).specific
    track = course_track(course)
    choice = getattr(course, "certificate_template", "") or ""
    if choice == TemplateChoice.NONE or track is None:
        return None
    for key in [choice, TRACK_DEFAULT_TEMPLATE.get(track, "")]:
        if key:
            template = CertificateTemplate.objects.filter(key=key, track=track).first()
            if template is not None:
                return template
    return CertificateTemplate.objects.filter(track=track).order_by("pk").first()


def _read(field_file) -> bytes | None:
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def template_print_parts(template: CertificateTemplate, language: str) -> dict:
    return {
        "background": _read(template.background),
        "logo": _read(template.logo),
        "signatories": [
            SignatoryPrint(name=s.name, title=s.title_in(language), signature=_read(s.signature))
            for s in template.signatories.all()
        ],
    }


def verify_url(certificate: Certificate) -> str:
    return openbadges.site_url(f"/verify/{certificate.code}")


def print_data_for(certificate: Certificate) -> PrintData:
    template = certificate.template
    return PrintData(
        holder_name=certificate.holder_name,
        course_title=certificate.course_title,
        hours=float(certificate.hours),
        completed_on=certificate.completed_on,
        issuer=template.issuer_in(certificate.language),
        serial=certificate.serial,
        display_code=certificate.display_code,
        verify_url=verify_url(certificate),
        language=certificate.language,
        expires_on=timezone.localdate(certificate.expires_at) if certificate.expires_at else None,
        session_place=certificate.session_place,
        **template_print_parts(template, certificate.language),
    )


def certificates_for_user(user) -> QuerySet:
    """The learner's current certificates (a replaced one is not listed)."""
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(user=user, is_current=True).select_related("course")


def certificate_for_download(*, user, certificate_uuid) -> Certificate | None:
    """The certificate if `user` may download it: its holder, or an MRC
    administrator who may see its track. Anyone else: None (a 404)."""
    certificate = Certificate.objects.filter(uuid=certificate_uuid).select_related("course").first()
    if certificate is None or not user.is_authenticated:
        return None
    if not can_see_track(user, certificate.track):
        return None
    if certificate.user_id == user.pk or user.has_perm("certificates.revoke_certificate"):
        return certificate
    return None


def certificate_by_code(text: str) -> tuple[str, Certificate | None]:
    """("malformed" | "unknown" | "found", certificate) for what was typed."""
    code = codes.normalise(text)
    if not codes.is_well_formed(code):
        return "malformed", None
    certificate = (
        Certificate.objects.filter(code=code).select_related("template", "replaced_by").first()
    )
    return ("found", certificate) if certificate else ("unknown", None)


def masked_name(name: str) -> str:
    """First name in full, the other names by their initial: "Ҷамшед Қ. Ғ."."""
    parts = name.split()
    if not parts:
        return ""
    rest = []
    for part in parts[1:]:
        letter = next((ch for ch in part if ch.isalpha()), "")
        if letter:
            rest.append(f"{letter}.")
    return " ".join([parts[0], *rest])


def replacement_of(certificate: Certificate) -> Certificate | None:
    return getattr(certificate, "replaced_by", None) if not certificate.is_current else None


def revoked_bits(number: int) -> list[int]:
    """The set bits of status list `number`: its revoked certificates."""
    low = number * openbadges.STATUS_LIST_BITS
    indices = Certificate.objects.filter(
        status=Certificate.Status.REVOKED,
        status_index__gte=low,
        status_index__lt=low + openbadges.STATUS_LIST_BITS,
    ).values_list("status_index", flat=True)
    return [index - low for index in indices]


def status_list_exists(number: int) -> bool:
    low = number * openbadges.STATUS_LIST_BITS
    return Certificate.objects.filter(
        status_index__gte=low, status_index__lt=low + openbadges.STATUS_LIST_BITS
    ).exists()


def cohort_certificates(cohort) -> QuerySet:
    member_ids = cohort.members.values_list("pk", flat=True)
    return Certificate.objects.filter(
        course=original_page(cohort.course), user_id__in=member_ids, is_current=True
    ).order_by("serial")


def cohort_zip(cohort) -> bytes:
    """One ZIP with the PDF of every current certificate of the cohort."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed
        for certificate in cohort_certificates(cohort):
            data = _read(certificate.pdf)
            if data:
                archive.writestr(f"{certificate.serial}.pdf", data)
    return out.getvalue()


def media_path_visible(user, path: str) -> bool | None:
    """Media gate: certificate files are never served from MEDIA_URL (issued
    PDFs go through the download view; template images only into PDFs)."""
    if path.startswith("certificates/"):
        return False
    return None


def certificates_export(user) -> list[dict]:
    """The learner's certificates for the account's JSON data export."""
    return [
        {
            "serial": c.serial,
            "verification_code": c.display_code,
            "name_as_printed": c.holder_name,
            "course": c.course_title,
            "hours": float(c.hours),
            "completed_on": c.completed_on.isoformat(),
            "issued_at": c.issued_at.isoformat(),
            "expires_at": c.expires_at.isoformat() if c.expires_at else None,
            "status": c.state,
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            "revocation_reason": c.revocation_reason,
            "verify_url": verify_url(c),
        }
        for c in Certificate.objects.filter(user=user).order_by("issued_at")
    ]


# The link text on "My courses" (courses/templates/courses/my_courses.html),
# translated in this app's catalog.
MY_COURSES_LINK = gettext_lazy("Certificate (PDF)")
