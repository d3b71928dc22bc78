"""Plays a WAV file through an external player (aplay) that a touch can cut off at once.

The player runs in its own session, so stopping it signals its whole process group (a wrapper
script and its children alike). `stop()` only sends a signal and never waits, so the UI thread
may call it on every touch; the speech thread reaps the process and escalates to SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    """How one playback ended: `stopped` means we cut it off, so its exit code says nothing."""

    returncode: int
    stopped: bool
    error: str  # the player's last line on stderr, if any

    @property
    def failed(self) -> bool:
        return not self.stopped and self.returncode != 0


class Player:
    """At most one playback at a time; `argv` + [file] is the command line."""

    def __init__(self, argv: Sequence[str]) -> None:
        if not argv:
            raise ValueError("the player command is empty")
        self.argv = tuple(argv)
        self._lock = threading.Lock()  # held while a pid may be signalled or reaped
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopped = False

    @property
    def playing(self) -> bool:
        with self._lock:
            return self._proc is not None and self._proc.poll() is None

    def start(self, path: Path) -> None:
        """Start playing `path`; the previous playback must have been reaped (`finish`).

        Raises OSError (FileNotFoundError when the player is not installed).
        """
        proc = subprocess.Popen(
            [*self.argv, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        with self._lock:
            self._proc, self._stopped = proc, False

    def stop(self) -> None:
        """Ask the current playback to end now (SIGTERM to its group). Never blocks."""
        with self._lock:
            self._signal(signal.SIGTERM)

    def poll(self) -> Outcome | None:
        """The outcome if the playback has ended (once), else None. Never blocks."""
        with self._lock:
            proc = self._proc
            if proc is None or proc.poll() is None:
                return None
            self._proc = None
            return self._outcome(proc, self._stopped)

    def finish(self, *, grace: float = 0.5) -> Outcome | None:
        """Stop the current playback, wait until it is gone, and return how it ended."""
        self.stop()
        deadline = time.monotonic() + grace
        while True:
            outcome = self.poll()
            if outcome is not None:
                return outcome
            with self._lock:
                if self._proc is None:
                    return None
                if time.monotonic() > deadline:
                    self._signal(signal.SIGKILL)
            time.sleep(0.005)

    def _signal(self, signum: int) -> None:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return  # already over: its own exit code tells how it went
        self._stopped = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signum)  # the group id is the pid: start_new_session

    @staticmethod
    def _outcome(proc: subprocess.Popen[bytes], stopped: bool) -> Outcome:
        error = ""
        if proc.stderr is not None:
            os.set_blocking(proc.stderr.fileno(), False)  # a lingering child may hold it open
            try:
                data = proc.stderr.read() or b""
            except OSError:
                data = b""
            proc.stderr.close()
            lines = data.decode(errors="replace").strip().splitlines()
            error = lines[-1].strip() if lines else ""
        return Outcome(returncode=proc.returncode, stopped=stopped, error=error)
