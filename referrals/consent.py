"""The consent a migrant gives when asking for a referral without an account.
The exact text shown is stored on the case (a change of wording needs a new
CONSENT_VERSION, so that every case says what was agreed)."""

from django.utils.translation import gettext as _

CONSENT_VERSION = "2026-12"


def referral_consent_text() -> str:
    return _(
        "I agree that the Migrant Resource Centre stores my phone number and what I wrote "
        "here, to contact me by phone and SMS about my request and to refer me to an "
        "organisation that can help. Counsellors of the centre see my request; every time "
        "one opens it, this is recorded. My number is not given to employers or recruiters, "
        "and reports show only totals."
    )
