"""The kiosk's heartbeat against the real central server: stored there after a round, sent only
when due, a refused key shown to staff at once, and the centre's ticket sequence as the floor of
a fresh ticket book (a replaced SD card must not print codes the centre already has)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import Draft
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.heartbeat import Health
from kiosk.sync.worker import SyncWorker
from tests.fixtures.central_server import CentralServer
from tests.fixtures.kiosk_side import BASE_CONFIG, KioskSide, fast_backoff, now
from tests.sync.fault_proxy import Fault


class Monotonic:
    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


class Reports:
    """The worker's health source; counts how often a heartbeat was made."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self) -> Health:
        self.made += 1
        return Health(version="9.9.9", printer="paper_out", config_sha256="c" * 64)


@pytest.fixture
def clock() -> Monotonic:
    return Monotonic()


@pytest.fixture
def reports() -> Reports:
    return Reports()


def worker_for(
    kiosk: KioskSide, db_path: Path, url: str, reports: Reports, clock: Monotonic
) -> SyncWorker:
    config = kiosk.config(url)
    return SyncWorker.open(
        db_path,
        config=lambda: config,
        now=now,
        backoff=fast_backoff(),
        health=reports,
        monotonic=clock,
    )


@pytest.fixture
def worker(
    kiosk: KioskSide, central: CentralServer, reports: Reports, clock: Monotonic
) -> Iterator[SyncWorker]:
    made = worker_for(kiosk, kiosk.db_path, central.url, reports, clock)
    yield made
    made.close()


def test_a_round_leaves_the_kiosks_heartbeat_at_the_centre(kiosk, central, worker):
    kiosk.report(2)
    result = worker.run_round()
    assert result.ok, result.problem
    stored = central.health(kiosk.device_id)
    assert stored is not None
    assert stored["version"] == "9.9.9"
    assert stored["printer"] == "paper_out"
    assert stored["config_sha256"] == "c" * 64
    assert stored["waiting"] == 2  # the heartbeat goes first, with the floor for new codes


def test_a_heartbeat_is_sent_again_only_after_its_interval(worker, reports, clock):
    assert worker.run_round().ok
    assert worker.run_round().ok
    assert reports.made == 1
    clock.value += BASE_CONFIG.sync.heartbeat_minutes * 60
    assert worker.run_round().ok
    assert reports.made == 2


def test_a_refused_key_is_a_problem_even_with_nothing_to_send(kiosk, central, worker):
    good_key = kiosk.key_file.read_text()
    kiosk.key_file.write_text("not-the-key\n")
    result = worker.run_round()
    assert not result.ok
    problem = worker.status().problem
    assert "heartbeat" in problem
    assert "403" in problem
    assert central.health(kiosk.device_id) is None
    kiosk.key_file.write_text(good_key)
    assert worker.run_round().ok
    assert worker.status().problem == ""


def test_a_fresh_ticket_book_numbers_after_the_centre_once_a_heartbeat_came_back(
    kiosk, central, worker, tmp_path, reports, clock
):
    assert worker.run_round().ok  # as installed: the floor (0) is heard before the first ticket
    old = kiosk.report(3)
    assert worker.run_round().ok
    assert old[0].code == make_code(kiosk.number, 1)

    fresh_path = tmp_path / "new-sd-card.sqlite3"
    book = TicketBook.open(fresh_path)
    outbox = Outbox.open(fresh_path)
    fresh = worker_for(kiosk, fresh_path, central.url, reports, clock)
    try:
        assert fresh.run_round().ok
        category = next(c for c in BASE_CONFIG.content.categories if c.code == "property-repair")
        draft = Draft(draft_id=str(uuid.uuid4()), category=category.code, phrases=(0,))
        ticket = book.submit(draft, category=category, kiosk_number=kiosk.number, now=now())
        assert ticket.code == make_code(kiosk.number, 4)
        result = fresh.run_round()
        assert result.ok, result.problem
        assert (result.sent, result.rejected) == (1, 0)
        assert outbox.counts().rejected == 0
        assert central.tickets(kiosk.device_id)[ticket.code] == 1
    finally:
        fresh.close()
        outbox.close()
        book.close()


def test_a_failing_heartbeat_holds_no_ticket_back_and_is_tried_next_round(
    kiosk, central, proxy, reports, clock
):
    worker = worker_for(kiosk, kiosk.db_path, proxy.url, reports, clock)
    try:
        kiosk.report(2)
        proxy.plan(Fault.BUSY_503, only=b"POST /kiosks/")
        result = worker.run_round()
        assert result.ok, result.problem
        assert result.sent == 2
        assert central.health(kiosk.device_id) is None
        assert worker.run_round().ok  # not yet due by the clock, but the last one failed
        assert reports.made == 2
        assert central.health(kiosk.device_id) is not None
    finally:
        worker.close()
