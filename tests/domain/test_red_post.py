from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.content import OpeningHours
from kiosk.domain.red_post import day_runs, hours_summary_rows, is_open, next_change

SH = ZoneInfo("Asia/Shanghai")
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})
# The sample config: Mon-Fri 08:30-20:00, Sat-Sun 09:00-18:00.
SAMPLE = (
    OpeningHours(WEEKDAYS, time(8, 30), time(20, 0)),
    OpeningHours(WEEKEND, time(9, 0), time(18, 0)),
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2024-11-04T08:29", False),  # Monday, before opening
        ("2024-11-04T08:30", True),  # opening minute
        ("2024-11-04T19:59", True),
        ("2024-11-04T20:00", False),  # closing time is closed
        ("2024-11-09T08:45", False),  # Saturday opens later
        ("2024-11-09T17:30", True),
        ("2024-11-09T18:30", False),  # Saturday closes earlier
    ],
)
def test_sample_hours_open_and_close_on_the_minute(moment: str, open_: bool) -> None:
    assert is_open(SAMPLE, at(moment)) is open_


def test_moment_given_in_utc_uses_its_own_wall_clock_so_callers_pass_local_time() -> None:
    # 01:00 UTC is 09:00 in Shanghai: open, but only when asked in local time.
    utc = datetime.fromisoformat("2024-11-04T01:00+00:00")
    assert is_open(SAMPLE, utc.astimezone(SH))
    assert not is_open(SAMPLE, utc)


def test_span_closing_after_midnight_belongs_to_the_day_it_opens() -> None:
    friday_night = (OpeningHours(frozenset({4}), time(20, 0), time(2, 0)),)
    assert is_open(friday_night, at("2024-11-08T23:00"))
    assert is_open(friday_night, at("2024-11-09T01:59"))  # Saturday small hours
    assert not is_open(friday_night, at("2024-11-09T02:00"))
    assert not is_open(friday_night, at("2024-11-08T01:00"))  # Thursday's night is closed


def test_close_at_midnight_means_open_until_the_end_of_the_day() -> None:
    hours = (OpeningHours(frozenset({0}), time(18, 0), time(0, 0)),)
    assert is_open(hours, at("2024-11-04T23:59"))
    assert not is_open(hours, at("2024-11-05T00:00"))
    assert next_change(hours, at("2024-11-04T19:00")) == at("2024-11-05T00:00")


def test_next_change_when_open_is_the_closing_time() -> None:
    assert next_change(SAMPLE, at("2024-11-04T10:00")) == at("2024-11-04T20:00")


def test_next_change_when_closed_is_the_next_opening_even_on_another_day() -> None:
    assert next_change(SAMPLE, at("2024-11-08T20:30")) == at("2024-11-09T09:00")
    assert next_change(SAMPLE, at("2024-11-04T06:00")) == at("2024-11-04T08:30")


def test_next_change_keeps_the_callers_time_zone() -> None:
    change = next_change(SAMPLE, at("2024-11-04T10:00"))
    assert change is not None
    assert change.tzinfo is SH


def test_back_to_back_days_are_one_opening_without_a_change_at_midnight() -> None:
    hours = (
        OpeningHours(frozenset({0}), time(8, 0), time(0, 0)),
        OpeningHours(frozenset({1}), time(0, 0), time(12, 0)),
    )
    assert next_change(hours, at("2024-11-04T10:00")) == at("2024-11-05T12:00")


def test_open_round_the_clock_never_changes() -> None:
    always = (OpeningHours(frozenset(range(7)), time(0, 0), time(0, 0)),)
    assert is_open(always, at("2024-11-06T03:00"))
    assert next_change(always, at("2024-11-06T03:00")) is None


def test_no_hours_means_closed_with_no_change_ahead() -> None:
    assert not is_open((), at("2024-11-06T10:00"))
    assert next_change((), at("2024-11-06T10:00")) is None


def test_weekly_opening_just_under_eight_days_ahead_is_found() -> None:
    monday_only = (OpeningHours(frozenset({0}), time(8, 0), time(9, 0)),)
    assert next_change(monday_only, at("2024-11-04T09:30")) == at("2024-11-11T08:00")


def test_summary_groups_days_with_identical_hours() -> None:
    per_day = tuple(OpeningHours(frozenset({d}), time(8, 30), time(20, 0)) for d in range(5))
    rows = hours_summary_rows((*per_day, OpeningHours(WEEKEND, time(9, 0), time(18, 0))))
    assert rows == [
        (WEEKDAYS, time(8, 30), time(20, 0)),
        (WEEKEND, time(9, 0), time(18, 0)),
    ]


def test_summary_keeps_a_lunch_break_as_two_rows_for_the_same_days() -> None:
    hours = (
        OpeningHours(WEEKDAYS, time(14, 0), time(20, 0)),
        OpeningHours(WEEKDAYS, time(8, 30), time(12, 0)),
        OpeningHours(frozenset({5}), time(9, 0), time(12, 0)),
    )
    assert hours_summary_rows(hours) == [
        (WEEKDAYS, time(8, 30), time(12, 0)),
        (WEEKDAYS, time(14, 0), time(20, 0)),
        (frozenset({5}), time(9, 0), time(12, 0)),
    ]


def test_day_runs_join_consecutive_weekdays() -> None:
    assert day_runs({0, 1, 2, 3, 4, 6}) == [(0, 4), (6, 6)]
    assert day_runs([]) == []


def test_two_days_side_by_side_are_named_each_not_as_a_range() -> None:
    """周六、周日 / شەنبە، يەكشەنبە: two days are a list in both languages, not "周六到周日"."""
    assert day_runs(WEEKEND) == [(5, 5), (6, 6)]
    assert day_runs({0, 1, 3, 4, 5}) == [(0, 0), (1, 1), (3, 5)]
    assert day_runs({6}) == [(6, 6)]
