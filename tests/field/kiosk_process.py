"""The real `kiosk` command in a subprocess for the field tests: one command run to its end, or
`kiosk run` (`--windowed`, or locked down as on the Pi) on the test run's X display until its
first frame (READY=1)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures.central_server import REPO
from tests.fixtures.processes import stop_process

FIRST_FRAME_TIMEOUT = 90.0  # a cold Kivy start under Xvfb on a busy 2-core machine
LOG_TIMEOUT = 60.0  # for a line the kiosk logs after an event (its config poll is every second)


def kiosk_command(*args: str | Path) -> list[str]:
    """The `kiosk` command as an installed kiosk runs it."""
    return [sys.executable, "-m", "kiosk", *map(str, args)]


def run_kiosk_command(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 120.0
) -> subprocess.CompletedProcess[str]:
    """One `kiosk …` command to its end, its output kept for the test's messages."""
    return subprocess.run(
        kiosk_command(*args),
        cwd=REPO,
        env={**os.environ, "KIVY_NO_ARGS": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@dataclass(frozen=True)
class Started:
    """What a kiosk process said while it started: its log (stderr+stdout) and whether systemd
    was told READY=1, which kiosk.ui.run sends from Kivy's Clock once start-up is over."""

    ready: bool
    exit_code: int | None  # None: still running when the test stopped it (as it should be)
    log: str


class KioskWindow:
    """A running `kiosk run`: whether it reached its first frame, its log, and what else it told
    systemd after READY=1."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        log_file: Path,
        *,
        ready: bool,
        notify: socket.socket | None = None,
    ) -> None:
        self.process = process
        self.log_file = log_file
        self.ready = ready
        self._notify = notify

    def notifications(self) -> list[bytes]:
        """The messages sent to systemd's notify socket since READY=1 (or the last call)."""
        received: list[bytes] = []
        if self._notify is not None:
            with contextlib.suppress(TimeoutError, BlockingIOError):
                while True:
                    received.append(self._notify.recv(64))
        return received

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, text: str) -> str:
        """The log once it holds `text` (or the process ended, or LOG_TIMEOUT passed)."""
        deadline = time.monotonic() + LOG_TIMEOUT
        while time.monotonic() < deadline and self.process.poll() is None:
            current = self.log()
            if text in current:
                return current
            time.sleep(0.2)  # polling a log for an event, not waiting for one to happen
        return self.log()


@contextmanager
def kiosk_window(
    config: Path, data_dir: Path, *, env: dict[str, str] | None = None, windowed: bool = True
) -> Iterator[KioskWindow]:
    """`kiosk run --windowed` on `config` until its first frame (READY=1), stopped on exit;
    `windowed=False`: in kiosk mode (full screen, locked down), as the Pi's unit starts it.
    Needs the test run's X display (the README's test command has one)."""
    if not os.environ.get("DISPLAY"):
        pytest.fail("the field suite draws a real window: run it under xvfb-run (scripts/check.sh)")
    notify = data_dir.parent / f"notify-{data_dir.name}"
    notify.unlink(missing_ok=True)
    log_file = data_dir.parent / f"kiosk-{data_dir.name}.log"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock, log_file.open("wb") as log:
        sock.bind(str(notify))
        sock.settimeout(0.2)
        process = subprocess.Popen(
            kiosk_command(
                "run",
                *(["--windowed"] if windowed else []),
                *("--config", config, "--data-dir", data_dir),
            ),
            cwd=REPO,
            env={
                **os.environ,
                "KIVY_NO_ARGS": "1",
                "NOTIFY_SOCKET": str(notify),
                "PYTHONUNBUFFERED": "1",
                **(env or {}),
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            ready = False
            deadline = time.monotonic() + FIRST_FRAME_TIMEOUT
            while not ready and process.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    ready = sock.recv(256).startswith(b"READY=1")  # then STATUS=
            yield KioskWindow(process, log_file, ready=ready, notify=sock)
        finally:
            stop_process(process)
            notify.unlink(missing_ok=True)


def start_kiosk_window(
    config: Path, data_dir: Path, *, env: dict[str, str] | None = None, linger: float = 2.0
) -> Started:
    """`kiosk run --windowed` on `config`, until its first frame and `linger` seconds more (a
    crash right after the first frame counts too), then stopped."""
    with kiosk_window(config, data_dir, env=env) as window:
        if window.ready:
            time.sleep(linger)
        code = window.process.poll()
    return Started(ready=window.ready, exit_code=code, log=window.log())
