"""Errors the blended services raise on purpose; each has an HTTP status and a
message the pages show as it is (translated)."""

from django.utils.translation import gettext_lazy as _


class BlendedError(Exception):
    status = 400
    code = "invalid"
    default_message = _("This request cannot be done.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class NotFound(BlendedError):
    """Not there, or not the trainer's own (answered exactly like missing)."""

    status = 404
    code = "not_found"
    default_message = _("There is no such session.")


class NotCertified(BlendedError):
    status = 403
    code = "not_certified"
    default_message = _(
        "You need a valid trainer certificate to run sessions: yours is missing, "
        "expired or revoked."
    )


class NotYourSession(BlendedError):
    status = 403
    code = "not_your_session"
    default_message = _("This session is run by another trainer.")


class SessionCancelled(BlendedError):
    status = 409
    code = "cancelled"
    default_message = _("This session was cancelled.")


class WrongDay(BlendedError):
    status = 409
    code = "wrong_day"
    default_message = _("Attendance can only be marked on the day of the session.")


class SessionFull(BlendedError):
    status = 409
    code = "full"
    default_message = _("This session is full.")


class AlreadyRegistered(BlendedError):
    status = 409
    code = "already_registered"
    default_message = _("This person is already registered for this session.")


class AlreadyMarked(BlendedError):
    status = 409
    code = "already_marked"
    default_message = _("You are already marked present in this session.")


class InvalidCode(BlendedError):
    status = 400
    code = "invalid_code"
    default_message = _(
        "This code is not valid: it was not made by Safar for this session. "
        "Scan the code on the trainer's phone again."
    )


class CodeOutsideSession(BlendedError):
    status = 410
    code = "outside_session"
    default_message = _(
        "This code can only be used during the session. Scan the code on the trainer's "
        "phone during the session."
    )


class SessionClosed(BlendedError):
    status = 409
    code = "closed"
    default_message = _("Registration for this session is closed.")


class InvalidSession(BlendedError):
    status = 400
    code = "invalid_session"
    default_message = _("The session's details are not valid.")
