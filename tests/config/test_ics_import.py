from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.ics_import import IcsImportError, events_from_ics
from kiosk.domain.content import Event
from kiosk.domain.schedule import occurrences

SH = ZoneInfo("Asia/Shanghai")


def calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"


def load(tmp_path: Path, text: str | bytes) -> tuple[Event, ...]:
    path = tmp_path / "activities.ics"
    if isinstance(text, str):
        path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    else:
        path.write_bytes(text)
    return events_from_ics(path, timezone="Asia/Shanghai", default_lang="zh")


def line_number(text: str, starting: str) -> int:
    """The 1-based physical line of `text` beginning with `starting`."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(starting))


def error_of(tmp_path: Path, text: str | bytes) -> IcsImportError:
    with pytest.raises(IcsImportError) as caught:
        load(tmp_path, text)
    return caught.value


def test_event_with_tzid_is_converted_to_community_wall_clock(tmp_path: Path) -> None:
    (event,) = load(
        tmp_path,
        calendar("""
UID:dance-1@example.org
SUMMARY:扇子舞排练\\, 第一场
LOCATION:胜利花园活动室
ORGANIZER;CN=石榴籽文艺小分队:mailto:team@example.org
DTSTART;TZID=Europe/Berlin:20241104T100000
DTEND;TZID=Europe/Berlin:20241104T113000
"""),
    )
    assert event.starts == datetime(2024, 11, 4, 17, 0)  # 10:00 CET is 17:00 in Shanghai
    assert event.ends == datetime(2024, 11, 4, 18, 30)
    assert event.title.get("zh") == "扇子舞排练, 第一场"
    assert event.title.default_lang == "zh"
    assert event.room == "胜利花园活动室"
    assert event.organiser.get("zh") == "石榴籽文艺小分队"
    assert event.id == "dance-1-example.org"
    assert event.rrule is None


def test_utc_times_become_local_time(tmp_path: Path) -> None:
    (event,) = load(
        tmp_path,
        calendar("""
UID:u
SUMMARY:Talk
DTSTART:20241104T020000Z
DURATION:PT1H30M
"""),
    )
    assert event.starts == datetime(2024, 11, 4, 10, 0)
    assert event.ends == datetime(2024, 11, 4, 11, 30)


def test_floating_times_are_taken_as_community_time(tmp_path: Path) -> None:
    (event,) = load(tmp_path, calendar("UID:f\nDTSTART:20241104T100000\nDTEND:20241104T110000"))
    assert (event.starts, event.ends) == (datetime(2024, 11, 4, 10), datetime(2024, 11, 4, 11))


def test_all_day_event_runs_from_midnight_to_midnight(tmp_path: Path) -> None:
    one_day, two_days = load(
        tmp_path,
        calendar(
            "UID:a\nSUMMARY:Open day\nDTSTART;VALUE=DATE:20241104",
            "UID:b\nSUMMARY:Fair\nDTSTART;VALUE=DATE:20241104\nDTEND;VALUE=DATE:20241106",
        ),
    )
    assert (one_day.starts, one_day.ends) == (datetime(2024, 11, 4), datetime(2024, 11, 5))
    assert (two_days.starts, two_days.ends) == (datetime(2024, 11, 4), datetime(2024, 11, 6))


def test_rrule_and_exdates_come_through_and_expand(tmp_path: Path) -> None:
    (event,) = load(
        tmp_path,
        calendar("""
UID:lecture
SUMMARY:Policy lecture
DTSTART;TZID=Asia/Shanghai:20241106T100000
DTEND;TZID=Asia/Shanghai:20241106T110000
RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20250115T020000Z
EXDATE;TZID=Asia/Shanghai:20250101T100000
EXDATE:20241119T180000Z
"""),
    )
    assert event.rrule == "FREQ=WEEKLY;UNTIL=20250115T020000Z;BYDAY=WE"
    # 18:00 UTC on 19 November is 02:00 on 20 November in Shanghai: exdates are local dates.
    assert event.exdates == (date(2024, 11, 20), date(2025, 1, 1))
    found = occurrences(
        [event],
        tz=SH,
        start=datetime(2024, 11, 1, tzinfo=SH),
        end=datetime(2025, 3, 1, tzinfo=SH),
    )
    dates = [occ.starts.date() for occ in found]
    assert date(2024, 11, 13) in dates
    assert date(2024, 11, 20) not in dates
    assert date(2025, 1, 1) not in dates
    assert dates[-1] == date(2025, 1, 15)  # UNTIL 02:00 UTC is 10:00 local: included
    assert len(dates) == 11 - 2


def test_moved_instance_leaves_its_series_and_becomes_its_own_event(tmp_path: Path) -> None:
    series, moved = load(
        tmp_path,
        calendar(
            "UID:dance\nSUMMARY:Dance\nDTSTART:20241104T100000\nDTEND:20241104T110000\n"
            "RRULE:FREQ=WEEKLY",
            "UID:dance\nRECURRENCE-ID:20241111T100000\nSUMMARY:Dance (moved)\n"
            "DTSTART:20241112T150000\nDTEND:20241112T160000",
            "UID:dance\nRECURRENCE-ID:20241118T100000\nSTATUS:CANCELLED\n"
            "DTSTART:20241118T100000\nDTEND:20241118T110000",
        ),
    )
    assert series.exdates == (date(2024, 11, 11), date(2024, 11, 18))
    assert moved.title.get("zh") == "Dance (moved)"
    assert (moved.starts, moved.rrule) == (datetime(2024, 11, 12, 15), None)
    assert moved.id != series.id


def test_cancelled_event_is_left_out(tmp_path: Path) -> None:
    events = load(
        tmp_path,
        calendar(
            "UID:gone\nSTATUS:CANCELLED\nDTSTART:20241104T100000", "UID:kept\nDTSTART:20241104"
        ),
    )
    assert [e.id for e in events] == ["kept"]


def test_rdate_adds_an_extra_one_off_event_of_the_same_length(tmp_path: Path) -> None:
    base, extra = load(
        tmp_path,
        calendar("UID:x\nDTSTART:20241104T100000\nDTEND:20241104T113000\nRDATE:20241120T140000"),
    )
    assert (extra.starts, extra.ends) == (
        datetime(2024, 11, 20, 14),
        datetime(2024, 11, 20, 15, 30),
    )
    assert extra.id != base.id


def test_ids_are_sanitised_and_unique(tmp_path: Path) -> None:
    events = load(
        tmp_path,
        calendar(
            "UID:a b/c\nDTSTART:20241104T100000",
            "UID:a-b-c\nDTSTART:20241105T100000",
            "DTSTART:20241106T100000",
        ),
    )
    ids = [e.id for e in events]
    assert ids[:2] == ["a-b-c", "a-b-c-2"]
    assert len(set(ids)) == 3
    assert all(ch.isalnum() or ch in "._-" for i in ids for ch in i)


def test_empty_calendar_gives_no_events(tmp_path: Path) -> None:
    assert load(tmp_path, calendar()) == ()


def test_garbled_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    text = calendar("UID:x\nSUMMARY Dance\nDTSTART:20241104T100000")
    error = error_of(tmp_path, text)
    assert error.line == line_number(text, "SUMMARY Dance") == 6
    assert "SUMMARY Dance" in error.message
    assert str(error).startswith("line 6: ")


def test_line_numbers_count_folded_lines(tmp_path: Path) -> None:
    text = calendar("UID:x\nSUMMARY:A long\n  title\nDTSTART:2024110XT100000")
    assert error_of(tmp_path, text).line == line_number(text, "DTSTART") == 8


def test_invalid_date_points_at_its_property(tmp_path: Path) -> None:
    text = calendar("UID:x\nSUMMARY:S\nDTSTART:2024110XT100000")
    error = error_of(tmp_path, text)
    assert error.line == line_number(text, "DTSTART")
    assert "DTSTART" in error.message


def test_file_that_is_not_a_calendar_fails_on_line_one(tmp_path: Path) -> None:
    error = error_of(tmp_path, "hello world\nthis is not a calendar\n")
    assert error.line == 1


def test_unknown_time_zone_is_refused_rather_than_guessed(tmp_path: Path) -> None:
    text = calendar("UID:x\nDTSTART;TZID=Nowhere/Land:20241104T100000")
    error = error_of(tmp_path, text)
    assert error.line == line_number(text, "DTSTART")
    assert "Nowhere/Land" in error.message


def test_unclosed_event_points_at_its_begin(tmp_path: Path) -> None:
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n"
    error = error_of(tmp_path, text)
    assert error.line == 5
    assert "END:VEVENT" in error.message


def test_missing_end_of_calendar_points_at_its_begin(tmp_path: Path) -> None:
    error = error_of(tmp_path, "BEGIN:VCALENDAR\nVERSION:2.0\n")
    assert error.line == 1


def test_bad_rrule_is_reported_at_its_line(tmp_path: Path) -> None:
    text = calendar("UID:x\nDTSTART:20241104T100000\nRRULE:FREQ=SOMETIMES")
    assert error_of(tmp_path, text).line == line_number(text, "RRULE")


def test_too_frequent_rrule_is_refused(tmp_path: Path) -> None:
    text = calendar("UID:x\nDTSTART:20241104T100000\nRRULE:FREQ=MINUTELY")
    error = error_of(tmp_path, text)
    assert error.line == line_number(text, "RRULE")
    assert "hourly" in error.message


def test_event_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    text = calendar("UID:x\nDTSTART:20241104T100000\nDTEND:20241104T090000")
    assert error_of(tmp_path, text).line == line_number(text, "DTEND")


def test_event_without_start_is_refused_at_its_begin(tmp_path: Path) -> None:
    text = calendar("UID:x\nSUMMARY:No time")
    assert error_of(tmp_path, text).line == line_number(text, "BEGIN:VEVENT")


def test_text_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    text = calendar("UID:x\nSUMMARY:PLACEHOLDER\nDTSTART:20241104T100000")
    data = text.encode().replace(b"PLACEHOLDER", "广场舞".encode("gbk"))
    error = error_of(tmp_path, data)
    assert error.line == line_number(text, "SUMMARY")
    assert "UTF-8" in error.message


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    assert error_of(tmp_path, content).line is None


def test_missing_file_is_refused_without_a_line(tmp_path: Path) -> None:
    with pytest.raises(IcsImportError) as caught:
        events_from_ics(tmp_path / "nope.ics", timezone="Asia/Shanghai", default_lang="zh")
    assert caught.value.line is None
    assert "cannot read" in caught.value.message
