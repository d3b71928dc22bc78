"""Checking a ticket (查询回音): is a typed code plausible, and what a resident may see of it.

The check digit is tested before anything is looked up, so a typo says "please check the
number", never "not found". An `Answer` carries no name and no phone number: it is shown on a
public screen and read aloud.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from kiosk.domain.text import Text
from kiosk.domain.ticket_code import KIOSK_DIGITS, MIN_SEQUENCE_DIGITS, is_valid
from kiosk.domain.tickets import TicketStatus

CODE_DIGITS = KIOSK_DIGITS + MIN_SEQUENCE_DIGITS + 1  # the shortest code there is


class Check(Enum):
    SHORT = "short"  # fewer digits than any code has: keep typing
    MISTYPED = "mistyped"  # the check digit does not match: a typo, not an unknown ticket
    PLAUSIBLE = "plausible"


def check_code(code: str) -> Check:
    if len(code) < CODE_DIGITS:
        return Check.SHORT
    return Check.PLAUSIBLE if is_valid(code) else Check.MISTYPED


@dataclass(frozen=True)
class Answer:
    """What the look-up screen shows: never a name or a phone number."""

    code: str
    status: TicketStatus
    category: str  # the service code, for its pictogram and name in the config
    responsible: Text
    promised: date | None
    answer: str
    received: datetime
    solved: datetime | None = None
    residents: int = 1
    category_name: str = ""  # the centre's name, for a category this config does not have
    summary: str = ""  # what was reported (the preset phrases), as the centre's feed has it

    @property
    def on_time(self) -> bool | None:
        """None while open or without a promised date."""
        if self.solved is None or self.promised is None or self.status is not TicketStatus.CLOSED:
            return None
        return self.solved.date() <= self.promised
