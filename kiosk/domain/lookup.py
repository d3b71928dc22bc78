"""Checking a ticket (查询回音): what a resident may see of it.

An `Answer` carries no name and no phone number: it is shown on a public screen and read aloud.
(The typed code is judged first by `kiosk.domain.ticket_code.check_typed`.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.domain.text import Text
from kiosk.domain.tickets import TicketStatus


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
    answers: Mapping[str, str] = field(default_factory=dict)  # {lang: answer}; see answer_language
    summaries: Mapping[str, str] = field(default_factory=dict)  # {lang: the wall's summary}

    @property
    def on_time(self) -> bool | None:
        """None while open or without a promised date."""
        if self.solved is None or self.promised is None or self.status is not TicketStatus.CLOSED:
            return None
        return self.solved.date() <= self.promised


class CentreUnreachableError(Exception):
    """The centre could not be asked now (offline, refused, garbled): try again later."""
