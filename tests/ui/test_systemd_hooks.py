"""What the Pi's systemd units rely on from the Kivy side: one touch provider, and READY/WATCHDOG
sent from Kivy's own Clock (so a frozen screen stops the pings and the watchdog restarts it)."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from kivy.clock import Clock
from kivy.config import Config

from kiosk.ui.run import tell_systemd


def test_kivy_reads_touches_from_exactly_one_provider():
    assert Config.options("input") == ["mouse"]


def test_ready_then_watchdog_pings_come_from_the_kivy_clock(tmp_path: Path, monkeypatch):
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(path))
        sock.setblocking(False)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        monkeypatch.setenv("WATCHDOG_USEC", "2000")  # a ping every millisecond
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        pings = tell_systemd(Clock)
        received: list[bytes] = []
        try:
            for _ in range(10_000):
                if len(received) >= 3:
                    break
                Clock.tick()
                with contextlib.suppress(BlockingIOError):
                    received.append(sock.recv(64))
        finally:
            pings.cancel()
        assert received[0] == b"READY=1"
        assert received[1:3] == [b"WATCHDOG=1", b"WATCHDOG=1"]
