"""The shared counting rules: months in community time, the cohort rule, the rates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.figures import (
    MonthFigures,
    TicketFacts,
    combined,
    month_starts,
    responded_in_time,
    tally,
)
from kiosk.domain.rating import Rating

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 2, 10, 9, 0, tzinfo=SHANGHAI)


def test_months_run_back_over_the_new_year_oldest_first():
    assert month_starts(NOW, 3) == [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert len(month_starts(NOW, 12)) == 12
    with pytest.raises(ValueError, match="time zone"):
        month_starts(NOW.replace(tzinfo=None), 3)


def test_a_ticket_counts_in_its_report_month_in_community_time():
    # 00:30 on 1 February in Shanghai is still 31 January in UTC.
    late_night = datetime(2025, 1, 31, 16, 30, tzinfo=UTC)
    figures = tally([TicketFacts(requested=late_night)], now=NOW, months=2)
    assert [(m.month, m.received) for m in figures] == [
        (date(2025, 1, 1), 0),
        (date(2025, 2, 1), 1),
    ]


def test_solved_on_time_satisfied_and_the_rates():
    reported = datetime(2025, 2, 1, 10, tzinfo=SHANGHAI)
    promise = reported + timedelta(days=3)
    facts = [
        TicketFacts(reported, promise, closed=promise, rating=Rating.SATISFIED),
        TicketFacts(reported, promise, closed=promise + timedelta(seconds=1), rating=Rating.SO_SO),
        TicketFacts(reported, promise, rating=Rating.NOT_SATISFIED),  # re-opened: not solved
        TicketFacts(reported, promise),
    ]
    (month,) = tally(facts, now=NOW, months=1)
    assert (month.received, month.solved, month.solved_on_time) == (4, 2, 1)
    assert (month.rated, month.satisfied) == (3, 1)
    assert month.responded is None  # not asked for: a kiosk does not know
    assert (month.solve_rate, month.on_time_rate) == (0.5, 0.5)
    assert month.satisfaction_rate == pytest.approx(1 / 3)
    assert month.response_rate is None
    (empty,) = tally([], now=NOW, months=1)
    assert (empty.solve_rate, empty.satisfaction_rate) == (None, None)


def test_a_response_counts_within_the_categorys_hours():
    received = datetime(2025, 2, 1, 10, tzinfo=SHANGHAI)
    assert responded_in_time(received, received + timedelta(hours=24), 24)
    assert not responded_in_time(received, received + timedelta(hours=24, seconds=1), 24)
    assert not responded_in_time(received, None, 24)
    facts = [
        TicketFacts(received, responded_in_time=True),
        TicketFacts(received, responded_in_time=False),
    ]
    (month,) = tally(facts, now=NOW, months=1, responses=True)
    assert (month.responded, month.response_rate) == (1, 0.5)


def test_months_combine_into_one_period_dated_by_its_first_month():
    october = MonthFigures(date(2024, 10, 1), 4, 3, 2, 2, 1, responded=4)
    november = MonthFigures(date(2024, 11, 1), 2, 1, 1, 1, 1, responded=1)
    year = combined([october, november])
    assert year == MonthFigures(date(2024, 10, 1), 6, 4, 3, 3, 2, responded=5)
    assert year.solve_rate == 4 / 6
    kiosk_side = combined([october, MonthFigures(date(2024, 11, 1), 1, 0, 0, 0, 0)])
    assert kiosk_side.responded is None, "unknown in one month: unknown for the period"
    with pytest.raises(ValueError, match="no months"):
        combined([])
