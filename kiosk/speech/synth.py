"""The kiosk's side of the synthesis worker: start it, send it texts, and kill it when it hangs.

The worker is a plain child process (`python -P engine_worker.py`) talking JSON lines, not a
multiprocessing one: spawn would re-import the app's main module (and Kivy) in the child, and a
child killed mid-write can leave a multiprocessing queue's lock held. A pipe and a kill are all
we need. One thread at a time may use a `Synthesizer`; `close()` may be called from any thread.

A dead worker shows itself three ways, depending on how far its death had got: an exit code
(`start()` starts a new one), a broken pipe when the request is written (the request never
arrived, so a fresh worker is given it at once), or end of file while the answer is awaited
(EngineCrashedError: the caller decides whether to try again). `close()` never raises.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from itertools import count
from pathlib import Path
from typing import IO, Any

WORKER = Path(__file__).with_name("engine_worker.py")


class EngineError(Exception):
    """Synthesis failed; `str()` is a plain sentence for staff."""


class EngineStartError(EngineError):
    """The engine could not start at all (espeak-ng or pyttsx3 missing or broken)."""


class EngineCrashedError(EngineError):
    """The worker process died during a request."""


class EngineHungError(EngineError):
    """The worker gave no answer in time and was killed."""


def unfinished(out: Path) -> Path:
    """The file the worker writes before renaming it to `out` (engine_worker.py's `.part`)."""
    return out.with_name(out.name + ".part")


class Synthesizer:
    """A restartable synthesis worker with a watchdog: no answer within `timeout`, it is killed."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        start_timeout: float = 20.0,
        command: Sequence[str] = (sys.executable, "-P", str(WORKER)),
    ) -> None:
        """`command` runs a worker speaking engine_worker.py's protocol (tests stand one in)."""
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.command = list(command)
        self.starts = 0
        self._ids = count(1)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._buffer = b""
        self._ended = False  # the last _read met end of file: the worker is gone

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def start(self) -> None:
        """Start the worker unless it is running; EngineStartError if it cannot get ready."""
        if self._proc is not None and self._proc.poll() is None:
            return
        self.close()
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the worker's life
        try:
            proc = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                start_new_session=True,  # Ctrl+C reaches the kiosk, which then ends it
            )
        except OSError as exc:
            stderr.close()
            raise EngineStartError(f"The speech engine could not be started: {exc}.") from exc
        with self._lock:
            self._proc, self._stderr, self._buffer = proc, stderr, b""
        self.starts += 1
        deadline = time.monotonic() + self.start_timeout
        reply = self._read(deadline)
        if reply is None or not reply.get("ready"):
            if reply is not None:
                detail = str(reply.get("error"))
            elif self._ended:  # it exited while starting
                detail = self._death_note()
            else:
                detail = f"no answer within {self.start_timeout:g} s"
            self.close()
            raise EngineStartError(
                f"The speech engine (pyttsx3, espeak-ng) could not start: {detail}."
            )

    def synthesize(self, text: str, *, voice: str, rate: int, volume: float, out: Path) -> None:
        """Write `text` spoken by `voice` to the WAV file `out`, starting the worker if needed."""
        request_id = next(self._ids)
        request = {"id": request_id, "text": text, "voice": voice, "rate": rate}
        request |= {"volume": volume, "out": str(out)}
        line = (json.dumps(request, ensure_ascii=False) + "\n").encode()
        self.start()
        note = self._send(line)
        if note is not None:  # it was dead before the request reached it: a fresh one gets it
            self.start()
            note = self._send(line)
        if note is not None:
            raise EngineCrashedError(f"The speech engine stopped: {note}.")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply is None:
                hung = not self._ended  # no end of file: it is alive but silent
                note = "" if hung else self._death_note()
                self.close()
                unfinished(out).unlink(missing_ok=True)  # what it was writing when it died
                if hung:
                    raise EngineHungError(
                        f"The speech engine gave no answer within {self.timeout:g} s "
                        "and was stopped."
                    )
                raise EngineCrashedError(f"The speech engine stopped: {note}.")
            if reply.get("id") == request_id:
                break
        if reply.get("error"):
            raise EngineError(f"The speech engine could not say a text: {reply['error']}.")

    def _send(self, line: bytes) -> str | None:
        """Hand the worker one request; None once it has it, else why not (the worker is closed)."""
        proc = self._proc
        if proc is None or proc.stdin is None:  # pragma: no cover - start() raised otherwise
            return "not running"
        try:
            proc.stdin.write(line)
            proc.stdin.flush()
        except (OSError, ValueError):  # a broken pipe, or closed from another thread
            note = self._death_note()
            self.close()
            return note
        return None

    def close(self) -> None:
        """Kill the worker (if any) at once; safe from any thread."""
        with self._lock:
            proc, stderr = self._proc, self._stderr
            self._proc, self._stderr = None, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5.0)
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:  # stdin may still hold the request a dead worker refused
                    with contextlib.suppress(OSError):
                        pipe.close()
        if stderr is not None:
            stderr.close()

    def _read(self, deadline: float) -> dict[str, Any] | None:
        """The next message, or None at the deadline or at end of file (then `_ended` is set)."""
        proc = self._proc
        self._ended = proc is None or proc.stdout is None
        if proc is None or proc.stdout is None:
            return None
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:  # close() from another thread ends the wait with an error here
                fd = proc.stdout.fileno()
                ready, _, _ = select.select([fd], [], [], min(left, 0.5))
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                self._ended = True
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        message: dict[str, Any] = json.loads(line)
        return message

    def _death_note(self) -> str:
        """Why the worker died, from its exit code and the last line it wrote to stderr."""
        proc, stderr = self._proc, self._stderr
        if proc is None:
            return "not running"
        try:
            code = proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return "no answer"
        last = ""
        if stderr is not None:
            stderr.seek(0)
            lines = stderr.read().decode(errors="replace").strip().splitlines()
            last = lines[-1].strip() if lines else ""
        return f"{last} (exit code {code})" if last else f"exit code {code}"
