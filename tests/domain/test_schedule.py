from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from kiosk.domain.content import Event
from kiosk.domain.schedule import (
    MAX_OCCURRENCES_PER_EVENT,
    Occurrence,
    by_room,
    check_rrule,
    occurrences,
    state_at,
    upcoming_days,
)
from kiosk.domain.text import Text

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def event(
    id: str,
    starts: str,
    ends: str,
    *,
    rrule: str | None = None,
    exdates: tuple[date, ...] = (),
    room: str = "hall",
) -> Event:
    return Event(
        id=id,
        title=Text({"zh": id}),
        room=room,
        starts=datetime.fromisoformat(starts),
        ends=datetime.fromisoformat(ends),
        rrule=rrule,
        exdates=exdates,
    )


def at(text: str, tz: ZoneInfo = SH) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def start_dates(found: list[Occurrence]) -> list[date]:
    return [occ.starts.date() for occ in found]


def test_single_event_is_one_aware_occurrence_in_the_community_zone() -> None:
    found = occurrences(
        [event("talk", "2024-11-06T10:00", "2024-11-06T11:00")],
        tz=SH,
        start=at("2024-11-06T00:00"),
        end=at("2024-11-07T00:00"),
    )
    assert len(found) == 1
    assert found[0].starts == at("2024-11-06T10:00")
    assert found[0].ends == at("2024-11-06T11:00")
    assert found[0].starts.utcoffset() == timedelta(hours=8)


def test_event_still_running_at_window_start_is_included_but_one_just_ended_is_not() -> None:
    running = event("running", "2024-11-06T09:00", "2024-11-06T11:00")
    ended = event("ended", "2024-11-06T08:00", "2024-11-06T10:00")
    found = occurrences(
        [running, ended], tz=SH, start=at("2024-11-06T10:00"), end=at("2024-11-06T12:00")
    )
    assert [occ.event.id for occ in found] == ["running"]


def test_event_starting_at_window_end_is_excluded() -> None:
    found = occurrences(
        [event("late", "2024-11-06T12:00", "2024-11-06T13:00")],
        tz=SH,
        start=at("2024-11-06T10:00"),
        end=at("2024-11-06T12:00"),
    )
    assert found == []


def test_window_given_in_utc_is_read_in_local_time() -> None:
    found = occurrences(
        [event("talk", "2024-11-06T10:00", "2024-11-06T11:00")],
        tz=SH,
        start=datetime.fromisoformat("2024-11-06T01:30+00:00"),  # 09:30 in Shanghai
        end=datetime.fromisoformat("2024-11-06T02:30+00:00"),
    )
    assert len(found) == 1


def test_weekly_rule_continues_across_the_year_end() -> None:
    fan = event("fan", "2024-11-04T10:00", "2024-11-04T11:30", rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    found = occurrences([fan], tz=SH, start=at("2024-12-25T00:00"), end=at("2025-01-10T00:00"))
    assert start_dates(found) == [
        date(2024, 12, 26),
        date(2024, 12, 30),
        date(2025, 1, 2),
        date(2025, 1, 6),
        date(2025, 1, 9),
    ]
    assert all(occ.starts.hour == 10 and occ.ends.minute == 30 for occ in found)


def test_daily_rule_runs_from_january_31_into_february() -> None:
    daily = event("d", "2025-01-30T09:00", "2025-01-30T10:00", rrule="FREQ=DAILY")
    found = occurrences([daily], tz=SH, start=at("2025-01-30T00:00"), end=at("2025-02-03T00:00"))
    assert start_dates(found) == [
        date(2025, 1, 30),
        date(2025, 1, 31),
        date(2025, 2, 1),
        date(2025, 2, 2),
    ]


def test_monthly_rule_on_the_31st_skips_shorter_months() -> None:
    rule = "FREQ=MONTHLY;BYMONTHDAY=31"
    e = event("m", "2025-01-31T15:00", "2025-01-31T16:00", rrule=rule)
    found = occurrences([e], tz=SH, start=at("2025-01-01T00:00"), end=at("2025-06-01T00:00"))
    assert start_dates(found) == [date(2025, 1, 31), date(2025, 3, 31), date(2025, 5, 31)]


def test_second_friday_rule_finds_the_second_friday_of_each_month() -> None:
    meeting = event(
        "meeting", "2024-11-08T15:00", "2024-11-08T16:30", rrule="FREQ=MONTHLY;BYDAY=2FR"
    )
    found = occurrences([meeting], tz=SH, start=at("2024-11-01T00:00"), end=at("2025-04-01T00:00"))
    assert start_dates(found) == [
        date(2024, 11, 8),
        date(2024, 12, 13),
        date(2025, 1, 10),
        date(2025, 2, 14),
        date(2025, 3, 14),
    ]


def test_daily_rule_includes_the_leap_day() -> None:
    daily = event("d", "2024-02-28T09:00", "2024-02-28T10:00", rrule="FREQ=DAILY;COUNT=3")
    found = occurrences([daily], tz=SH, start=at("2024-02-01T00:00"), end=at("2024-04-01T00:00"))
    assert start_dates(found) == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]


def test_yearly_rule_on_the_leap_day_only_falls_in_leap_years() -> None:
    e = event("leap", "2024-02-29T09:00", "2024-02-29T10:00", rrule="FREQ=YEARLY")
    found = occurrences([e], tz=SH, start=at("2024-01-01T00:00"), end=at("2029-01-01T00:00"))
    assert start_dates(found) == [date(2024, 2, 29), date(2028, 2, 29)]


def test_exdate_removes_exactly_that_one_occurrence() -> None:
    rule = "FREQ=WEEKLY;BYDAY=WE"
    plain = event("lecture", "2024-11-06T10:00", "2024-11-06T11:00", rrule=rule)
    skipping = event(
        "lecture", "2024-11-06T10:00", "2024-11-06T11:00", rrule=rule, exdates=(date(2025, 1, 1),)
    )
    start, end = at("2024-12-20T00:00"), at("2025-01-20T00:00")
    all_dates = start_dates(occurrences([plain], tz=SH, start=start, end=end))
    kept_dates = start_dates(occurrences([skipping], tz=SH, start=start, end=end))
    assert date(2025, 1, 1) in all_dates
    assert kept_dates == [d for d in all_dates if d != date(2025, 1, 1)]
    assert len(kept_dates) == len(all_dates) - 1


def test_exdate_also_hides_a_single_event() -> None:
    e = event("x", "2024-11-06T10:00", "2024-11-06T11:00", exdates=(date(2024, 11, 6),))
    assert occurrences([e], tz=SH, start=at("2024-11-01T00:00"), end=at("2024-12-01T00:00")) == []


def test_wall_clock_time_is_kept_across_a_dst_change() -> None:
    sunday = event("s", "2024-03-17T10:00", "2024-03-17T11:00", rrule="FREQ=WEEKLY")
    found = occurrences(
        [sunday],
        tz=BERLIN,
        start=at("2024-03-17T00:00", BERLIN),
        end=at("2024-04-08T00:00", BERLIN),
    )
    assert [occ.starts.hour for occ in found] == [10, 10, 10, 10]
    offsets = [occ.starts.utcoffset() for occ in found]
    assert offsets == [timedelta(hours=1)] * 2 + [timedelta(hours=2)] * 2  # DST from 31 March
    assert all(occ.ends - occ.starts == timedelta(hours=1) for occ in found)


def test_utc_until_is_compared_in_local_time() -> None:
    # 02:00 UTC is 10:00 in Shanghai, so 5 January is the last occurrence.
    rule = "FREQ=DAILY;UNTIL=20250105T020000Z"
    e = event("d", "2025-01-01T10:00", "2025-01-01T11:00", rrule=rule)
    found = occurrences([e], tz=SH, start=at("2025-01-01T00:00"), end=at("2025-02-01T00:00"))
    assert start_dates(found)[-1] == date(2025, 1, 5)
    assert len(found) == 5


def test_date_only_until_includes_that_whole_day() -> None:
    e = event("d", "2025-01-01T18:00", "2025-01-01T19:00", rrule="RRULE:FREQ=DAILY;UNTIL=20250103")
    found = occurrences([e], tz=SH, start=at("2025-01-01T00:00"), end=at("2025-02-01T00:00"))
    assert start_dates(found) == [date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3)]


def test_runaway_rule_is_capped_per_event() -> None:
    hourly = event("h", "2024-01-01T00:00", "2024-01-01T00:30", rrule="FREQ=HOURLY")
    found = occurrences([hourly], tz=SH, start=at("2024-01-01T00:00"), end=at("2026-01-01T00:00"))
    assert len(found) == MAX_OCCURRENCES_PER_EVENT


def test_rule_that_started_long_ago_still_shows_this_weeks_occurrences() -> None:
    # Followed from its first date, this rule would hit the cap in 2001 and show nothing in 2024.
    hourly = event("h", "2000-01-01T00:00", "2000-01-01T00:30", rrule="FREQ=HOURLY")
    found = occurrences([hourly], tz=SH, start=at("2024-01-01T00:00"), end=at("2024-01-02T00:00"))
    assert len(found) == 24
    assert found[0].starts == at("2024-01-01T00:00")


# Rules staff write, and the awkward ones: each must give in a window years after its first date
# exactly what dateutil gives stepping from the first date (the reference below).
LONG_RUNNING_RULES = [
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=10",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,15",
    "FREQ=HOURLY;INTERVAL=5;BYHOUR=1,6,11,16,21",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=2FR",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=3;BYMONTH=3,9;BYDAY=1SA",
    "FREQ=WEEKLY;BYDAY=WE;UNTIL=20290101T120000",
    "FREQ=WEEKLY;BYDAY=WE;UNTIL=20250101T120000",
    "FREQ=DAILY;COUNT=3000",
]


@pytest.mark.parametrize("rule", LONG_RUNNING_RULES)
@pytest.mark.parametrize("first", ["2019-01-31T10:00", "2020-02-29T23:30", "2021-06-15T18:00"])
def test_a_rule_years_old_gives_what_stepping_from_its_first_date_gives(rule: str, first: str):
    start = datetime.fromisoformat(first)
    e = event("e", first, (start + timedelta(hours=2)).isoformat(), rrule=rule)
    windows = [("2024-03-03T00:00", 8), ("2025-12-28T06:00", 8), ("2026-02-27T00:00", 8)]
    for window_start, days in [*windows, ("2024-05-05T00:00", 800)]:  # and one for MONTHLY/YEARLY
        lo = at(window_start)
        hi = lo + timedelta(days=days)
        found = [
            occ.starts.replace(tzinfo=None) for occ in occurrences([e], tz=SH, start=lo, end=hi)
        ]
        reference = rrulestr(rule, dtstart=start).between(
            lo.replace(tzinfo=None) - timedelta(hours=2), hi.replace(tzinfo=None)
        )
        assert found == reference, (rule, first, window_start)


def test_occurrences_are_sorted_by_start_then_room() -> None:
    events = [
        event("b", "2024-11-06T10:00", "2024-11-06T11:00", room="red-post"),
        event("a", "2024-11-06T10:00", "2024-11-06T11:00", room="activity-room"),
        event("c", "2024-11-06T09:00", "2024-11-06T09:30", room="zzz"),
    ]
    found = occurrences(events, tz=SH, start=at("2024-11-06T00:00"), end=at("2024-11-07T00:00"))
    assert [occ.event.id for occ in found] == ["c", "a", "b"]


def test_naive_window_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        occurrences([], tz=SH, start=datetime(2024, 1, 1), end=at("2024-01-02T00:00"))


def test_bad_rule_names_the_event() -> None:
    bad = event("broken", "2024-11-06T10:00", "2024-11-06T11:00", rrule="FREQ=SOMETIMES")
    with pytest.raises(ValueError, match="broken"):
        occurrences([bad], tz=SH, start=at("2024-11-01T00:00"), end=at("2024-12-01T00:00"))


@pytest.mark.parametrize(
    "rule", ["FREQ=SOMETIMES", "BYDAY=MO", "FREQ=WEEKLY;UNTIL=2025", "FREQ=WEEKLY\nDTSTART:2024"]
)
def test_check_rrule_explains_unusable_rules(rule: str) -> None:
    assert check_rrule(rule, starts=datetime(2024, 11, 6, 10)) is not None


def test_check_rrule_refuses_rules_more_frequent_than_hourly() -> None:
    message = check_rrule("FREQ=MINUTELY", starts=datetime(2024, 11, 6, 10))
    assert message is not None
    assert "hourly" in message


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYDAY=2FR", "RRULE:FREQ=DAILY;COUNT=3"]
)
def test_check_rrule_accepts_the_rules_staff_write(rule: str) -> None:
    assert check_rrule(rule, starts=datetime(2024, 11, 6, 10)) is None


def test_upcoming_days_starts_on_the_local_today_and_lists_empty_days() -> None:
    fan = event("fan", "2024-11-04T10:00", "2024-11-04T11:30", rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    # 20:00 UTC on 31 December is already 1 January in Shanghai.
    days = upcoming_days([fan], tz=SH, now=datetime.fromisoformat("2024-12-31T20:00+00:00"))
    assert [d.date for d in days] == [date(2025, 1, 1) + timedelta(days=i) for i in range(8)]
    by_date = {d.date: len(d.occurrences) for d in days}
    assert by_date[date(2025, 1, 2)] == 1  # Thursday
    assert by_date[date(2025, 1, 6)] == 1  # Monday
    assert by_date[date(2025, 1, 1)] == 0


def test_occurrence_across_midnight_appears_on_both_days() -> None:
    late = event("late", "2024-11-06T23:00", "2024-11-07T01:00")
    days = upcoming_days([late], tz=SH, now=at("2024-11-06T08:00"), days=3)
    assert [len(d.occurrences) for d in days] == [1, 1, 0]


def test_upcoming_days_needs_at_least_one_day() -> None:
    with pytest.raises(ValueError, match="days"):
        upcoming_days([], tz=SH, now=at("2024-11-06T08:00"), days=0)


def test_a_configs_days_asked_again_are_the_same_and_change_with_the_day_or_the_config() -> None:
    """Screens ask on every opening and page turn: the answer may be kept, never gone stale."""
    fan = event("fan", "2019-11-04T10:00", "2019-11-04T11:30", rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    talk = event("talk", "2024-11-06T10:00", "2024-11-06T11:00", rrule="FREQ=WEEKLY")
    config = (fan,)
    first = upcoming_days(config, tz=SH, now=at("2024-11-04T08:00"))
    assert upcoming_days(config, tz=SH, now=at("2024-11-04T21:00")) == first
    assert first == upcoming_days([fan], tz=SH, now=at("2024-11-04T08:00"))  # not kept: a list
    assert sum(len(d.occurrences) for d in first) == 3
    edited = (fan, talk)  # the config reloaded: a new tuple of events
    again = upcoming_days(edited, tz=SH, now=at("2024-11-04T21:00"))
    assert sum(len(d.occurrences) for d in again) == 4  # and the talk on Wednesday 6th
    tomorrow = upcoming_days(config, tz=SH, now=at("2024-11-05T00:00"))
    assert tomorrow[0].date == date(2024, 11, 5)
    assert tomorrow == upcoming_days([fan], tz=SH, now=at("2024-11-05T00:00"))
    assert len(upcoming_days(config, tz=SH, now=at("2024-11-04T08:00"), days=1)) == 1


def _today_list() -> list[Occurrence]:
    events = [
        event("morning", "2024-11-06T09:00", "2024-11-06T10:00"),
        event("running", "2024-11-06T10:00", "2024-11-06T12:00"),
        event("next-hall", "2024-11-06T14:00", "2024-11-06T15:00", room="hall"),
        event("next-room", "2024-11-06T14:00", "2024-11-06T15:00", room="activity-room"),
        event("evening", "2024-11-06T19:00", "2024-11-06T20:00"),
        event("tomorrow", "2024-11-07T09:00", "2024-11-07T10:00"),
    ]
    return occurrences(events, tz=SH, start=at("2024-11-06T00:00"), end=at("2024-11-08T00:00"))


def test_state_marks_past_now_the_soonest_next_and_later() -> None:
    found = _today_list()
    now = at("2024-11-06T11:00")
    states = {occ.event.id: state_at(occ, now, among=found) for occ in found}
    assert states == {
        "morning": "past",
        "running": "now",
        "next-hall": "next",
        "next-room": "next",  # same start in another room: both highlighted
        "evening": "later",
        "tomorrow": "later",
    }


def test_tomorrows_first_occurrence_is_not_next_late_in_the_evening() -> None:
    found = _today_list()
    tomorrow = found[-1]
    assert state_at(tomorrow, at("2024-11-06T21:00"), among=found) == "later"


def test_occurrence_ending_now_is_past() -> None:
    found = _today_list()
    morning = found[0]
    assert state_at(morning, at("2024-11-06T10:00"), among=found) == "past"


def test_by_room_groups_in_order_of_first_appearance() -> None:
    grouped = by_room(_today_list())
    assert list(grouped) == ["hall", "activity-room"]
    assert [occ.event.id for occ in grouped["activity-room"]] == ["next-room"]
    assert [occ.event.id for occ in grouped["hall"]][:2] == ["morning", "running"]
