"""Whether the Red Post rest station is open, and when that changes, from its weekly hours.

Times are compared on the wall clock of the moment given, which callers take in the community zone
(`datetime.now(tz)`). A span whose closing time is not after its opening time runs past midnight
into the next day (close 00:00 means midnight); equal times mean open round the clock. A span
belongs to the weekday it opens on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from kiosk.domain.content import OpeningHours

HORIZON = timedelta(days=8)
"""How far ahead `next_change` looks: a week plus a day covers every weekly pattern."""

Span = tuple[datetime, datetime]


def is_open(hours: Iterable[OpeningHours], at: datetime) -> bool:
    """Whether the station is open at `at` (opening time included, closing time excluded)."""
    wall = at.replace(tzinfo=None)
    return any(opens <= wall < closes for opens, closes in _spans(hours, wall.date()))


def next_change(hours: Iterable[OpeningHours], at: datetime) -> datetime | None:
    """When the station next opens (if closed) or closes (if open), or None if not within 8 days.

    Back-to-back spans (Monday to 24:00, Tuesday from 00:00) count as one, so a midnight that
    changes nothing is not reported. The result carries `at`'s tzinfo.
    """
    wall = at.replace(tzinfo=None)
    change: datetime | None = None
    for opens, closes in _spans(hours, wall.date()):
        if opens <= wall < closes:
            change = closes
            break
        if opens > wall:
            change = opens
            break
    if change is None or change - wall > HORIZON:
        return None
    return change.replace(tzinfo=at.tzinfo)


def hours_summary_rows(hours: Iterable[OpeningHours]) -> list[tuple[frozenset[int], time, time]]:
    """Rows for an opening-hours table: weekdays with identical hours grouped, Monday's group first.

    Staff may write one entry per day or overlapping entries; residents should read "Mon-Fri
    08:30-20:00" once. A day with a lunch break gives two rows with the same days. Closed days are
    in no row.
    """
    per_day: dict[int, tuple[tuple[time, time], ...]] = {}
    entries = list(hours)
    for weekday in range(7):
        day_spans = sorted({(h.open, h.close) for h in entries if weekday in h.days})
        if day_spans:
            per_day[weekday] = tuple(day_spans)
    groups: dict[tuple[tuple[time, time], ...], set[int]] = {}
    for weekday, spans in per_day.items():
        groups.setdefault(spans, set()).add(weekday)
    return [
        (frozenset(days), opens, closes)
        for spans, days in groups.items()
        for opens, closes in spans
    ]


def day_runs(days: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive weekdays as (first, last) runs, for labels like "Mon-Fri, Sun": {0..4, 6}.

    Two days side by side are a list, not a range: "Sat, Sun" (周六、周日), never "Sat-Sun"
    (copy review 2026-12-05, messages.py:148), so only three or more make a run.
    """
    runs: list[tuple[int, int]] = []
    for weekday in sorted(set(days)):
        if runs and runs[-1][1] == weekday - 1:
            runs[-1] = (runs[-1][0], weekday)
        else:
            runs.append((weekday, weekday))
    named: list[tuple[int, int]] = []
    for first, last in runs:
        named += [(first, first), (last, last)] if last == first + 1 else [(first, last)]
    return named


def _spans(hours: Iterable[OpeningHours], around: date) -> list[Span]:
    """Opening spans of the day before `around` through 8 days after, sorted and merged."""
    entries = list(hours)
    spans: list[Span] = []
    for offset in range(-1, HORIZON.days + 1):
        day = around + timedelta(days=offset)
        for entry in entries:
            if day.weekday() in entry.days:
                opens = datetime.combine(day, entry.open)
                closes = datetime.combine(day, entry.close)
                if closes <= opens:
                    closes += timedelta(days=1)
                spans.append((opens, closes))
    spans.sort()
    merged: list[Span] = []
    for opens, closes in spans:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged
