"""Writes to accounts: registration, consent, staff verification, password reset
by SMS, data export and deletion. Views call these; nothing else writes."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .consent import CONSENT_VERSION, consent_text
from .exceptions import ResetCodeInvalid
from .models import ApiToken, ConsentRecord, LearnerProfile, PhoneResetCode, StaffProfile, User
from .sms import send_sms

MAX_CODE_ATTEMPTS = 5


def _unique_username(base: str) -> str:
    stem = "".join(ch for ch in base.lower() if ch.isalnum())[:20] or "learner"
    while True:
        candidate = f"{stem}-{secrets.token_hex(3)}"
        if not User.objects.filter(username=candidate).exists():
            return candidate


@transaction.atomic
def user_register(
    *,
    email: str = "",
    phone: str = "",
    password: str,
    full_name: str,
    gender: str,
    birth_year: int,
    region: str,
    district: str,
    destination: str,
    preferred_language: str,
    consent_given: bool,
    organisation: str = "",
    position: str = "",
) -> User:
    """Create a learner (or, with an organisation, an unverified staff member),
    with their profile and the consent they gave. Inputs are already validated
    by accounts.forms; the database constraints are the last word."""
    if not consent_given:
        raise ValueError("Registration requires consent to the processing of personal data.")
    is_staff_member = bool(organisation)
    user = User(
        username=_unique_username(email.split("@")[0] if email else phone.lstrip("+")),
        email=email,
        phone=phone or None,
        preferred_language=preferred_language,
        account_type=User.AccountType.STAFF if is_staff_member else User.AccountType.MIGRANT,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    LearnerProfile.objects.create(
        user=user,
        full_name=full_name.strip(),
        gender=gender,
        birth_year=birth_year,
        region=region,
        district=district.strip(),
        destination=destination,
    )
    consent_record(user=user)
    if is_staff_member:
        StaffProfile.objects.create(user=user, organisation=organisation, position=position)
    return user


def consent_record(*, user: User) -> ConsentRecord:
    record, _created = ConsentRecord.objects.get_or_create(
        user=user,
        version=CONSENT_VERSION,
        defaults={"language": get_language() or settings.LANGUAGE_CODE, "text": consent_text()},
    )
    return record


@transaction.atomic
def staff_verify(*, profile: StaffProfile, verified_by: User) -> StaffProfile:
    """An MRC administrator confirms that a staff member works where they say.
    Verifying twice keeps the first verification."""
    profile = StaffProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.verified_at is None:
        profile.verified_at = timezone.now()
        profile.verified_by = verified_by
        profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return profile


@transaction.atomic
def staff_unverify(*, profile: StaffProfile) -> StaffProfile:
    StaffProfile.objects.filter(pk=profile.pk).update(
        verified_at=None, verified_by=None, updated_at=timezone.now()
    )
    profile.refresh_from_db()
    return profile


def password_reset_sms_start(*, user: User) -> None:
    """Send a six-digit code to the user's phone; older codes stop working."""
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        PhoneResetCode.objects.filter(user=user, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        PhoneResetCode.objects.create(
            user=user,
            code_hash=make_password(code),
            expires_at=timezone.now() + timedelta(minutes=settings.SAFAR_SMS_CODE_MINUTES),
        )
    send_sms(
        user.phone,
        _("Safar: your code to reset the password is %(code)s. It works for %(minutes)d minutes.")
        % {"code": code, "minutes": settings.SAFAR_SMS_CODE_MINUTES},
    )


@transaction.atomic
def password_reset_sms_confirm(*, user: User, code: str, new_password: str) -> None:
    reset = (
        PhoneResetCode.objects.select_for_update()
        .filter(user=user, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if reset is None or reset.attempts >= MAX_CODE_ATTEMPTS:
        raise ResetCodeInvalid(_("This code has expired. Ask for a new one."))
    if not check_password(code.strip(), reset.code_hash):
        reset.attempts += 1
        reset.save(update_fields=["attempts"])
        raise ResetCodeInvalid(_("The code is not right. Check the SMS and try again."))
    reset.used_at = timezone.now()
    reset.save(update_fields=["used_at"])
    user.set_password(new_password)
    user.save(update_fields=["password"])


@transaction.atomic
def account_profile_update(*, user: User, preferred_language=None, profile: dict) -> None:
    """Change the preferred language and learner-profile fields (validated by
    the caller's form or serializer)."""
    if preferred_language:
        user.preferred_language = preferred_language
        user.save(update_fields=["preferred_language"])
    if profile:
        learner = LearnerProfile.objects.select_for_update().get(user=user)
        for name, value in profile.items():
            setattr(learner, name, value)
        learner.save()


def account_export_data(*, user: User) -> dict:
    """Everything Safar holds about the user, as one JSON-serialisable dict.
    Other apps add their part through `EXPORTERS`."""
    profile = getattr(user, "learner_profile", None)
    staff = getattr(user, "staff_profile", None)
    data = {
        "account": {
            "username": user.username,
            "email": user.email,
            "phone": user.phone,
            "account_type": user.account_type,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": None,
        "staff_profile": None,
        "consents": [
            {
                "version": c.version,
                "language": c.language,
                "text": c.text,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in user.consents.all()
        ],
    }
    if profile:
        data["profile"] = {
            "full_name": profile.full_name,
            "gender": profile.gender,
            "birth_year": profile.birth_year,
            "region": profile.region,
            "district": profile.district,
            "destination": profile.destination,
        }
    if staff:
        data["staff_profile"] = {
            "organisation": staff.organisation,
            "position": staff.position,
            "verified_at": staff.verified_at.isoformat() if staff.verified_at else None,
        }
    for name, exporter in EXPORTERS.items():
        data[name] = exporter(user)
    return data


# name -> function(user) -> JSON-serialisable data; apps register their part.
EXPORTERS: dict = {}

# name -> function(user) -> None, run by account_delete in its transaction
# before the account is erased: each app anonymises its own records of the
# person (accounts imports no other app, so they register here).
ANONYMISERS: dict = {}


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase the person, keep the records that others rely on.

    Name, contacts, profile and password are removed and the account can no
    longer sign in. The account row stays, renamed, so that records pointing at
    it (progress totals for reports; issued certificates, which keep the holder's
    name as printed so they stay verifiable by their code) remain consistent.
    Consent records are withdrawn, not deleted: they show the processing was lawful.
    Other apps anonymise their part through `ANONYMISERS`.
    """
    now = timezone.now()
    for anonymise in ANONYMISERS.values():
        anonymise(user)
    LearnerProfile.objects.filter(user=user).delete()
    StaffProfile.objects.filter(user=user).update(organisation="", position="")
    PhoneResetCode.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    user.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.phone = None
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
