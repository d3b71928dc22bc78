"""Kiosk to the real central server and back, on loopback: send, then read answers offline."""

from __future__ import annotations

from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import REQUESTS_CURSOR
from kiosk.wire.device import device_id
from tests.fixtures.kiosk_side import (
    assert_exactly_once,
    now,
    solved_at_another_kiosk,
    wait_for,
)


def test_the_worker_thread_sends_tickets_and_joins_once_and_goes_online(central, kiosk):
    tickets = kiosk.report(3)
    kiosk.join(tickets[0].code)
    kiosk.join(tickets[0].code)
    worker = kiosk.worker(central.url)
    before = worker.status()
    assert (before.online, before.waiting) == (False, 5)
    assert before.oldest_waiting is not None
    worker.start()
    try:
        wait_for(lambda: worker.status().waiting == 0, "the outbox to drain")
        wait_for(lambda: worker.status().online, "the status line to say online")
        assert worker.status().oldest_waiting is None
        assert worker.report().problem == ""
    finally:
        worker.close()
    assert_exactly_once(central, kiosk)
    assert central.residents(tickets[0].code) == 3


def test_answers_from_staff_reach_the_ticket_book_and_the_echo_wall(central, kiosk):
    first, second = kiosk.report(2)
    worker = kiosk.worker(central.url)
    try:
        assert worker.run_round().ok
        central.answer(first.code, status="closed", notes="充电桩已修好")
        central.answer(second.code, status="in_progress", notes="")
        result = worker.run_round()
        assert result.ok
        assert result.pulled == 2
    finally:
        worker.close()
    closed = kiosk.book.get(first.code)
    assert closed is not None
    assert (closed.status, closed.answer) == (TicketStatus.CLOSED, "充电桩已修好")
    busy = kiosk.book.get(second.code)
    assert busy is not None
    assert busy.status is TicketStatus.IN_PROGRESS
    remote = kiosk.remote()
    try:
        wall = remote.wall(100)
        assert first.code in [r.code for r in wall]
        assert second.code not in [r.code for r in wall]
        mine = remote.request(first.code)
        assert mine is not None
        assert mine.status_notes == "充电桩已修好"
        assert mine.solved_on_time
        assert "13912345678" not in repr(wall)
        (figures,) = remote.monthly(now(), 1)  # reported just now: this month's cohort
        assert figures.received >= 2
        assert figures.solved >= 1
        assert figures.solved_on_time >= 1
        assert {s.code for s in remote.services()} >= {"property-repair", "sanitation"}
    finally:
        remote.close()


def test_a_reopened_ticket_leaves_the_wall_and_an_idle_round_changes_nothing(central, kiosk):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    remote = kiosk.remote()
    try:
        worker.run_round()
        central.answer(ticket.code, status="closed", notes="已处理")
        worker.run_round()
        assert ticket.code in [r.code for r in remote.wall(1000)]
        central.answer(ticket.code, status="open", notes="居民说还没修好")
        worker.run_round()
        assert ticket.code not in [r.code for r in remote.wall(1000)]
        reopened = kiosk.book.get(ticket.code)
        assert reopened is not None
        assert reopened.status is TicketStatus.OPEN
        cursor = remote.state(REQUESTS_CURSOR)
        idle = worker.run_round()
        assert idle.ok
        assert idle.pulled == 0
        assert remote.state(REQUESTS_CURSOR) == cursor
    finally:
        remote.close()
        worker.close()


def test_another_kiosks_solved_ticket_shows_on_this_kiosks_wall(central, kiosk, tmp_path):
    other_number = kiosk.number + 500
    theirs = solved_at_another_kiosk(central, tmp_path, other_number)
    worker = kiosk.worker(central.url)
    try:
        assert worker.run_round().ok
    finally:
        worker.close()
    remote = kiosk.remote()
    try:
        shown = {r.code: r for r in remote.wall(1000)}
    finally:
        remote.close()
    assert shown[theirs.code].status_notes == "垃圾已清运"
    assert shown[theirs.code].device_id == device_id(other_number)
    assert kiosk.book.get(theirs.code) is None, "another kiosk's ticket is not in this book"
