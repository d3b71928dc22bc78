from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.ticket_code import damm_digit, is_valid, kiosk_of, make_code, spoken_groups


def test_codes_carry_kiosk_number_sequence_and_a_valid_check_digit():
    code = make_code(1, 42)
    assert code.startswith("00100042")
    assert len(code) == 9
    assert is_valid(code)
    assert kiosk_of(code) == 1


def test_codes_differ_across_kiosks_and_sequences():
    codes = {make_code(k, s) for k, s in itertools.product(range(1, 30), range(1, 200))}
    assert len(codes) == 29 * 199


@given(st.integers(1, 999), st.integers(1, 10**7))
def test_every_single_digit_error_is_caught(kiosk: int, seq: int):
    code = make_code(kiosk, seq)
    for i, ch in enumerate(code):
        for wrong in "0123456789":
            if wrong != ch:
                assert not is_valid(code[:i] + wrong + code[i + 1 :])


@given(st.integers(1, 999), st.integers(1, 10**7))
def test_every_swap_of_neighbouring_digits_is_caught(kiosk: int, seq: int):
    code = make_code(kiosk, seq)
    for i in range(len(code) - 1):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            assert not is_valid(swapped)


def test_exhaustively_over_all_four_digit_bodies_single_errors_and_swaps_are_caught():
    for n in range(10_000):
        body = f"{n:04d}"
        code = body + str(damm_digit(body))
        for i in range(5):
            for wrong in "0123456789":
                if wrong != code[i]:
                    assert not is_valid(code[:i] + wrong + code[i + 1 :])
        for i in range(4):
            if code[i] != code[i + 1]:
                assert not is_valid(code[:i] + code[i + 1] + code[i] + code[i + 2 :])


@pytest.mark.parametrize("bad", ["", "12a4", "0010004", " 001000421"])
def test_non_digit_or_wrong_codes_are_invalid(bad: str):
    assert not is_valid(bad)


def test_invalid_arguments_are_refused():
    with pytest.raises(ValueError, match="kiosk number"):
        make_code(1000, 1)
    with pytest.raises(ValueError, match="sequence"):
        make_code(1, 0)


def test_codes_are_grouped_for_reading_aloud():
    assert spoken_groups("001000421") == ["001", "000", "421"]
    assert "".join(spoken_groups("0010004215")) == "0010004215"


def test_a_typed_code_is_judged_before_any_look_up():
    from kiosk.domain.ticket_code import CodeCheck, check_typed, typed_code

    code = make_code(2, 14)
    assert check_typed(code) is CodeCheck.OK
    assert check_typed(" ".join(spoken_groups(code))) is CodeCheck.OK
    assert typed_code(" ".join(spoken_groups(code))) == code
    last = str((int(code[-1]) + 1) % 10)
    assert check_typed(code[:-1] + last) is CodeCheck.MISTYPED  # one digit wrong
    assert code[6:8] == "14"
    assert check_typed(code[:6] + "41" + code[8:]) is CodeCheck.MISTYPED  # a swap
    assert check_typed(code[:5]) is CodeCheck.TOO_SHORT
    assert check_typed("  ") is CodeCheck.EMPTY
    assert check_typed("00a0000014") is CodeCheck.MISTYPED
