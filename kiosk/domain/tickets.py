"""Echo Book tickets: what a resident reported, who answers it and by when (定人、定时).

A ticket never carries more personal data than needed: the phone number is kept for staff to call
back, but `masked_phone` is all a screen or a receipt may show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from kiosk.domain.content import Category
from kiosk.domain.text import Text


class TicketStatus(Enum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


@dataclass(frozen=True)
class Draft:
    """What the resident chose, before it is stored. `draft_id` makes a double submit harmless."""

    draft_id: str
    category: str
    phrases: tuple[int, ...] = ()  # indexes into the category's preset phrases
    free_text: str = ""
    place: str | None = None
    phone: str = ""
    lang: str = ""  # the language the resident used: the receipt's, the status link's, staff's


@dataclass(frozen=True)
class Ticket:
    code: str
    key: str  # the Idempotency-Key, for ever
    category: str
    responsible: Text
    created: datetime  # aware, community zone
    promised: date
    phrases: tuple[int, ...] = ()
    free_text: str = ""
    place: str | None = None
    phone: str = ""
    residents: int = 1  # residents who added their voice (不重: one ticket, many voices)
    status: TicketStatus = TicketStatus.OPEN
    answer: str = ""
    lang: str = ""  # the language the resident used at the kiosk ("" for tickets from before)
    secret: str = ""  # the status link's secret (kiosk.domain.ticket_secret); "" before issue 17


def promised_date(created: datetime, category: Category) -> date:
    """The fixed deadline: the category's number of days after the day it was reported."""
    return created.date() + timedelta(days=category.deadline_days)


def masked_phone(phone: str) -> str:
    """Only the last four digits, as on every screen and paper."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    shown = digits[-4:]
    return "*" * (len(digits) - len(shown)) + shown  # "•" is not in the kiosk font


def is_same_problem(ticket: Ticket, draft: Draft, *, now: datetime, deadline_days: int) -> bool:
    """不重: an open ticket at this kiosk for the same category and place, with a phrase in common,
    reported within the category's deadline, is the same problem; the resident joins it instead.

    Free text alone never matches: without a shared phrase we cannot tell two problems apart.
    """
    return (
        ticket.status is not TicketStatus.CLOSED
        and ticket.category == draft.category
        and ticket.place == draft.place
        and bool(set(ticket.phrases) & set(draft.phrases))
        and now - ticket.created <= timedelta(days=deadline_days)
    )
