"""Exponential back-off with full jitter, capped; Retry-After honoured up to its own cap."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from kiosk.sync.backoff import Backoff, parse_retry_after


def test_the_ceiling_doubles_until_the_cap_and_never_overflows():
    backoff = Backoff(base=2.0, cap=300.0)
    assert [backoff.ceiling(n) for n in range(0, 10)] == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert backoff.ceiling(10_000) == 300.0


def test_full_jitter_spreads_waits_between_zero_and_the_ceiling():
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(7))
    waits = [backoff.delay(3) for _ in range(2000)]
    assert min(waits) >= 0.0
    assert max(waits) <= 8.0
    assert min(waits) < 1.0 < 7.0 < max(waits), "spread over the whole range"


def test_retry_after_is_a_floor_but_never_above_its_cap():
    backoff = Backoff(base=0.1, cap=1.0, retry_after_cap=120.0, rng=random.Random(1))
    assert backoff.delay(0, retry_after=30.0) == 30.0
    assert backoff.delay(0, retry_after=6 * 3600.0) == 120.0
    assert backoff.delay(0, retry_after=-5.0) <= 0.1


def test_retry_after_reads_seconds_and_http_dates_and_ignores_nonsense():
    start = datetime(2024, 12, 4, 7, 15, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert (
        parse_retry_after(format_datetime(start + timedelta(seconds=90), usegmt=True), now=start)
        == 90.0
    )
    assert (
        parse_retry_after(format_datetime(start - timedelta(hours=1), usegmt=True), now=start)
        == 0.0
    )
    for nonsense in (None, "", "soon", "-3", "1.5e9"):
        assert parse_retry_after(nonsense) is None


@pytest.mark.parametrize(("base", "cap"), [(0.0, 1.0), (2.0, 1.0), (-1.0, 5.0)])
def test_a_backoff_that_makes_no_sense_is_refused(base, cap):
    with pytest.raises(ValueError, match="base"):
        Backoff(base=base, cap=cap)
