import pytest

from certificates import codes


def test_a_code_has_80_random_bits_and_a_check_character():
    code = codes.new_code()
    assert len(code) == 17
    assert all(ch in codes.ALPHABET for ch in code)
    assert codes.is_well_formed(code)
    assert len(codes.ALPHABET) ** codes.DATA_LENGTH == 2**80
    assert len({codes.new_code() for _ in range(2000)}) == 2000


def test_grouped_form_reads_back():
    code = codes.new_code()
    shown = codes.format_code(code)
    assert shown.count("-") == 4 and len(shown) == 21
    assert codes.normalise(shown.lower()) == code
    assert codes.normalise(" ".join(shown.split("-"))) == code


def test_every_single_typo_is_caught():
    code = codes.new_code()
    for position in range(len(code)):
        for replacement in codes.ALPHABET:
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            assert not codes.is_well_formed(typo), typo


def test_swapping_neighbours_is_caught():
    caught = total = 0
    for _ in range(200):
        code = codes.new_code()
        for i in range(len(code) - 1):
            if code[i] == code[i + 1]:
                continue
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            total += 1
            caught += not codes.is_well_formed(swapped)
    assert caught / total > 0.96  # Luhn mod N misses only one pair per alphabet


def test_look_alike_letters_are_forgiven():
    data = "0123456789ABCDEF"
    code = data + codes.check_character(data)
    typed = code.replace("0", "O").replace("1", "l")
    assert codes.normalise(typed) == code


@pytest.mark.parametrize("text", ["", "abc", "7KQ2-MX9D", "U" * 17, "!" * 17, "0" * 40])
def test_malformed_codes_are_refused(text):
    assert not codes.is_well_formed(codes.normalise(text))
