"""Writes to referral cases: a migrant's request, a counsellor opening the case
(logged), counselling, referral, closing, and the anonymisation of a deleted
account's cases. Each step that changes the status sends the migrant an SMS in
their language (accounts.sms, after the transaction commits) and counselling
and referral are xAPI statements (referrals/statements.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.sms import send_sms

from . import statements
from .consent import CONSENT_VERSION, referral_consent_text
from .exceptions import CaseClosed, NoContact, TooManyOpenCases, UnknownOrganisation
from .models import Case, CaseAccess, CounsellingSession, Organisation, Referral
from .selectors import organisation_in_language, referable_organisations

# Requests not closed yet that one person may have at a time.
MAX_OPEN_CASES = 3


def _language(case: Case) -> str:
    if case.user_id is not None and case.user.preferred_language:
        return case.user.preferred_language
    return case.language or settings.LANGUAGE_CODE


def _phone(case: Case) -> str:
    if case.user_id is not None:
        return case.user.phone or ""
    return case.phone


def _sms_text(case: Case, step: str, referral: Referral | None = None) -> str:
    number = case.pk
    if step == Case.Status.NEW:
        return _(
            "Safar: we have your request for help, no. %(number)s. A counsellor of the "
            "Migrant Resource Centre will contact you."
        ) % {"number": number}
    if step == Case.Status.IN_PROGRESS:
        return _("Safar: a counsellor is working on your request no. %(number)s.") % {
            "number": number
        }
    if step == Case.Status.REFERRED:
        org = organisation_in_language(referral.organisation, translation.get_language())
        if referral.organisation.phone:
            return _(
                "Safar: for your request no. %(number)s, contact %(organisation)s, phone %(phone)s."
            ) % {"number": number, "organisation": org.name, "phone": referral.organisation.phone}
        return _("Safar: for your request no. %(number)s, contact %(organisation)s.") % {
            "number": number,
            "organisation": org.name,
        }
    return _(
        "Safar: your request no. %(number)s is closed. If you need more help, ask again "
        "or call the Migrant Resource Centre."
    ) % {"number": number}


def _notify(case: Case, step: str, referral: Referral | None = None) -> None:
    """The SMS of a step, in the migrant's language, once the step is committed.
    A migrant with no phone (an account with an e-mail only) sees the status in
    their account."""
    phone = _phone(case)
    if not phone:
        return
    with translation.override(_language(case)):
        text = _sms_text(case, step, referral)
    transaction.on_commit(lambda: send_sms(phone, text))


def _open_cases(*, user=None, phone: str = "") -> int:
    found = Case.objects.exclude(status=Case.Status.CLOSED)
    found = found.filter(user=user) if user is not None else found.filter(phone=phone)
    return found.count()


@transaction.atomic
def case_request(
    *,
    user=None,
    phone: str = "",
    consent_given: bool = False,
    topic: str,
    details: str = "",
    region: str,
    district: str = "",
    gender: str = "",
    language: str = "",
) -> Case:
    """A migrant asks for a referral: signed in (`user`), or anonymous with a
    phone (already normalised by the form) and consent. Neither is NoContact."""
    if user is not None and not user.is_authenticated:
        user = None
    if user is None and not (phone and consent_given):
        raise NoContact()
    if _open_cases(user=user, phone=phone) >= MAX_OPEN_CASES:
        raise TooManyOpenCases()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    case = Case(
        user=user,
        topic=topic,
        details=details.strip(),
        region=region,
        district=district.strip(),
        gender=gender,
        language=language,
    )
    if user is None:
        case.phone = phone
        with translation.override(language):
            case.consent_text = referral_consent_text()
        case.consent_version = CONSENT_VERSION
        case.consent_given_at = timezone.now()
    elif not gender:
        profile = getattr(user, "learner_profile", None)
        case.gender = getattr(profile, "gender", "") or ""
    case.full_clean()
    case.save()
    _notify(case, Case.Status.NEW)
    return case


def case_open(*, case: Case, user) -> CaseAccess:
    """A counsellor opened the case: who and when, every time."""
    return CaseAccess.objects.create(case=case, user=user)


def _locked(case: Case) -> Case:
    locked = Case.objects.select_for_update(of=("self",)).select_related("user").get(pk=case.pk)
    if locked.status == Case.Status.CLOSED:
        raise CaseClosed()
    return locked


@transaction.atomic
def counselling_record(
    *, case: Case, counsellor, mode: str, topic: str, notes: str = ""
) -> CounsellingSession:
    """A counselling session; a new case is in progress from now on."""
    case = _locked(case)
    session = CounsellingSession(
        case=case, counsellor=counsellor, mode=mode, topic=topic, notes=notes.strip()
    )
    session.full_clean()
    session.save()
    if case.status == Case.Status.NEW:
        case.status = Case.Status.IN_PROGRESS
        case.save(update_fields=["status", "updated_at"])
        _notify(case, Case.Status.IN_PROGRESS)
    statements.counselling_attended(session=session)
    return session


@transaction.atomic
def referral_make(*, case: Case, counsellor, organisation_id, note: str = "") -> Referral:
    """Refer the person to an organisation of the directory (its source row)."""
    case = _locked(case)
    try:
        organisation = referable_organisations().get(pk=int(organisation_id))
    except (Organisation.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise UnknownOrganisation() from exc
    referral = Referral.objects.create(
        case=case, organisation=organisation, counsellor=counsellor, note=note.strip()
    )
    case.status = Case.Status.REFERRED
    case.save(update_fields=["status", "updated_at"])
    _notify(case, Case.Status.REFERRED, referral)
    statements.referral_received(referral=referral)
    return referral


@transaction.atomic
def case_close(*, case: Case, closed_by) -> Case:
    """Close the case (once: closing a closed case is CaseClosed)."""
    case = _locked(case)
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.closed_by = closed_by
    case.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    _notify(case, Case.Status.CLOSED)
    return case


def cases_anonymise(user) -> int:
    """For accounts.services.account_delete: the person's cases lose what they
    wrote and any contact (the counsellors' notes about them too); topic,
    region, gender, status and dates stay, so the counts stay."""
    now = timezone.now()
    cases = Case.objects.filter(user=user)
    CounsellingSession.objects.filter(case__in=cases).update(notes="")
    Referral.objects.filter(case__in=cases).update(note="")
    return cases.update(
        details="",
        district="",
        phone="",
        consent_text="",
        anonymised_at=now,
    )
