"""Phone numbers in E.164 form (+992931234567). Tajik numbers are the default:
a learner may type "93 123 45 67" or "0931234567"."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_REGION = "TJ"


def normalize_phone(raw: str, *, region: str = DEFAULT_REGION) -> str:
    text = (raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a phone number such as +992 93 123 45 67."), code="invalid_phone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number does not exist. Check the digits and the country code."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    stripped = (text or "").replace(" ", "").replace("-", "").replace("(", "").replace(")", "")
    return bool(stripped) and stripped.lstrip("+").isdigit() and len(stripped) >= 7
