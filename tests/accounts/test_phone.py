import pytest
from django.core.exceptions import ValidationError

from accounts.phone import normalize_phone


@pytest.mark.parametrize(
    "raw",
    ["+992 93 123 45 67", "93 123 45 67", "931234567", "00992931234567", "+992-93-123-4567"],
)
def test_tajik_numbers_are_normalised_to_e164(raw):
    assert normalize_phone(raw) == "+992931234567"


def test_foreign_numbers_keep_their_country():
    assert normalize_phone("+7 916 123-45-67") == "+79161234567"


@pytest.mark.parametrize("raw", ["", "hello", "12", "+992 12 345", "0935551234"])
def test_invalid_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)
