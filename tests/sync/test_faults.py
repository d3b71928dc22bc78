"""Every fault of the link between kiosk and centre, with the proxy in between: afterwards each
ticket and each added voice is on the server exactly once, and nothing is lost."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from tests.fixtures.kiosk_side import assert_exactly_once, wait_for
from tests.sync.fault_proxy import Fault

# Each fault, and what the kiosk records as the item's last error (shown to staff).
POST_FAULTS = {
    Fault.BLACKHOLE: "timed out|no whole answer",
    Fault.DRIP: "no whole answer within 1 s",
    Fault.RESET: "connection lost",
    Fault.TRUNCATE: "connection lost",
    Fault.ERROR_500: "HTTP 500",
    Fault.BUSY_503: "HTTP 503",
    Fault.LIMIT_429: "HTTP 429",
    Fault.GARBAGE: "connection lost",
    Fault.HUGE: "answer over 1048576 bytes",
}


def _attempts_and_errors(kiosk) -> tuple[int, list[str]]:
    conn = sqlite3.connect(kiosk.db_path)
    try:
        rows = conn.execute("SELECT attempts, last_error FROM outbox").fetchall()
    finally:
        conn.close()
    return sum(r[0] for r in rows), [r[1] for r in rows if r[1]]


def _drain_through(proxy, kiosk, *, deadline: float = 1.0) -> None:
    worker = kiosk.worker(proxy.url, deadline=deadline)
    worker.start()
    try:
        wait_for(lambda: kiosk.waiting() == 0 and proxy.pending() == 0, "the outbox to drain")
    finally:
        worker.close()


@pytest.mark.parametrize("fault", list(POST_FAULTS), ids=lambda f: f.value)
def test_after_a_fault_on_posts_every_item_is_on_the_server_exactly_once(
    central, kiosk, proxy, fault
):
    tickets = kiosk.report(3)
    kiosk.join(tickets[1].code)
    proxy.plan(*[fault] * 3, only=b"POST /requests")  # the items; heartbeats: test_heartbeat
    _drain_through(proxy, kiosk)
    assert proxy.seen[fault] == 3
    assert_exactly_once(central, kiosk)
    attempts, errors = _attempts_and_errors(kiosk)
    assert attempts == 4 + 3, "one attempt per item, plus one per fault"
    assert errors
    assert all(re.search(POST_FAULTS[fault], error) for error in errors), errors


@pytest.mark.parametrize("fault", [Fault.DRIP, Fault.GARBAGE, Fault.HUGE], ids=lambda f: f.value)
def test_a_fault_on_the_reads_delays_sending_but_loses_nothing(central, kiosk, proxy, fault):
    kiosk.report(2)
    proxy.plan(fault, fault, only=b"GET ")
    _drain_through(proxy, kiosk)
    assert proxy.seen[fault] == 2
    assert_exactly_once(central, kiosk)
    assert _attempts_and_errors(kiosk) == (2, []), "a failed read touches no item"


def test_a_refused_connection_leaves_every_item_untouched_until_the_centre_is_back(
    central, kiosk, proxy
):
    kiosk.report(2)
    proxy.refuse()
    worker = kiosk.worker(proxy.url)
    worker.start()
    try:
        wait_for(lambda: "cannot connect" in worker.report().problem, "the problem to show")
        status = worker.status()
        assert (status.online, status.waiting) == (False, 2)
        assert [i.attempts for i in kiosk.outbox.due(kiosk.now_later(), 10)] == [0, 0]
        proxy.listen()
        wait_for(lambda: kiosk.waiting() == 0, "the outbox to drain")
        wait_for(lambda: worker.status().online, "online again")
    finally:
        worker.close()
    assert_exactly_once(central, kiosk)


def test_a_storm_of_mixed_faults_still_gives_exactly_once(central, kiosk, proxy):
    rng = random.Random(20241204)
    tickets = kiosk.report(8)
    for ticket in rng.sample(tickets, 3):
        kiosk.join(ticket.code)
    kinds = [f for f in Fault if f is not Fault.PASS]
    proxy.plan(*(rng.choice(kinds + [Fault.PASS] * 3) for _ in range(25)))
    _drain_through(proxy, kiosk, deadline=0.5)
    assert_exactly_once(central, kiosk)
