"""Ticket codes: digits only, unique across the fleet, with a check digit.

Digits are easy to type on a number pad and to read aloud. The code is the kiosk number (3 digits),
the kiosk's own sequence number (5 digits, more as needed) and a Damm check digit, which catches
every single wrong digit and every swap of two neighbouring digits (Damm 2004), so a typo at the
look-up screen says "please check the number" rather than "not found".

Two ranges of sequence numbers, so a new SD card never prints a code the old card printed:

- Ordinary: 1 up to 9,999,999, counted above the floor the centre's heartbeat answer gives (the
  highest ordinary sequence it holds for the kiosk). Codes of 9 to 11 digits.
- Provisional: the 8-digit sequences 10,000,000 to 99,999,999 (12-digit codes, the longest the
  look-up pad takes). A store that has never heard its floor (a fresh card, perhaps offline for
  days) counts up from a random place in this range; once the floor is known it counts ordinarily
  again. The centre leaves provisional codes out of the floor, so ordinary codes stay short. Two
  fresh cards of one kiosk collide only if their random blocks overlap: with 100 provisional
  tickets each, about one chance in 450,000; the centre would refuse the second (409), and staff
  would see it as a rejected item.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from enum import Enum

# The totally anti-symmetric quasigroup of order 10 from H. Michael Damm's thesis.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
KIOSK_DIGITS = 3
MIN_SEQUENCE_DIGITS = 5
ORDINARY_SEQUENCE_DIGITS = 7
PROVISIONAL_FIRST = 10_000_000  # the first provisional sequence: 10**ORDINARY_SEQUENCE_DIGITS
PROVISIONAL_END = 100_000_000  # past the last one
PROVISIONAL_ROOM = 1_000_000  # a fresh card's block is placed so that it has this many codes
LONGEST_ORDINARY_CODE = KIOSK_DIGITS + ORDINARY_SEQUENCE_DIGITS + 1
LONGEST_CODE = LONGEST_ORDINARY_CODE + 1  # a provisional code
_DIGITS = re.compile(r"[0-9]+")


def damm_digit(digits: str) -> int:
    """The check digit that makes `digits` + it pass `is_valid`."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def is_valid(code: str) -> bool:
    """True when `code` is all digits and its check digit matches."""
    return bool(_DIGITS.fullmatch(code)) and damm_digit(code) == 0


def make_code(kiosk_number: int, sequence: int) -> str:
    """The code for the `sequence`-th ticket of kiosk `kiosk_number` (both from 1)."""
    if not 1 <= kiosk_number < 10**KIOSK_DIGITS:
        raise ValueError(f"kiosk number must be 1 to {10**KIOSK_DIGITS - 1}, got {kiosk_number}")
    if sequence < 1:
        raise ValueError(f"sequence must be at least 1, got {sequence}")
    body = f"{kiosk_number:0{KIOSK_DIGITS}d}{sequence:0{MIN_SEQUENCE_DIGITS}d}"
    return body + str(damm_digit(body))


def is_provisional(sequence: int) -> bool:
    """True for a sequence from the provisional range (see the module docstring)."""
    return PROVISIONAL_FIRST <= sequence < PROVISIONAL_END


def provisional_block(randbelow: Callable[[int], int] = secrets.randbelow) -> int:
    """The first sequence of a fresh card's provisional block: a random place, with room after."""
    return PROVISIONAL_FIRST + randbelow(PROVISIONAL_END - PROVISIONAL_ROOM - PROVISIONAL_FIRST + 1)


def kiosk_of(code: str) -> int:
    """Which kiosk issued a valid code (for routing a look-up to the local copy or the centre)."""
    if not is_valid(code):
        raise ValueError(f"not a valid ticket code: {code!r}")
    return int(code[:KIOSK_DIGITS])


def spoken_groups(code: str) -> list[str]:
    """The code in groups of 3 or 4 digits, for the screen and for reading aloud digit by digit."""
    groups = []
    rest = code
    while len(rest) > 4:
        groups.append(rest[:3])
        rest = rest[3:]
    groups.append(rest)
    return groups


CODE_LENGTH = KIOSK_DIGITS + MIN_SEQUENCE_DIGITS + 1  # the shortest code there is


class CodeCheck(Enum):
    """What the look-up screen says about a typed code before asking anyone."""

    OK = "ok"
    EMPTY = "empty"
    TOO_SHORT = "too_short"  # keep typing
    MISTYPED = "mistyped"  # the check digit caught a typo: "please check the number"


def typed_code(text: str) -> str:
    """The digits as typed, without the spaces and dashes of the printed groups."""
    return "".join(ch for ch in text if ch not in " -\u3000\u00a0")


def check_typed(text: str) -> CodeCheck:
    """Judge a code typed at the look-up screen (see `typed_code`), without any look-up."""
    code = typed_code(text)
    if not code:
        return CodeCheck.EMPTY
    if not _DIGITS.fullmatch(code):
        return CodeCheck.MISTYPED
    if len(code) < CODE_LENGTH:
        return CodeCheck.TOO_SHORT
    return CodeCheck.OK if is_valid(code) else CodeCheck.MISTYPED


def display_code(code: str) -> str:
    """The code in its groups for screens and paper. The groups are joined by no-break spaces:
    a common separator between digits keeps them one left-to-right number inside Uyghur text
    (Unicode bidi rule W4), where plain spaces would put the groups in right-to-left order."""
    return "\u00a0".join(spoken_groups(code))
