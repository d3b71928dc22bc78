"""The staff PIN is stored only as a salted PBKDF2 hash."""

from __future__ import annotations

import re

import pytest

from kiosk.config.pin import hash_pin, parse_pin_hash, verify_pin


def test_hash_round_trip_accepts_the_pin() -> None:
    hashed = hash_pin("2468", iterations=10_000)
    assert verify_pin("2468", hashed)


def test_wrong_pin_is_refused() -> None:
    hashed = hash_pin("2468", iterations=10_000)
    assert not verify_pin("2469", hashed)
    assert not verify_pin("", hashed)


def test_hash_format_is_scheme_iterations_salt_hash_without_padding() -> None:
    hashed = hash_pin("2468", salt=b"fixed-salt", iterations=10_000)
    assert re.fullmatch(r"pbkdf2_sha256\$10000\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}", hashed)
    assert hashed == hash_pin("2468", salt=b"fixed-salt", iterations=10_000)
    assert parse_pin_hash(hashed)[:2] == (10_000, b"fixed-salt")


def test_each_hash_gets_its_own_salt() -> None:
    assert hash_pin("2468", iterations=10_000) != hash_pin("2468", iterations=10_000)


@pytest.mark.parametrize(
    "damaged",
    ["", "2468", "md5$1$a$b", "pbkdf2_sha256$abc$c2FsdA$aGFzaA",
     "pbkdf2_sha256$99999999999$c2FsdA$" + "A" * 43, "pbkdf2_sha256$10000$c2FsdA$short"],
)  # fmt: skip
def test_damaged_hash_never_matches_and_never_raises(damaged: str) -> None:
    assert not verify_pin("2468", damaged)


@pytest.mark.parametrize("pin", ["", "12", "abcd", "1234567890123", "١٢٣٤"])
def test_pin_must_be_4_to_12_plain_digits(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 12 digits"):
        hash_pin(pin)
