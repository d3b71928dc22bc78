"""Ratings and look-up against the real central server on loopback: a closed ticket reaches the
wall in one round, a rating is sent once and comes back in the feed, refusals are kept with the
centre's reason, and a look-up asks the centre from any thread."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

import pytest
import requests

from kiosk.core.desk import Desk
from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.store.outbox import OutboxKind
from kiosk.store.remote import RemoteRequest
from kiosk.sync.errors import SyncError, TransportError
from kiosk.sync.worker import SyncWorker
from tests.fixtures.central_server import REPO, CentralServer, free_port
from tests.fixtures.kiosk_side import (
    WAIT,
    KioskSide,
    assert_exactly_once,
    fast_backoff,
    now,
    wait_for,
)


def _desk(kiosk: KioskSide, url: str) -> Desk:
    config = kiosk.config(url)
    return Desk(book=kiosk.book, config=lambda: config, now=now)


def test_a_ticket_closed_at_the_centre_is_on_the_wall_after_one_round_and_rated_once(
    central: CentralServer, kiosk: KioskSide
):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    remote = kiosk.remote()
    try:
        assert worker.run_round().ok
        assert ticket.code not in [r.code for r in remote.wall(1000)]
        central.answer(ticket.code, status="closed", notes="路灯已修好")
        assert worker.run_round().ok  # one round
        shown = {r.code: r for r in remote.wall(1000)}
        assert shown[ticket.code].status_notes == "路灯已修好"
        closed = shown[ticket.code].closed
        assert closed is not None
        assert shown[ticket.code].solved_on_time
        assert shown[ticket.code].rating is None

        desk = _desk(kiosk, central.url)
        desk.rate(ticket.code, Rating.SATISFIED)
        desk.rate(ticket.code, Rating.SATISFIED)  # a double tap
        assert desk.my_rating(ticket.code) is Rating.SATISFIED
        result = worker.run_round()
        assert (result.ok, result.sent) == (True, 1)
        assert central.ratings(ticket.code) == ["satisfied"]
        assert worker.run_round().ok  # the rating comes back in the feed
        back = remote.request(ticket.code)
        assert back is not None
        assert (back.rating, back.closed) == (Rating.SATISFIED, closed)  # still closed then
        (month,) = remote.monthly(now(), 1)
        assert month.rated >= 1
        assert month.satisfied >= 1
        assert month.solved >= 1
    finally:
        remote.close()
        worker.close()


def test_not_satisfied_reopens_the_ticket_and_it_leaves_the_wall(central, kiosk):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    remote = kiosk.remote()
    try:
        worker.run_round()
        central.answer(ticket.code, status="closed", notes="已处理")
        worker.run_round()
        _desk(kiosk, central.url).rate(ticket.code, Rating.NOT_SATISFIED)
        assert worker.run_round().sent == 1
        worker.run_round()
        assert ticket.code not in [r.code for r in remote.wall(1000)]
        back = remote.request(ticket.code)
        assert back is not None
        assert (back.status, back.rating, back.closed) == (
            TicketStatus.OPEN,
            Rating.NOT_SATISFIED,
            None,
        )
        mine = kiosk.book.get(ticket.code)
        assert mine is not None
        assert mine.status is TicketStatus.OPEN
    finally:
        remote.close()
        worker.close()


def test_ratings_the_centre_refuses_are_kept_with_its_reason(central, kiosk):
    (ticket,) = kiosk.report(1)
    desk = _desk(kiosk, central.url)
    unknown = make_code(kiosk.number + 700, 1)
    desk.rate(ticket.code, Rating.SATISFIED)  # still open at the centre
    desk.rate(unknown, Rating.SO_SO)
    worker = kiosk.worker(central.url)
    try:
        result = worker.run_round()
    finally:
        worker.close()
    assert (result.sent, result.rejected) == (1, 2)  # the report went, both ratings refused
    reasons = {i.ticket_code: i.reason for i in kiosk.outbox.rejected()}
    assert reasons[ticket.code].startswith("HTTP 409")
    assert "not closed" in reasons[ticket.code]
    assert reasons[unknown].startswith("HTTP 404")
    assert desk.my_rating(ticket.code) is None
    assert all(i.kind is OutboxKind.RATING for i in kiosk.outbox.rejected())


def test_look_up_asks_the_centre_and_keeps_the_answer(central, kiosk, tmp_path):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    try:
        assert worker.look_up(ticket.code) is None  # not sent yet: the centre does not know it
        worker.start()  # the worker thread runs meanwhile; look-up has its own client
        found: list[RemoteRequest] = []
        errors: list[BaseException] = []

        def ask() -> None:
            try:
                for _ in range(200):
                    answer = worker.look_up(ticket.code)
                    if answer is not None:
                        found.append(answer)
                        return
                    threading.Event().wait(0.05)
            except BaseException as error:
                errors.append(error)

        thread = threading.Thread(target=ask)
        thread.start()
        thread.join(timeout=60)
        assert errors == []
        assert [r.code for r in found] == [ticket.code]
    finally:
        worker.close()
    remote = kiosk.remote()
    try:
        stored = remote.request(ticket.code)
        assert stored is not None
        assert stored.status is TicketStatus.OPEN
    finally:
        remote.close()


def test_look_up_when_offline_raises_a_sync_error(kiosk):
    dead = f"http://127.0.0.1:{free_port()}/"
    config = kiosk.config(dead, deadline=1.0)
    worker = SyncWorker.open(kiosk.db_path, config=lambda: config, backoff=fast_backoff())
    try:
        with pytest.raises(TransportError) as caught:
            worker.look_up(make_code(1, 1))
        assert isinstance(caught.value, SyncError)
        mistyped = make_code(1, 1)[:-1] + str((int(make_code(1, 1)[-1]) + 1) % 10)
        assert worker.look_up(mistyped) is None  # caught by the check digit, nothing asked
    finally:
        worker.close()


def _run(module: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_rating_survives_kill_9_after_the_tap_and_mid_sync_and_counts_once(central, kiosk, proxy):
    (ticket,) = kiosk.report(1)
    worker = kiosk.worker(central.url)
    try:
        assert worker.run_round().ok
    finally:
        worker.close()
    central.answer(ticket.code, status="closed", notes="电梯已修好")
    common = (str(kiosk.db_path), proxy.url, str(kiosk.key_file), str(kiosk.number))

    # 1. Killed right after the tap was acknowledged, before any sync.
    tap = _run("tests.sync.rate_process", *common, ticket.code, "satisfied")
    try:
        assert tap.stdout is not None
        assert tap.stdout.readline().strip() == "rated satisfied"
    finally:
        tap.kill()
        tap.wait(timeout=WAIT)
    assert tap.returncode == -signal.SIGKILL
    assert central.ratings(ticket.code) == []
    assert kiosk.waiting() == 1  # on disk, once, despite the double tap

    # 2. The sync process killed after the centre stored the rating, before it heard the answer.
    proxy.delay = 1.0
    sync = _run("tests.sync.sync_process", *common)
    try:
        wait_for(lambda: central.ratings(ticket.code) != [], "the centre to store the rating")
        sync.send_signal(signal.SIGKILL)
        sync.wait(timeout=WAIT)
    finally:
        if sync.poll() is None:
            sync.kill()
    assert sync.returncode == -signal.SIGKILL
    assert kiosk.waiting() == 1, "the kill came after the kiosk heard the answer"

    # 3. Started again: the same key is replayed, the centre counts the rating once.
    proxy.delay = 0.0
    again = _run("tests.sync.sync_process", *common)
    out, _ = again.communicate(timeout=WAIT)
    assert again.returncode == 0, out
    assert kiosk.waiting() == 0
    assert central.ratings(ticket.code) == ["satisfied"]
    assert_exactly_once(central, kiosk)
    figures = requests.get(central.url + "figures.json", params={"months": 1}, timeout=10).json()
    assert figures["months"][-1]["rated"] >= 1
