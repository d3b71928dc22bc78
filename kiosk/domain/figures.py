"""The Echo Wall's figures: one set of counting rules for the centre and every kiosk.

Anchored on the 12345 hotline's rates. Tickets are counted in the month they were reported
(community time), as one cohort, so every rate stays between 0 and 1 and a month's figures only
improve as its tickets are answered:

- received: reported that month;
- responded: the first staff action came within the category's response time (only the centre
  knows staff actions; a kiosk's copy of the feed leaves it None);
- solved: closed now (a ticket re-opened by a resident's "not satisfied" is not solved);
- solved on time: closed no later than its promised deadline (定时);
- rated: has a resident's rating; satisfied: the latest rating is "satisfied" ("so-so" is not
  counted as satisfied: the wall reports the strict figure).

The centre and the kiosk both build `TicketFacts` and call `tally`, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.domain.rating import Rating

SATISFIED = frozenset({Rating.SATISFIED})
DEFAULT_RESPONSE_HOURS = 24  # a category without its own response time: one day


@dataclass(frozen=True)
class TicketFacts:
    """What the rules need to know about one ticket; instants carry a time zone."""

    requested: datetime
    expected: datetime | None = None
    closed: datetime | None = None  # when it was (last) closed; None unless closed now
    rating: Rating | None = None  # the latest rating
    responded_in_time: bool | None = None  # None: not known here
    category: str = ""


def _rate(part: int | None, whole: int) -> float | None:
    return None if part is None or whole == 0 else part / whole


@dataclass(frozen=True)
class MonthFigures:
    """One month's counts; the rates are None where there is nothing to divide by."""

    month: date  # its first day
    received: int
    solved: int
    solved_on_time: int
    rated: int
    satisfied: int
    responded: int | None = None  # None on a kiosk: it does not see staff actions

    @property
    def response_rate(self) -> float | None:
        return _rate(self.responded, self.received)

    @property
    def solve_rate(self) -> float | None:
        return _rate(self.solved, self.received)

    @property
    def on_time_rate(self) -> float | None:
        """Solved on time, out of solved."""
        return _rate(self.solved_on_time, self.solved)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.rated)


def combined(months: Sequence[MonthFigures]) -> MonthFigures:
    """Several months as one period ("the last twelve months"), dated by its first month."""
    if not months:
        raise ValueError("no months to combine")
    responded = [m.responded for m in months]
    return MonthFigures(
        month=months[0].month,
        received=sum(m.received for m in months),
        solved=sum(m.solved for m in months),
        solved_on_time=sum(m.solved_on_time for m in months),
        rated=sum(m.rated for m in months),
        satisfied=sum(m.satisfied for m in months),
        responded=None if None in responded else sum(r for r in responded if r is not None),
    )


def responded_in_time(
    received: datetime, first_response: datetime | None, response_hours: int
) -> bool:
    """The first staff action came within `response_hours` of the centre receiving the ticket."""
    return first_response is not None and first_response - received <= timedelta(
        hours=response_hours
    )


def solved_on_time(closed: datetime | None, expected: datetime | None) -> bool:
    return closed is not None and expected is not None and closed <= expected


def first_day(when: date) -> date:
    return when.replace(day=1)


def month_starts(now: datetime, months: int) -> list[date]:
    """The first days of the last `months` months in `now`'s time zone, oldest first."""
    if now.utcoffset() is None:
        raise ValueError(f"now must carry the community's time zone, got {now!r}")
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    year, month = now.year, now.month
    found = []
    for _ in range(months):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


def tally(
    facts: Iterable[TicketFacts], *, now: datetime, months: int, responses: bool = False
) -> list[MonthFigures]:
    """Figures for each of the last `months` months (oldest first, the current month last);
    tickets reported outside them are left out. Months are taken in `now`'s time zone.
    `responses`: the facts know about staff actions (the centre), so `responded` is counted."""
    starts = month_starts(now, months)
    zone = now.tzinfo
    counts = {m: [0, 0, 0, 0, 0, 0] for m in starts}
    for fact in facts:
        row = counts.get(first_day(fact.requested.astimezone(zone).date()))
        if row is None:
            continue
        row[0] += 1
        if fact.closed is not None:
            row[1] += 1
            row[2] += solved_on_time(fact.closed, fact.expected)
        if fact.rating is not None:
            row[3] += 1
            row[4] += fact.rating in SATISFIED
        row[5] += bool(fact.responded_in_time)
    return [
        MonthFigures(
            month=m,
            received=r[0],
            solved=r[1],
            solved_on_time=r[2],
            rated=r[3],
            satisfied=r[4],
            responded=r[5] if responses else None,
        )
        for m, r in counts.items()
    ]


def tally_by_category(
    facts: Iterable[TicketFacts], *, now: datetime, months: int, responses: bool = False
) -> dict[str, list[MonthFigures]]:
    """`tally` for each category that has a ticket in the period, by category code."""
    grouped: dict[str, list[TicketFacts]] = {}
    for fact in facts:
        grouped.setdefault(fact.category, []).append(fact)
    return {
        code: tally(group, now=now, months=months, responses=responses)
        for code, group in sorted(grouped.items())
    }
