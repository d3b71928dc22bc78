"""The activity schedule: recurring events expanded into dated occurrences for the screens.

Events are stored in community wall-clock time (naive datetimes) and expanded in wall-clock time, so
a 10:00 dance class stays at 10:00 on both sides of a DST change (Asia/Shanghai has none, but the
kiosk should not depend on that). Occurrences are handed out timezone-aware in the community zone.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from kiosk.domain.content import Event

State = Literal["past", "now", "next", "later"]

MAX_OCCURRENCES_PER_EVENT = 10_000
"""A rule is followed for at most this many occurrences into a window (hourly: 416 days).

This is the guard against runaway rules: expansion runs on every screen refresh on a Raspberry Pi.
A rule without COUNT starts near the window (`_fast_forward`), not at its first date, so a weekly
class entered five years ago costs what a new one does.
"""

_UNTIL = re.compile(r"UNTIL=([^;]*)", re.IGNORECASE)
_UNTIL_VALUE = re.compile(r"(\d{8})(T\d{6})?(Z)?", re.IGNORECASE)
_TOO_FREQUENT = re.compile(r"FREQ=(SECONDLY|MINUTELY)\b", re.IGNORECASE)
_FREQ = re.compile(r"FREQ=(HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)\b", re.IGNORECASE)
_INTERVAL = re.compile(r"INTERVAL=(\d+)", re.IGNORECASE)
_FIXED_PERIOD = {
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of an event; `starts`/`ends` are aware, in the community zone."""

    event: Event
    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class Day:
    """One local calendar day of the schedule; `occurrences` overlap the day, earliest first."""

    date: date
    occurrences: tuple[Occurrence, ...]


def check_rrule(rrule_text: str, *, starts: datetime) -> str | None:
    """Why `rrule_text` cannot be used for an event starting at `starts`, or None if it can.

    For the config loader and the calendar import, so a bad rule is reported at load time with its
    line instead of failing on the schedule screen.
    """
    if _TOO_FREQUENT.search(rrule_text):
        return "repeats more often than hourly, which a schedule cannot show"
    try:
        _parse_rule(rrule_text, _naive_local(starts, ZoneInfo("UTC")), ZoneInfo("UTC"))
    except ValueError as exc:
        return str(exc)
    return None


def occurrences(
    events: Iterable[Event], *, tz: ZoneInfo, start: datetime, end: datetime
) -> list[Occurrence]:
    """Every occurrence overlapping [start, end), sorted by start, then room, then event id.

    An occurrence that began before `start` and is still running is included; an exdate removes
    every occurrence starting on that local date. Raises ValueError for naive bounds or a bad rule
    (the loader checks rules with `check_rrule` first).
    """
    lo = _aware_to_local(start, tz, "start")
    hi = _aware_to_local(end, tz, "end")
    found = [occ for event in events for occ in _expand(event, tz, lo, hi)]
    found.sort(key=lambda occ: (occ.starts, occ.event.room, occ.event.id))
    return found


def upcoming_days(
    events: Iterable[Event], *, tz: ZoneInfo, now: datetime, days: int = 8
) -> list[Day]:
    """Today (local) and the following days, `days` in all, each listed even when empty.

    An occurrence running past midnight appears on both days; today's finished occurrences stay in,
    for the screen to show dimmed (see `state_at`).
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    today = now.astimezone(tz).date()
    if not isinstance(events, tuple):
        return _days(events, tz, today, days)
    with _RECENT_LOCK:
        for kept, key, found in _RECENT:
            if kept is events and key == (tz, today, days):
                return list(found)
    found = _days(events, tz, today, days)
    with _RECENT_LOCK:
        _RECENT.insert(0, (events, (tz, today, days), found))
        del _RECENT[_RECENT_SIZE:]
    return list(found)


# The last few answers of upcoming_days for a config's events (a tuple: it cannot change under
# us). The activities and attract screens ask on every opening and page turn; the answer changes
# only with the day or the config, and 1,000 weekly events take ~0.1 s to expand (issue 18).
_RECENT: list[tuple[tuple[Event, ...], tuple[ZoneInfo, date, int], list[Day]]] = []
_RECENT_SIZE = 4
_RECENT_LOCK = threading.Lock()


def _days(events: Iterable[Event], tz: ZoneInfo, today: date, days: int) -> list[Day]:
    bounds = [
        datetime.combine(today + timedelta(days=i), time(), tzinfo=tz) for i in range(days + 1)
    ]
    found = occurrences(events, tz=tz, start=bounds[0], end=bounds[-1])
    return [
        Day(
            date=bounds[i].date(),
            occurrences=tuple(
                occ for occ in found if _overlaps(occ.starts, occ.ends, bounds[i], bounds[i + 1])
            ),
        )
        for i in range(days)
    ]


def state_at(occ: Occurrence, now: datetime, *, among: Iterable[Occurrence]) -> State:
    """How the screen highlights `occ` at `now`: running ("now"), soonest to start ("next"), etc.

    "next" is overall, not per room: every occurrence of today (local) sharing the soonest start
    still ahead of `now` among `among` (usually the day's list). Residents glance at the screen for
    one thing: what is on now and what is on next; one highlight per room would dilute that.
    Occurrences on later days are "later", never "next".
    """
    if occ.ends <= now:
        return "past"
    if occ.starts <= now:
        return "now"
    today = now.astimezone(occ.starts.tzinfo).date()
    if occ.starts.date() != today:
        return "later"
    soonest = min(
        (o.starts for o in (*among, occ) if o.starts > now and o.starts.date() == today),
        default=occ.starts,
    )
    return "next" if occ.starts == soonest else "later"


def by_room(occurrences: Iterable[Occurrence]) -> dict[str, list[Occurrence]]:
    """Occurrences by room id; rooms in order of first appearance, input order kept within."""
    grouped: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        grouped.setdefault(occ.event.room, []).append(occ)
    return grouped


def _expand(event: Event, tz: ZoneInfo, lo: datetime, hi: datetime) -> Iterator[Occurrence]:
    first = _naive_local(event.starts, tz)
    duration = max(_naive_local(event.ends, tz) - first, timedelta(0))
    starts: Iterable[datetime] = [first]
    if event.rrule is not None:
        try:
            rule = _parse_rule(event.rrule, first, tz)
        except ValueError as exc:
            raise ValueError(f"event {event.id!r}: {exc}") from exc
        starts = _bounded(_fast_forward(rule, event.rrule, first, lo - duration), event.rrule, hi)
    skipped = set(event.exdates)
    for count, occ_start in enumerate(starts):
        if count >= MAX_OCCURRENCES_PER_EVENT or occ_start >= hi:
            break
        occ_end = occ_start + duration
        if occ_start.date() not in skipped and _overlaps(occ_start, occ_end, lo, hi):
            yield Occurrence(event, occ_start.replace(tzinfo=tz), occ_end.replace(tzinfo=tz))


def _fast_forward(rule: rrule, text: str, first: datetime, since: datetime) -> rrule:
    """The same rule started a whole number of its periods later, at most one period before
    `since`: it yields the same occurrences from `since` on without stepping through the years
    before. A shift by whole periods keeps every BY* part's phase (weekdays, the week counted
    from WKST, the day of the month, the hour in an INTERVAL); MONTHLY and YEARLY move by whole
    years (by four from a 29 February). A rule with COUNT counts from its first: left alone."""
    freq = _FREQ.search(text)
    if freq is None or "COUNT=" in text.upper() or since <= first:
        return rule
    interval_match = _INTERVAL.search(text)
    interval = int(interval_match.group(1)) if interval_match else 1
    kind = freq.group(1).upper()
    if kind in _FIXED_PERIOD:
        step = _FIXED_PERIOD[kind] * interval
        periods = (since - first) // step - 1
        return rule.replace(dtstart=first + step * periods) if periods > 0 else rule
    years = interval if kind == "YEARLY" else math.lcm(interval, 12) // 12
    if (first.month, first.day) == (2, 29):
        years = math.lcm(years, 4)
    periods = (since.year - first.year) // years - 1
    if periods <= 0:
        return rule
    try:
        return rule.replace(dtstart=first.replace(year=first.year + years * periods))
    except ValueError:  # 29 February in a year the Gregorian rule skips (2100): go the long way
        return rule


def _overlaps(starts: datetime, ends: datetime, lo: datetime, hi: datetime) -> bool:
    """Whether [starts, ends) overlaps [lo, hi); a zero-length occurrence counts where it starts."""
    if starts == ends:
        return lo <= starts < hi
    return starts < hi and ends > lo


def _bounded(rule: rrule, text: str, hi: datetime) -> rrule:
    """Stop an open-ended rule at the window end, so a rule that never matches cannot scan on."""
    upper = text.upper()
    if "COUNT=" in upper or "UNTIL=" in upper:
        return rule
    return rule.replace(until=hi)


@lru_cache(maxsize=512)
def _parse_rule(text: str, dtstart: datetime, tz: ZoneInfo) -> rrule:
    """One RRULE body (an optional "RRULE:" prefix allowed) as a rule in naive local time."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if not body or ":" in body or any(ch.isspace() for ch in body):
        raise ValueError(f"not a single RRULE: {text!r}")
    body = _UNTIL.sub(lambda m: "UNTIL=" + _local_until(m.group(1), tz), body)
    try:
        rule = rrulestr(body, dtstart=dtstart)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"invalid RRULE {text!r}: {exc}") from exc
    if not isinstance(rule, rrule):  # pragma: no cover - a single body always gives an rrule
        raise ValueError(f"not a single RRULE: {text!r}")
    return rule


def _local_until(value: str, tz: ZoneInfo) -> str:
    """UNTIL in local wall-clock time: UTC converted, a bare date meaning the end of that day."""
    match = _UNTIL_VALUE.fullmatch(value)
    if match is None:
        raise ValueError(f"UNTIL must be written YYYYMMDD or YYYYMMDDTHHMMSS, got {value!r}")
    day, clock, utc = match.groups()
    try:
        until = datetime.strptime(day + (clock or "T235959").upper(), "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise ValueError(f"invalid UNTIL date {value!r}") from exc
    if utc:
        until = until.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    return until.strftime("%Y%m%dT%H%M%S")


def _naive_local(value: datetime, tz: ZoneInfo) -> datetime:
    return value if value.tzinfo is None else value.astimezone(tz).replace(tzinfo=None)


def _aware_to_local(value: datetime, tz: ZoneInfo, name: str) -> datetime:
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value.astimezone(tz).replace(tzinfo=None)
