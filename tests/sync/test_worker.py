"""The worker as the kiosk runs it: a thread that wakes on demand, stops at once (even with a
request hanging), reports its state to the status line, and `kiosk sync --once`."""

from __future__ import annotations

from kiosk.sync.once import sync_once
from tests.fixtures.kiosk_side import assert_exactly_once, fast_backoff, now, wait_for
from tests.sync.fault_proxy import Fault


def test_stop_cuts_a_hanging_request_instead_of_waiting_for_its_deadline(central, kiosk, proxy):
    kiosk.report(1)
    proxy.plan(Fault.BLACKHOLE, only=b"POST /requests")
    worker = kiosk.worker(proxy.url, deadline=300.0)
    worker.start()
    wait_for(lambda: proxy.seen[Fault.BLACKHOLE] == 1, "the request to hang")
    worker.stop(timeout=30.0)
    thread = worker._thread
    assert thread is not None
    assert not thread.is_alive(), "stop() waited for the 300 s deadline"
    worker.close()
    (item,) = kiosk.outbox.due(kiosk.now_later(), 10)
    assert item.attempts == 1, "the cut request is recorded as a retry"


def test_wake_starts_a_round_at_once_instead_of_after_the_interval(central, kiosk):
    worker = kiosk.worker(central.url, interval=3600.0)
    worker.start()
    try:
        wait_for(lambda: worker.status().online, "the first round")
        kiosk.report(2)
        worker.wake()
        wait_for(lambda: kiosk.waiting() == 0, "the woken round to send")
    finally:
        worker.close()
    assert_exactly_once(central, kiosk)


def test_the_status_line_counts_waiting_items_and_the_age_of_the_oldest(central, kiosk, proxy):
    proxy.refuse()
    kiosk.report(2)
    worker = kiosk.worker(proxy.url)
    try:
        worker.run_round()
        status = worker.status()
        assert (status.online, status.waiting) == (False, 2)
        assert status.oldest_waiting is not None
        assert status.oldest_waiting.total_seconds() >= 0
    finally:
        worker.close()


def test_sync_once_exits_0_when_all_is_sent_and_1_with_a_reason_otherwise(central, kiosk, proxy):
    kiosk.report(2)
    proxy.refuse()
    config = kiosk.config(proxy.url)
    code, line = sync_once(config=config, db_path=kiosk.db_path, now=now, backoff=fast_backoff())
    assert code == 1
    assert "\n" not in line
    assert "2 still waiting" in line
    assert "cannot connect" in line
    proxy.listen()
    code, line = sync_once(config=config, db_path=kiosk.db_path, now=now, backoff=fast_backoff())
    assert (code, line) == (0, "sync: nothing waiting; 2 sent, 0 rejected")
    assert_exactly_once(central, kiosk)


def test_sync_once_without_an_api_key_says_where_it_looked(kiosk, tmp_path):
    config = kiosk.config("http://127.0.0.1:9/")
    kiosk.key_file.unlink()
    kiosk.report(1)
    code, line = sync_once(config=config, db_path=kiosk.db_path, now=now)
    assert code == 1
    assert str(kiosk.key_file) in line


def test_one_item_the_centre_chokes_on_does_not_hold_back_the_items_behind_it(
    central, kiosk, proxy
):
    first, *behind = kiosk.report(3)
    proxy.plan(Fault.ERROR_500, only=b"POST /requests")  # the oldest item's post only
    config = kiosk.config(proxy.url)
    code, line = sync_once(config=config, db_path=kiosk.db_path, now=now, backoff=fast_backoff())
    assert code == 1
    assert "1 still waiting" in line
    assert "HTTP 500" in line
    held = central.tickets(kiosk.device_id)
    assert all(held[t.code] == 1 for t in behind)
    (waiting,) = kiosk.outbox.due(kiosk.now_later(), 10)
    assert waiting.ticket_code == first.code
