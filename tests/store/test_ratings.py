"""Ratings in the kiosk's store: one transaction per tap, a double tap recorded once, due at once
unless this kiosk's own report of the ticket is still waiting; the schema-3 migration."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config.loader import load_config
from kiosk.config.paths import REPO_CONFIG
from kiosk.core.desk import Desk
from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import make_code
from kiosk.store import db
from kiosk.store.outbox import Outbox, OutboxKind, OutboxState
from kiosk.store.remote import REQUESTS_CURSOR, RemoteStore
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.old_store import OLD_CODE, make_old_store
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, draft

OTHER_KIOSKS_CODE = make_code(7, 3)
CONFIG = load_config(REPO_CONFIG)
CONFIG = replace(
    CONFIG,
    content=replace(CONFIG.content, community=replace(CONFIG.content.community, kiosk_number=2)),
)


class Wakes:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def wakes() -> Wakes:
    return Wakes()


@pytest.fixture
def desk(book: TicketBook, wakes: Wakes) -> Desk:
    return Desk(book=book, config=lambda: CONFIG, now=lambda: ARTICLE_DAY, stored=wakes)


def _ratings(outbox: Outbox) -> list[tuple[str, str, str]]:
    conn = outbox._conn
    rows = conn.execute(
        "SELECT ticket_code, json_extract(payload, '$.rating'), state FROM outbox "
        "WHERE kind = 'rating' ORDER BY id"
    ).fetchall()
    return [tuple(r) for r in rows]


def test_a_rating_is_stored_at_once_and_a_double_tap_is_recorded_once(desk, outbox, wakes):
    assert desk.my_rating(OTHER_KIOSKS_CODE) is None
    desk.rate(OTHER_KIOSKS_CODE, Rating.SATISFIED)
    desk.rate(OTHER_KIOSKS_CODE, Rating.SATISFIED)
    assert _ratings(outbox) == [(OTHER_KIOSKS_CODE, "satisfied", "waiting")]
    assert wakes.count == 1
    assert desk.my_rating(OTHER_KIOSKS_CODE) is Rating.SATISFIED
    (item,) = outbox.due(ARTICLE_DAY, 10)
    assert item.kind is OutboxKind.RATING
    assert item.fields() == {
        "ticket_code": OTHER_KIOSKS_CODE,
        "rating": "satisfied",
        "device_id": "002",
        "rated_datetime": ARTICLE_DAY.isoformat(),
    }


def test_a_changed_mind_is_a_new_item_and_the_latest_is_mine(desk, outbox):
    desk.rate(OTHER_KIOSKS_CODE, Rating.SATISFIED)
    desk.rate(OTHER_KIOSKS_CODE, Rating.SO_SO)
    assert [r[1] for r in _ratings(outbox)] == ["satisfied", "so_so"]
    assert desk.my_rating(OTHER_KIOSKS_CODE) is Rating.SO_SO
    second = outbox.due(ARTICLE_DAY, 10)[1]
    outbox.mark_rejected(second.id, "HTTP 409: not closed")
    assert desk.my_rating(OTHER_KIOSKS_CODE) is Rating.SATISFIED  # a refused one does not count


def test_after_sending_the_same_rating_again_is_a_new_item(desk, outbox):
    """The ticket may have been re-opened and closed again since: a new verdict."""
    desk.rate(OTHER_KIOSKS_CODE, Rating.NOT_SATISFIED)
    (item,) = outbox.due(ARTICLE_DAY, 10)
    outbox.mark_sent(item.id, OTHER_KIOSKS_CODE)
    desk.rate(OTHER_KIOSKS_CODE, Rating.NOT_SATISFIED)
    assert [r[2] for r in _ratings(outbox)] == ["sent", "waiting"]


def test_a_rating_waits_for_this_kiosks_own_report_of_the_ticket(book, desk, outbox):
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=2, now=ARTICLE_DAY)
    desk.rate(ticket.code, Rating.SATISFIED)
    desk.rate(OTHER_KIOSKS_CODE, Rating.SATISFIED)
    due = outbox.due(ARTICLE_DAY, 10)
    assert [(i.kind, i.ticket_code) for i in due] == [
        (OutboxKind.REQUEST, ticket.code),
        (OutboxKind.RATING, OTHER_KIOSKS_CODE),
    ]
    outbox.mark_sent(due[0].id, ticket.code)
    assert [i.ticket_code for i in outbox.due(ARTICLE_DAY, 10)] == [
        ticket.code,
        OTHER_KIOSKS_CODE,
    ]


def test_a_rejected_report_takes_its_waiting_rating_along(book, desk, outbox):
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=2, now=ARTICLE_DAY)
    desk.rate(ticket.code, Rating.SATISFIED)
    (request,) = outbox.due(ARTICLE_DAY, 10)
    outbox.mark_rejected(request.id, "HTTP 400: bad")
    assert outbox.due(ARTICLE_DAY, 10) == []
    (rating,) = [i for i in outbox.rejected() if i.kind is OutboxKind.RATING]
    assert rating.state is OutboxState.REJECTED
    assert "its ticket was rejected" in rating.reason


def test_a_mistyped_code_is_refused_before_anything_is_stored(desk, outbox, wakes):
    with pytest.raises(ValueError, match="not a valid ticket code"):
        desk.rate(OTHER_KIOSKS_CODE[:-1] + "0", Rating.SATISFIED)
    assert _ratings(outbox) == []
    assert wakes.count == 0


def test_a_version_2_file_keeps_its_outbox_and_learns_close_times(tmp_path: Path):
    path = tmp_path / "tickets.sqlite3"
    make_old_store(path, 2)
    conn = sqlite3.connect(path, isolation_level=None)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.execute(
        "INSERT INTO remote_requests (code, status, service_code, requested, updated, "
        "updated_ts) VALUES ('0070000035', 'closed', 'sanitation', ?, ?, ?)",
        (ARTICLE_DAY.isoformat(), ARTICLE_DAY.isoformat(), ARTICLE_DAY.timestamp()),
    )
    conn.execute("INSERT INTO sync_state (name, value) VALUES ('requests_cursor', 'x')")
    conn.close()
    remote = RemoteStore.open(path)
    outbox = Outbox.open(path)
    try:
        assert remote.pragmas().user_version == db.SCHEMA_VERSION
        old = remote.request("0070000035")
        assert old is not None
        assert old.closed == ARTICLE_DAY
        assert remote.state(REQUESTS_CURSOR) is None  # everything is pulled again
        (item,) = outbox.due(ARTICLE_DAY, 10)
        assert (item.kind, item.ticket_code) == (OutboxKind.REQUEST, OLD_CODE)
        with pytest.raises(sqlite3.IntegrityError):  # still no request without its ticket
            outbox._conn.execute(
                "INSERT INTO outbox (key, kind, ticket_code, payload, created) "
                "VALUES ('k', 'request', '0010000099', '{}', 'now')"
            )
    finally:
        outbox.close()
        remote.close()
