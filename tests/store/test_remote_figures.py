"""The Echo Wall's figures and order on a kiosk with years of answers (issue 18): counted in SQL
over the report-time index and read through the wall's own index, with exactly the shared rules
of kiosk.domain.figures.tally (which the centre's /figures.json uses)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.figures import tally
from kiosk.domain.rating import Rating
from kiosk.domain.tickets import TicketStatus
from kiosk.store import db
from kiosk.store.remote import RemoteRequest, RemoteStore
from tests.fixtures.old_store import make_old_store

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")  # summer time: months whose midnights move


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[RemoteStore]:
    store = RemoteStore.open(tmp_path / "tickets.sqlite3")
    yield store
    store.close()


def _history(seed: int, count: int, now: datetime) -> list[RemoteRequest]:
    """Three years of tickets up to `now`, in the offsets a feed may use, some right on a month's
    first midnight (the edges of the ranges)."""
    rng = random.Random(seed)
    zones = [SHANGHAI, BERLIN, UTC, timezone(timedelta(hours=-5))]
    tickets = []
    for n in range(count):
        if n % 10 == 0:
            month = rng.randrange(36)
            first = datetime(now.year - 3 + (now.month - 1 + month) // 12, 1, 1, tzinfo=SHANGHAI)
            requested = first.replace(month=(now.month - 1 + month) % 12 + 1)
        else:
            requested = now - timedelta(seconds=rng.uniform(0, 3 * 365 * 86400))
        requested = requested.astimezone(rng.choice(zones))
        status = rng.choice(list(TicketStatus))
        expected = requested + timedelta(days=rng.randrange(1, 8)) if rng.random() < 0.9 else None
        closed = (
            requested + timedelta(hours=rng.uniform(1, 240))
            if status is TicketStatus.CLOSED and rng.random() < 0.8
            else None
        )
        tickets.append(
            RemoteRequest(
                code=f"{n:010d}",
                status=status,
                service_code="repair",
                requested=requested,
                updated=(closed or requested) + timedelta(minutes=rng.randrange(0, 600)),
                expected=expected,
                closed=closed,
                rating=rng.choice([None, *Rating]),
            )
        )
    return tickets


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 6, 11, 0, tzinfo=SHANGHAI),
        datetime(2026, 3, 31, 23, 30, tzinfo=BERLIN),  # the month summer time began
        datetime(2027, 1, 1, 0, 0, tzinfo=UTC),  # a year's first instant
    ],
)
def test_monthly_figures_count_by_the_shared_rules(remote: RemoteStore, now: datetime):
    tickets = _history(seed=now.month, count=1500, now=now)
    remote.apply_requests(tickets, cursor="c", etag=None)
    for months in (1, 12, 36):
        expected = tally((t.facts() for t in tickets), now=now, months=months)
        assert remote.monthly(now, months) == expected
    assert sum(m.received for m in remote.monthly(now, 36)) > 1000, "the history was counted"


def test_months_without_tickets_count_zero_and_keep_their_place(remote: RemoteStore):
    september = datetime(2026, 9, 10, 9, 0, tzinfo=SHANGHAI)
    (ticket,) = _history(seed=1, count=2, now=september)[1:]
    remote.apply_requests([replace(ticket, requested=september)], cursor="c", etag=None)
    figures = remote.monthly(datetime(2026, 12, 6, tzinfo=SHANGHAI), 12)
    assert [m.month.month for m in figures] == [*range(1, 13)]
    assert [m.received for m in figures] == [0] * 8 + [1, 0, 0, 0]


def test_the_wall_shows_the_newest_answers_first_through_its_index(
    remote: RemoteStore, tmp_path: Path
):
    now = datetime(2026, 12, 6, tzinfo=SHANGHAI)
    tickets = _history(seed=7, count=600, now=now)
    remote.apply_requests(tickets, cursor="c", etag=None)
    closed = sorted(
        (t for t in tickets if t.status is TicketStatus.CLOSED),
        key=lambda t: ((t.closed or t.updated).timestamp(), t.code),
        reverse=True,
    )
    assert [r.code for r in remote.wall(25)] == [t.code for t in closed[:25]]
    # The order RemoteStore.wall asks for: read from the index, not sorted over every answer.
    conn = sqlite3.connect(tmp_path / "tickets.sqlite3")
    try:
        plan = " | ".join(
            str(row[-1])
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT code FROM remote_requests WHERE status = 'closed' "
                "ORDER BY COALESCE(closed_ts, updated_ts) DESC, code DESC LIMIT 25"
            )
        )
    finally:
        conn.close()
    assert "remote_requests_wall" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def _old_row(t: RemoteRequest) -> tuple[object, ...]:
    """The columns the release before wrote (kiosk.store.remote._store then)."""
    closed = t.closed_at
    return (
        t.code,
        t.status.value,
        t.service_code,
        t.requested.isoformat(),
        t.updated.isoformat(),
        t.updated.timestamp(),
        t.expected.isoformat() if t.expected else None,
        t.expected.timestamp() if t.expected else None,
        closed.isoformat() if closed else None,
        closed.timestamp() if closed else None,
        t.rating.value if t.rating else None,
    )


def test_an_older_stores_tickets_count_after_the_upgrade(tmp_path: Path):
    """A kiosk updated after a year of answers: the rows pulled before the new column still
    count in their months (the migration reads their report time from the stored text)."""
    path = tmp_path / "tickets.sqlite3"
    now = datetime(2026, 12, 6, 11, 0, tzinfo=SHANGHAI)
    tickets = _history(seed=3, count=400, now=now)
    make_old_store(path, db.SCHEMA_VERSION - 1)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany(
            "INSERT INTO remote_requests (code, status, service_code, requested, updated, "
            "updated_ts, expected, expected_ts, closed, closed_ts, rating) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_old_row(t) for t in tickets],
        )
    upgraded = RemoteStore.open(path)
    try:
        expected = tally((t.facts() for t in tickets), now=now, months=36)
        assert upgraded.monthly(now, 36) == expected
    finally:
        upgraded.close()
