"""Errors the certificates services raise on purpose; each maps to one HTTP
status in the views."""

from django.utils.translation import gettext_lazy as _


class CertificatesError(Exception):
    status = 400
    default_message = _("This request cannot be done.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default_message))


class CertificateNotFound(CertificatesError):
    status = 404
    default_message = _("There is no such certificate.")


class NotAllowed(CertificatesError):
    status = 403
    default_message = _("Only MRC administrators may revoke or re-issue certificates.")


class ReasonRequired(CertificatesError):
    default_message = _("Give the reason: it is kept in the audit trail.")


class AlreadyRevoked(CertificatesError):
    status = 409
    default_message = _("This certificate is already revoked.")


class NoTemplate(CertificatesError):
    status = 409
    default_message = _("There is no certificate template for this course's track.")


class InvalidName(CertificatesError):
    default_message = _("The name to print must have between 2 and 150 characters.")
