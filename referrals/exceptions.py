"""What the referral services refuse; each is a clear message (400), never a 500."""

from django.utils.translation import gettext_lazy as _


class ReferralError(Exception):
    status = 400
    default = _("This cannot be done.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default))


class NoContact(ReferralError):
    default = _(
        "Sign in, or leave a phone number and agree to its use, so that a counsellor can "
        "answer you."
    )


class TooManyOpenCases(ReferralError):
    default = _(
        "You already have several requests waiting. A counsellor will contact you; you can "
        "ask again when one of them is closed."
    )


class CaseClosed(ReferralError):
    default = _("This case is closed: nothing more can be recorded on it.")


class UnknownOrganisation(ReferralError):
    default = _("Choose an organisation of the service directory.")
