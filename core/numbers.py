"""Numbers as the reader writes them in the active language."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats


def format_number(number: Decimal) -> str:
    """The language's decimal mark and grouping, no trailing zeros (the stored
    112.0000 reads 112, 2.5000 reads 2,5 in tg/ru/uz), no exponent (1E+2 reads
    100) and no minus sign on zero. Used by the quiz review and the certificate
    PDF alike."""
    number = number.normalize() if number else Decimal(0)  # -0.0000 reads 0
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, use_l10n=True)
