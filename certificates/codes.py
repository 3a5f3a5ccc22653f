"""Verification codes: 80 random bits as 16 Crockford base-32 characters plus
one check character (Luhn mod 32), shown grouped: ``7KQ2-MX9D-4HTR-0BWF-C``.

Crockford's alphabet leaves out I, L, O and U; a reader who types O for 0 or
I/L for 1 is forgiven. The check character catches any single mistyped
character and any swap of two neighbouring characters."""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_LENGTH = 16  # 16 × 5 bits = 80 bits of randomness
CODE_LENGTH = DATA_LENGTH + 1
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_FORGIVEN = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(data: str) -> str:
    """Luhn mod N (N = 32) over `data`."""
    factor, total, n = 2, 0, len(ALPHABET)
    for char in reversed(data):
        addend = factor * _VALUE[char]
        addend = addend // n + addend % n
        total += addend
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_code() -> str:
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
    return data + check_character(data)


def normalise(text: str) -> str:
    """Upper-case, without spaces or hyphens, with look-alike letters mapped."""
    return "".join(ch for ch in str(text).upper() if ch not in " -\t\n").translate(_FORGIVEN)


def is_well_formed(code: str) -> bool:
    """`code` (normalised) has the right length, alphabet and check character."""
    if len(code) != CODE_LENGTH or any(ch not in _VALUE for ch in code):
        return False
    return check_character(code[:-1]) == code[-1]


def format_code(code: str) -> str:
    groups = [code[i : i + 4] for i in range(0, DATA_LENGTH, 4)]
    return "-".join(groups + [code[DATA_LENGTH:]])
