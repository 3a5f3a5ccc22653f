"""The consent text shown at sign-up, in the learner's language. A change of
wording needs a new CONSENT_VERSION, so that every record says what was agreed."""

from django.utils.translation import gettext as _

CONSENT_VERSION = "2026-11"


def consent_text() -> str:
    return _(
        "I agree that the Migrant Resource Centre of the Ministry of Labour, Migration "
        "and Employment of Population of the Republic of Tajikistan stores and uses the "
        "personal data I give here (name, gender, year of birth, region, intended "
        "destination, phone or e-mail) and my learning records, to run my courses, to "
        "issue and verify my certificates, and to report anonymous totals to the "
        "ministry and the project's donors. My data is not sold or given to employers "
        "or recruiters. I can download my data and delete my account at any time in "
        "my profile; certificates already issued then stay verifiable by their code."
    )
