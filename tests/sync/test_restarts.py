"""Crashes on either side mid-drain: the central server restarted, the kiosk's sync process
killed with SIGKILL and started again. Afterwards every item is on the server exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
from functools import partial

from tests.fixtures.central_server import REPO
from tests.fixtures.kiosk_side import WAIT, assert_exactly_once, wait_for

TICKETS = 30


def test_the_central_server_restarted_mid_drain_loses_and_doubles_nothing(central, kiosk, proxy):
    tickets = kiosk.report(TICKETS)
    kiosk.join(tickets[0].code)
    proxy.delay = 0.03  # a slow link, so the restart lands mid-drain
    worker = kiosk.worker(proxy.url)
    worker.start()
    try:
        wait_for(lambda: len(central.tickets(kiosk.device_id)) >= 5, "the drain to start")
        central.stop(signal.SIGKILL)
        assert len(central.tickets(kiosk.device_id)) < TICKETS, "the drain was over too soon"
        wait_for(lambda: not worker.status().online, "the kiosk to notice")
        central.start()
        wait_for(lambda: kiosk.waiting() == 0, "the outbox to drain after the restart")
    finally:
        worker.close()
        if central.process is None:
            central.start()  # the other tests share this server
    assert_exactly_once(central, kiosk)


def _on_server(central, kiosk, count: int) -> bool:
    return len(central.tickets(kiosk.device_id)) >= count


def _sync_process(kiosk, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.sync.sync_process"),
            *(str(kiosk.db_path), url, str(kiosk.key_file), str(kiosk.number)),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_sync_process_killed_mid_drain_and_restarted_sends_each_item_once(
    central, kiosk, proxy
):
    tickets = kiosk.report(TICKETS)
    for ticket in tickets[:3]:
        kiosk.join(ticket.code)
    proxy.delay = 0.1  # between the server's commit and the kiosk hearing of it: kill in there
    ahead = []
    for kill_at in (3, 12, 21):
        process = _sync_process(kiosk, proxy.url)
        try:
            wait_for(partial(_on_server, central, kiosk, kill_at), f"{kill_at} on the server")
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=WAIT)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == -signal.SIGKILL
        assert kiosk.waiting() > 0, "the drain was over before the kill"
        ahead.append(len(central.tickets(kiosk.device_id)) - kiosk.outbox.sent_count())
    assert any(n > 0 for n in ahead), "no kill fell between the server's commit and the answer"
    process = _sync_process(kiosk, proxy.url)
    out, _ = process.communicate(timeout=WAIT)
    assert process.returncode == 0, out
    assert "nothing waiting" in out
    assert_exactly_once(central, kiosk)
