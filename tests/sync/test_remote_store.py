"""The pulled data on disk: schema version 2 over an existing file, the ticket book's own tickets
updated from the feed, the Echo Wall and its figures, the services cache, robust parsing."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from kiosk.domain.tickets import Draft, TicketStatus
from kiosk.store import db
from kiosk.store.remote import REQUESTS_CURSOR, RemoteRequest, RemoteService, RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.pulls import parse_request
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR


def _remote(
    code: str, status: TicketStatus, *, hours: float, days_late: float = -1
) -> RemoteRequest:
    updated = ARTICLE_DAY + timedelta(hours=hours)
    return RemoteRequest(
        code=code,
        status=status,
        service_code="property-repair",
        requested=ARTICLE_DAY,
        updated=updated,
        expected=updated - timedelta(days=days_late),
        status_notes="已修好" if status is TicketStatus.CLOSED else "",
    )


def test_a_version_1_file_gains_the_sync_tables_and_keeps_its_tickets(tmp_path: Path):
    path = tmp_path / "tickets.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in db.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    book = TicketBook.open(path)
    ticket = book.submit(
        Draft(draft_id="d1", category=REPAIR.code, phrases=(0,)),
        category=REPAIR,
        kiosk_number=1,
        now=ARTICLE_DAY,
    )
    book.close()
    remote = RemoteStore.open(path)
    try:
        assert remote.pragmas().user_version == db.SCHEMA_VERSION >= 2
        assert remote.state(REQUESTS_CURSOR) is None
        assert (
            remote.apply_requests(
                [_remote(ticket.code, TicketStatus.CLOSED, hours=5)], cursor="c1", etag=None
            )
            == 1
        )
    finally:
        remote.close()
    book = TicketBook.open(path)
    try:
        found = book.get(ticket.code)
        assert found is not None
        assert (found.status, found.answer) == (TicketStatus.CLOSED, "已修好")
    finally:
        book.close()


def test_the_wall_shows_solved_tickets_newest_first_and_the_figures_count_on_time(tmp_path: Path):
    remote = RemoteStore.open(tmp_path / "t.sqlite3")
    try:
        changes = [
            _remote("0020000014", TicketStatus.CLOSED, hours=1),
            _remote("0020000022", TicketStatus.CLOSED, hours=3, days_late=2),
            _remote("0020000030", TicketStatus.IN_PROGRESS, hours=2),
        ]
        assert remote.apply_requests(changes, cursor="x", etag="e") == 0, "none of ours"
        assert [r.code for r in remote.wall(10)] == ["0020000022", "0020000014"]
        (figures,) = remote.monthly(ARTICLE_DAY, 1)
        assert (figures.received, figures.solved, figures.solved_on_time) == (3, 2, 1)
        assert remote.monthly(ARTICLE_DAY + timedelta(days=31), 1)[0].received == 0
        assert remote.state(REQUESTS_CURSOR) == "x"
        remote.apply_requests(
            [_remote("0020000014", TicketStatus.OPEN, hours=4)], cursor="y", etag=None
        )
        assert [r.code for r in remote.wall(10)] == ["0020000022"]
    finally:
        remote.close()


def test_the_services_cache_is_replaced_as_a_whole(tmp_path: Path):
    remote = RemoteStore.open(tmp_path / "t.sqlite3")
    try:
        remote.replace_services([RemoteService("a", "甲"), RemoteService("b", "乙")], etag='"1"')
        remote.replace_services([RemoteService("b", "乙")], etag='"2"')
        assert [s.code for s in remote.services()] == ["b"]
    finally:
        remote.close()


def test_feed_items_without_what_the_wall_needs_are_skipped():
    good = {
        "service_request_id": "0010000015",
        "status": "closed",
        "service_code": "property-repair",
        "requested_datetime": "2024-12-04T15:15:00+08:00",
        "updated_datetime": "2024-12-05T09:00:00+08:00",
        "expected_datetime": "2024-12-07T23:59:59+08:00",
        "extended_attributes": {"detailed_status": "closed", "device_id": "001", "residents": 3},
    }
    parsed = parse_request(good)
    assert parsed is not None
    assert (parsed.status, parsed.residents, parsed.device_id) == (TicketStatus.CLOSED, 3, "001")
    assert parsed.solved_on_time
    broken_items: list[object] = [
        None,
        [],
        {**good, "service_request_id": ""},
        {**good, "requested_datetime": "yesterday"},
        {**good, "status": "lost", "extended_attributes": {}},
    ]
    for broken in broken_items:
        assert parse_request(broken) is None
    naive = parse_request({**good, "updated_datetime": "2024-12-05T01:00:00"})
    assert naive is not None
    assert naive.updated.utcoffset() == timedelta(0)
