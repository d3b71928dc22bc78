"""`systemctl stop`, a shut-down or an upgrade sends the kiosk SIGTERM: it must be gone within a
few seconds, cleanly (exit 0, its store whole), while a resident still cannot close it.

The kiosk runs as the Pi's unit starts it (kiosk mode, no --windowed) on the test run's X display.
SDL used to turn SIGTERM into a window close request, which kiosk mode refuses: the kiosk stayed
up until systemd killed it 90 s later, in the middle of whatever it was writing.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.field.kiosk_process import KioskWindow, kiosk_window, run_kiosk_command
from tests.field.x11 import display
from tests.fixtures.central_server import REPO

STOP_WITHIN = 5.0  # seconds; the unit's TimeoutStopSec= is well above this
SETTLE = 3.0  # seconds for the kiosk to act on what a resident did (many frames)


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "kiosk.yaml"
    config.write_text((REPO / "config" / "kiosk.yaml").read_text())
    return config


def _kiosk_windows(window: KioskWindow) -> list[int]:
    with display() as x:
        found = x.windows_of(window.process.pid)
    assert found, "the kiosk's window is not on the display"
    return found


def _ended_within(process: subprocess.Popen[bytes], seconds: float) -> bool:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_sigterm_stops_a_locked_down_kiosk_cleanly_and_a_resident_still_cannot(tmp_path: Path):
    config, data = _config(tmp_path), tmp_path / "data"
    with kiosk_window(config, data, windowed=False) as window:
        assert window.ready, window.log()
        stored = run_kiosk_command(
            *("feedback", "add", "--category", "property-repair", "--text", "lift stuck"),
            *("--config", config, "--data-dir", data),
        )
        assert stored.returncode == 0, stored.stderr
        code = stored.stdout.strip()

        # What a resident (or the window manager on their behalf) can try: all refused.
        with display() as x:
            for found in _kiosk_windows(window):
                x.request_close(found)  # the close button, Alt+F4
                x.press(found, "Escape")
        assert not _ended_within(window.process, SETTLE), window.log()

        started = time.monotonic()
        window.process.send_signal(signal.SIGTERM)
        assert _ended_within(window.process, STOP_WITHIN), window.log()
        took = time.monotonic() - started
        assert window.process.returncode == 0, window.log()
        assert b"STOPPING=1" in window.notifications()
        assert "stopping: SIGTERM" in window.log()
    print(f"the kiosk stopped {took:.1f} s after SIGTERM")

    databases = sorted(data.glob("*.sqlite3"))
    assert databases
    for path in databases:
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
    with sqlite3.connect(data / "tickets.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM tickets WHERE code = ?", (code,)).fetchone() == (1,)


@pytest.mark.parametrize("action", ["close request", "Escape"])
def test_the_same_resident_actions_do_close_a_development_window(tmp_path: Path, action: str):
    """The check above is only worth something if the close request and the key reach the
    window: with --windowed (no lockdown) each of them closes it."""
    with kiosk_window(_config(tmp_path), tmp_path / "data") as window:
        assert window.ready, window.log()
        with display() as x:
            for found in _kiosk_windows(window):
                if action == "Escape":
                    x.press(found, "Escape")
                else:
                    x.request_close(found)
        assert _ended_within(window.process, 20.0), window.log()
