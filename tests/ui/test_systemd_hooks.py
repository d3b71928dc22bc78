"""What the Pi's systemd units rely on from the Kivy side: one touch provider, and READY/WATCHDOG
sent from Kivy's own Clock (so a frozen screen stops the pings and the watchdog restarts it)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from kivy.clock import Clock
from kivy.config import Config
from kivy.core.window import Window

from kiosk.ui.run import keep_what_start_up_made, tell_systemd
from tests.ui.helpers import Kiosk, before_each_swap


def test_kivy_reads_touches_from_exactly_one_provider():
    assert Config.options("input") == ["mouse"]


class NotifySocket:
    """$NOTIFY_SOCKET bound to a datagram socket of the test's own: what systemd would hear."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.received: list[bytes] = []

    def drain(self) -> list[bytes]:
        with contextlib.suppress(BlockingIOError):
            while True:
                self.received.append(self.sock.recv(256))
        return self.received


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch) -> Iterator[NotifySocket]:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.setblocking(False)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        monkeypatch.setenv("WATCHDOG_USEC", "20000")  # a ping every 10 ms
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        yield NotifySocket(sock)


def test_watchdog_pings_begin_at_once_and_ready_waits_for_start_up_to_be_over(
    kiosk: Kiosk, systemd: NotifySocket
):
    over = False

    def redrawn_and_heard() -> None:  # frames that draw and flip, as a starting kiosk's do
        Window.canvas.ask_update()
        systemd.drain()  # a full socket would block the sender

    events = tell_systemd(Clock, Window, lambda: over)
    try:
        kiosk.wait_for(lambda: False, seconds=0.5, each=redrawn_and_heard)  # 5 READY checks
        before = list(systemd.received)
        over = True
        kiosk.wait_for(lambda: b"READY=1" in b"".join(systemd.received), each=redrawn_and_heard)
        after = systemd.received[len(before) :]
    finally:
        for event in events:
            event.cancel()
    assert before[0] == b"STATUS=starting: drawing the home screen"
    assert b"WATCHDOG=1" in before  # a slow start is watched already ...
    assert not [m for m in before if m.startswith(b"READY=1")]  # ... but is not READY yet
    ready = [m.decode() for m in after if m.startswith(b"READY=1")]
    assert len(ready) == 1
    assert "STATUS=running; home screen drawn" in ready[0]


def test_start_up_is_over_once_every_screen_is_made_after_the_first_frame(kiosk: Kiosk):
    assert kiosk.wait_for(lambda: not kiosk.app.missing_screens())
    assert kiosk.current == "home"


def test_what_start_up_made_is_kept_at_the_first_frame_and_again_once_start_up_is_over(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
):
    over = False
    kept: list[bool] = []
    kept_at_swaps: list[int] = []

    def keep() -> int:
        kept.append(over)
        return len(kept)

    before_each_swap(monkeypatch, lambda: kept_at_swaps.append(len(kept)))
    event = keep_what_start_up_made(Clock, Window, lambda: over, keep)
    try:
        # Counted in frames, not seconds: on a loaded machine half a second may hold one frame,
        # and the keep comes in the frame after the flip.
        assert kiosk.wait_for(lambda: len(kept) == 1, each=Window.canvas.ask_update)
        for _ in range(10):
            Window.canvas.ask_update()
            kiosk.driver.frames(1)
        before = list(kept)
        over = True
        assert kiosk.wait_for(lambda: len(kept) == 2, each=Window.canvas.ask_update)
        kiosk.wait_for(lambda: False, seconds=0.3, each=Window.canvas.ask_update)
    finally:
        event.cancel()
    assert kept_at_swaps[0] == 0  # not before that frame is on the window ...
    assert before == [False]  # ... but right after it, while start-up goes on
    assert kept == [False, True]  # then once it is over, and never again
