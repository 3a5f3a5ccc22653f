"""Contacts of the directory: a phone is a real number in international form,
or a short hotline number (3 to 6 digits, e.g. 102, 1313)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.phone import normalize_phone

SHORT_NUMBER = re.compile(r"^\d{3,6}$")


def clean_directory_phone(raw: str) -> str:
    text = re.sub(r"[\s\-()]", "", raw or "")
    if not text:
        return ""
    if SHORT_NUMBER.match(text):
        return text
    if not re.fullmatch(r"\+?\d{7,15}", text):
        raise ValidationError(
            _("Enter a phone number such as +992 37 221 00 00, or a short hotline number."),
            code="invalid_phone",
        )
    return normalize_phone(text)
