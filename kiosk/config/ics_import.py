"""Schedule events from an iCalendar (.ics) file, for centres keeping activities in a calendar app.

Times become naive community wall-clock times, as the YAML schedule has them. Recurrences keep
their RRULE text, expanded in that wall-clock time by `kiosk.domain.schedule`: exact when the
event's own zone has a fixed offset (Asia/Shanghai, Asia/Urumqi, UTC) and converting does not move
it to another day, approximate otherwise. Moved or cancelled instances (RECURRENCE-ID) become
exdates of their series, moved ones separate events; RDATE dates become separate events; cancelled
events are left out.

A file that cannot be read raises `IcsImportError` with the line when it can be found, so the staff
screen can say "activities.ics:12: ..." like it does for the YAML file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component

from kiosk.domain.content import Event
from kiosk.domain.schedule import check_rrule
from kiosk.domain.text import EMPTY, Text

MAX_BYTES = 10 * 1024 * 1024
"""Larger files are refused rather than parsed for minutes on a Raspberry Pi."""

_CONTENT_LINE = re.compile(r'[A-Za-z0-9_-]+(?:;(?:"[^"]*"|[^";:])*)*:')
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_USED = frozenset(
    {"UID", "SUMMARY", "LOCATION", "ORGANIZER", "STATUS", "DTSTART", "DTEND", "DURATION"}
    | {"RRULE", "EXDATE", "RDATE", "RECURRENCE-ID"}
)


class IcsImportError(Exception):
    """The calendar file cannot be used; `line` is 1-based, None when no line is to blame."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass
class _Block:
    """Where one VEVENT sits in the file, to point errors at its lines."""

    begin: int | None
    lines: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, name: str) -> int | None:
        return next((n for n, text in self.lines if _name(text) == name), self.begin)


def events_from_ics(path: Path, *, timezone: str, default_lang: str) -> tuple[Event, ...]:
    """The events of the calendar at `path`, in file order, ids made from UIDs (unique, safe)."""
    zone = ZoneInfo(timezone)
    text = _read_text(path)
    blocks = _check_structure(text)
    try:
        calendar = Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises assorted types on malformed input
        raise IcsImportError(f"not a valid calendar: {exc}") from exc
    components = calendar.walk("VEVENT")
    if len(components) != len(blocks):
        blocks = [_Block(None) for _ in components]
    events: list[Event] = []
    series: dict[str, int] = {}
    moved: dict[str, set[date]] = {}
    for component, block in zip(components, blocks, strict=True):
        try:
            _convert(component, block, zone, default_lang, events, series, moved)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise IcsImportError(f"unreadable event: {exc}", block.begin) from exc
    for uid, days in moved.items():
        if uid in series:
            master = events[series[uid]]
            events[series[uid]] = replace(master, exdates=tuple(sorted({*master.exdates, *days})))
    return tuple(_with_unique_ids(events))


def _convert(
    component: Component,
    block: _Block,
    zone: ZoneInfo,
    lang: str,
    events: list[Event],
    series: dict[str, int],
    moved: dict[str, set[date]],
) -> None:
    """Append the event(s) of one VEVENT, recording series and moved instances."""
    for name, message in component.errors:
        if name is None or str(name).upper() in _USED:
            raise IcsImportError(f"{name or 'content line'}: {message}", block.line_of(str(name)))
    uid = str(component.get("UID") or "").strip() or f"event-line-{block.begin}"
    cancelled = str(component.get("STATUS") or "").strip().upper() == "CANCELLED"
    start_prop = component.get("DTSTART")
    if start_prop is None:
        raise IcsImportError("the event has no DTSTART", block.begin)
    starts = _local(start_prop.dt, start_prop.params.get("TZID"), zone, block.line_of("DTSTART"))
    ends = _ends(component, starts, isinstance(start_prop.dt, datetime), zone, block)
    organiser = component.get("ORGANIZER")
    cn = str(organiser.params.get("CN", "")).strip() if organiser is not None else ""
    base = Event(
        id=uid,
        title=Text({lang: str(component.get("SUMMARY") or "").strip()}, lang),
        room=str(component.get("LOCATION") or "").strip(),
        starts=starts,
        ends=ends,
        organiser=Text({lang: cn}, lang) if cn else EMPTY,
    )
    recurrence_id = component.get("RECURRENCE-ID")
    if recurrence_id is not None:
        line = block.line_of("RECURRENCE-ID")
        was = _local(recurrence_id.dt, recurrence_id.params.get("TZID"), zone, line)
        moved.setdefault(uid, set()).add(was.date())
        if not cancelled:
            events.append(replace(base, id=f"{uid}-{starts:%Y%m%dT%H%M}"))
        return
    if cancelled:
        return
    series[uid] = len(events)
    events.append(
        replace(
            base,
            rrule=_rrule(component, starts, block),
            exdates=tuple(sorted({d.date() for d, _ in _dates(component, "EXDATE", zone, block)})),
        )
    )
    for extra_start, extra_end in _dates(component, "RDATE", zone, block):
        extra_id = f"{uid}-{extra_start:%Y%m%dT%H%M}"
        extra_ends = extra_end or extra_start + (ends - starts)
        events.append(replace(base, id=extra_id, starts=extra_start, ends=extra_ends))


def _ends(
    component: Component, starts: datetime, timed: bool, zone: ZoneInfo, block: _Block
) -> datetime:
    """DTEND, or DTSTART + DURATION; without either an all-day event lasts its day."""
    end_prop, duration = component.get("DTEND"), component.get("DURATION")
    if end_prop is not None:
        line = block.line_of("DTEND")
        ends = _local(end_prop.dt, end_prop.params.get("TZID"), zone, line)
    elif duration is not None:
        line = block.line_of("DURATION")
        ends = starts + duration.dt
    else:
        line = block.line_of("DTSTART")
        ends = starts if timed else starts + timedelta(days=1)
    if ends < starts:
        raise IcsImportError("the event ends before it starts", line)
    return ends


def _rrule(component: Component, starts: datetime, block: _Block) -> str | None:
    prop = component.get("RRULE")
    if prop is None:
        return None
    line = block.line_of("RRULE")
    if isinstance(prop, list):
        raise IcsImportError("more than one RRULE in one event is not supported", line)
    rule: str = prop.to_ical().decode()
    problem = check_rrule(rule, starts=starts)
    if problem is not None:
        raise IcsImportError(f"RRULE: {problem}", line)
    return rule


def _dates(
    component: Component, name: str, zone: ZoneInfo, block: _Block
) -> Iterator[tuple[datetime, datetime | None]]:
    """Local (start, end or None) of every value of an EXDATE or RDATE property (periods too)."""
    props = component.get(name)
    line = block.line_of(name)
    for prop in props if isinstance(props, list) else [] if props is None else [props]:
        tzid = prop.params.get("TZID")
        for value in prop.dts:
            when = value.dt
            if isinstance(when, tuple):
                first, last = _local(when[0], tzid, zone, line), when[1]
                if isinstance(last, timedelta):
                    yield first, first + last
                else:
                    yield first, _local(last, tzid, zone, line)
            else:
                yield _local(when, tzid, zone, line), None


def _local(value: object, tzid: object, zone: ZoneInfo, line: int | None) -> datetime:
    """A DATE or DATE-TIME value as naive wall-clock time in `zone` (a DATE is its midnight)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(zone).replace(tzinfo=None)
        if tzid:
            raise IcsImportError(f"unknown time zone {tzid!s}", line)
        return value  # floating time: the community's own wall clock
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise IcsImportError(f"expected a date or date-time, got {value!r}", line)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise IcsImportError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise IcsImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IcsImportError("not UTF-8 text; save the calendar as UTF-8", line) from exc


def _check_structure(text: str) -> list[_Block]:
    """Check every line and BEGIN/END pair; return each VEVENT's own lines, in file order."""
    stack: list[tuple[str, _Block]] = []
    events: list[_Block] = []
    seen_calendar = False
    for number, line in _content_lines(text):
        if not _CONTENT_LINE.match(line):
            raise IcsImportError(f"not an iCalendar line: {line[:60]!r}", number)
        name, value = _name(line), line.split(":", 1)[1].strip().upper()
        if not stack and (seen_calendar or (name, value) != ("BEGIN", "VCALENDAR")):
            problem = "text after END:VCALENDAR" if seen_calendar else "expected BEGIN:VCALENDAR"
            raise IcsImportError(problem, number)
        if name == "BEGIN":
            block = _Block(number)
            stack.append((value, block))
            seen_calendar = True
            if value == "VEVENT":
                events.append(block)
        elif name == "END":
            if stack[-1][0] != value:
                raise IcsImportError(f"END:{value} where END:{stack[-1][0]} was expected", number)
            stack.pop()
        else:
            stack[-1][1].lines.append((number, line))
    if not seen_calendar:
        raise IcsImportError("the file is empty")
    if stack:
        kind, block = stack[-1]
        raise IcsImportError(f"BEGIN:{kind} is never ended", block.begin)
    return events


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the physical line each starts on; blank lines skipped."""
    number, current = 0, ""
    for index, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if raw[:1] in (" ", "\t") and current:
            current += raw[1:]
            continue
        if current:
            yield number, current
        number, current = index, raw if raw.strip() else ""
    if current:
        yield number, current


def _name(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def _with_unique_ids(events: list[Event]) -> Iterator[Event]:
    """Ids safe for the rest of the kiosk ([A-Za-z0-9._-]), made unique with -2, -3..."""
    taken: set[str] = set()
    for event in events:
        base = _ID_UNSAFE.sub("-", event.id).strip("-") or "event"
        unique, n = base, 1
        while unique in taken:
            n += 1
            unique = f"{base}-{n}"
        taken.add(unique)
        yield replace(event, id=unique)
