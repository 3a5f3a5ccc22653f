"""A password longer than MAX_PASSWORD_BYTES (UTF-8) is refused before it is
hashed, in every form that takes one: sign-in (accounts/backends.py covers the
learner's and both admins'), sign-up, password reset and change (the validator
below is in AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PASSWORD_BYTES = 4096


def password_too_long(password: str) -> bool:
    return len(str(password).encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES


def validate_password_size(password: str) -> None:
    if password_too_long(password):
        raise ValidationError(
            _("This password is too long: at most %(max)d bytes.") % {"max": MAX_PASSWORD_BYTES},
            code="password_too_long",
        )


class MaximumSizeValidator:
    """For AUTH_PASSWORD_VALIDATORS: listed first, so no other validator (nor
    the hasher) ever sees an oversized password."""

    def validate(self, password, user=None):
        validate_password_size(password)

    def get_help_text(self):
        return _("Your password can be at most %(max)d bytes long.") % {"max": MAX_PASSWORD_BYTES}
