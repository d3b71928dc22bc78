"""What the kiosk does with the server's answers: invalid requests are rejected and kept with the
reason; a refused key or a wrong address rejects nothing and is reported; the key never shows."""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from dataclasses import replace

from kiosk.domain.content import Category
from kiosk.domain.text import Text
from kiosk.domain.tickets import Draft
from kiosk.store.outbox import OutboxState
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.worker import SyncWorker
from tests.fixtures.kiosk_side import BASE_CONFIG, assert_exactly_once, fast_backoff, now

HOT_WATER = Category(
    code="hot-water",  # a category this kiosk has but the centre does not
    name=Text({"zh": "热水"}),
    icon="cup",
    responsible=Text({"zh": "红色驿站"}),
    deadline_days=1,
    phrases=(Text({"zh": "没有热水"}),),
)


def _items(kiosk) -> list[tuple[str, str, int, str]]:
    conn = sqlite3.connect(kiosk.db_path)
    try:
        return conn.execute(
            "SELECT ticket_code, state, attempts, reason FROM outbox ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_an_unknown_service_is_rejected_with_the_reason_and_the_rest_are_sent(central, kiosk):
    good = kiosk.report(2)
    draft = Draft(draft_id=str(uuid.uuid4()), category="hot-water", phrases=(0,))
    odd = kiosk.book.submit(draft, category=HOT_WATER, kiosk_number=kiosk.number, now=now())
    kiosk.report(1)
    worker = kiosk.worker(central.url)
    try:
        first = worker.run_round()
        assert first.ok
        assert (first.sent, first.rejected) == (3, 1)
        assert worker.run_round().rejected == 0, "a rejected item is not tried again"
        report = worker.report()
    finally:
        worker.close()
    assert (report.waiting, report.rejected) == (0, 1)
    (rejected,) = kiosk.outbox.rejected()
    assert rejected.ticket_code == odd.code
    assert rejected.state is OutboxState.REJECTED
    assert rejected.attempts == 1
    assert "404" in rejected.reason
    assert "hot-water" in rejected.reason
    assert sorted(central.tickets(kiosk.device_id)) == sorted(
        t.code for t in kiosk.book.recent(10) if t.code != odd.code
    )
    assert good[0].code in central.tickets(kiosk.device_id)


def test_a_refused_api_key_rejects_nothing_and_says_so_until_the_key_is_fixed(
    central, kiosk, caplog
):
    caplog.set_level(logging.DEBUG)
    right = kiosk.key_file.read_text().strip()
    wrong = "not-the-key-" + uuid.uuid4().hex
    kiosk.key_file.write_text(wrong)
    kiosk.report(3)
    worker = kiosk.worker(central.url)
    try:
        result = worker.run_round()
        assert not result.ok
        assert "403" in result.problem
        assert "API key" in result.problem
        report = worker.report()
        assert (report.online, report.waiting, report.rejected) == (True, 3, 0)
        assert report.problem == result.problem
        kiosk.key_file.write_text(right + "\n")
        fixed = worker.run_round(everything=True)
        assert fixed.ok, fixed.problem
        assert worker.report().problem == ""
    finally:
        worker.close()
    assert_exactly_once(central, kiosk)
    shown = caplog.text + repr(result) + repr(report) + json.dumps(_items(kiosk))
    assert wrong not in shown
    assert right not in shown


def test_a_wrong_jurisdiction_touches_no_item_and_is_reported(central, kiosk):
    kiosk.report(2)
    config = kiosk.config(central.url)
    config = replace(config, central=replace(config.central, jurisdiction_id="elsewhere"))
    worker = SyncWorker.open(kiosk.db_path, config=lambda: config, backoff=fast_backoff())
    try:
        result = worker.run_round(everything=True)
    finally:
        worker.close()
    assert not result.ok
    assert "404" in result.problem
    assert "jurisdiction" in result.problem
    assert [(state, attempts) for _code, state, attempts, _r in _items(kiosk)] == [
        ("waiting", 0),
        ("waiting", 0),
    ]


def test_a_ticket_code_already_taken_under_another_key_is_rejected(central, kiosk, tmp_path):
    """A replaced store that counts from 1 as if the centre held nothing (an older version's, or
    a floor gone wrong) reuses a code: the centre says 409, and staff see it refused."""
    worker = kiosk.worker(central.url)
    try:
        assert worker.run_round().ok  # the floor: 0
        (first,) = kiosk.report(1)
        assert worker.run_round().ok
    finally:
        worker.close()
    fresh_path = tmp_path / "replaced.sqlite3"
    remote = RemoteStore.open(fresh_path)
    try:
        remote.raise_sequence_floor(kiosk.number, 0)
    finally:
        remote.close()
    fresh = TicketBook.open(fresh_path)
    try:
        category = next(c for c in BASE_CONFIG.content.categories if c.code == "sanitation")
        draft = Draft(draft_id=str(uuid.uuid4()), category="sanitation", phrases=(1,))
        again = fresh.submit(draft, category=category, kiosk_number=kiosk.number, now=now())
    finally:
        fresh.close()
    assert again.code == first.code
    config = kiosk.config(central.url)
    other = SyncWorker.open(fresh_path, config=lambda: config, backoff=fast_backoff())
    try:
        result = other.run_round()
        assert (result.ok, result.rejected) == (True, 1)
    finally:
        other.close()
    conn = sqlite3.connect(fresh_path)
    try:
        (reason,) = conn.execute("SELECT reason FROM outbox").fetchone()
    finally:
        conn.close()
    assert "409" in reason


def test_a_changed_payload_under_the_same_key_is_rejected_as_a_conflict(central, kiosk):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    try:
        assert worker.run_round().ok
        conn = sqlite3.connect(kiosk.db_path)
        try:
            (payload,) = conn.execute("SELECT payload FROM outbox").fetchone()
            changed = json.loads(payload) | {"description": "something else"}
            conn.execute("UPDATE outbox SET state = 'waiting', payload = ?", (json.dumps(changed),))
            conn.commit()
        finally:
            conn.close()
        result = worker.run_round()
    finally:
        worker.close()
    assert result.rejected == 1
    (item,) = kiosk.outbox.rejected()
    assert item.ticket_code == ticket.code
    assert "422" in item.reason
