"""The synthesis worker: pyttsx3 driving espeak-ng, run as its own process, one WAV per request.

Why a separate process: espeak-ng calls exit() when its data is missing, its synthesis thread can
hang, and pyttsx3 2.99 keeps one engine per process. A process can be killed and started again
without touching the kiosk. This file is run as a script (`python -P engine_worker.py`), so it
imports only the standard library and pyttsx3, never the kiosk package.

Protocol, one JSON object per line: the worker first writes {"ready": true} or {"error": "..."};
then for each request {"id", "text", "voice", "rate", "volume", "out"} on stdin it writes
{"id": ..., "error": null} once `out` is complete (written under another name, then renamed),
or {"id": ..., "error": "..."}.

pyttsx3 2.99 quirks handled here: `runAndWait()` returns while espeak-ng is still synthesising
on its own thread (the file appears later, or never if the process exits first), so we wait for
the "finished-utterance" notification and for espeak to go idle; a voice that cannot be set is
swallowed by pyttsx3's command queue, so we read the voice back; pyttsx3 prints "Audio saved to"
on every file, so stdout is pointed at /dev/null and the protocol uses a duplicate of it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

WAIT_LIMIT_SECONDS = 300.0  # the parent's watchdog acts long before this; it only bounds a leak
ORPHAN_POLL_SECONDS = 0.5


class Pyttsx3Engine:
    """pyttsx3's espeak driver used strictly one utterance at a time, synthesising to files."""

    def __init__(self) -> None:
        import pyttsx3

        self._engine: Any = pyttsx3.init("espeak")
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", self._on_finished)

    def _on_finished(self, **_event: object) -> None:
        self._finished.set()

    def synthesize(self, text: str, *, voice: str, rate: int, volume: float, out: Path) -> None:
        engine = self._engine
        engine.setProperty("voice", voice)  # queued: applied when runAndWait pumps the queue
        engine.setProperty("rate", rate)
        engine.setProperty("volume", volume)
        from pyttsx3.drivers import _espeak

        # pyttsx3 2.99's queued rate reached espeak-ng one text late (measured: Uyghur after
        # Chinese came out at the Chinese rate); set rate and volume on espeak-ng itself too.
        _espeak.SetParameter(_espeak.RATE, rate, 0)
        _espeak.SetParameter(_espeak.VOLUME, round(volume * 100), 0)
        part = out.with_name(out.name + ".part")
        try:
            self._write(text, voice, part)
            os.replace(part, out)
        finally:
            part.unlink(missing_ok=True)

    def _write(self, text: str, voice: str, part: Path) -> None:
        from pyttsx3.drivers import _espeak

        engine = self._engine
        self._finished.clear()
        engine.save_to_file(text, str(part))
        engine.runAndWait()  # returns before espeak-ng has finished: wait for it below
        if not self._finished.wait(WAIT_LIMIT_SECONDS):
            raise TimeoutError("espeak-ng did not finish")
        deadline = time.monotonic() + WAIT_LIMIT_SECONDS
        while _espeak.IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.005)  # let espeak's thread return from its last callback
        current = str(engine.getProperty("voice") or "")
        if current.lower() != voice.lower():
            raise ValueError(f"espeak-ng has no voice {voice!r} (it used {current!r})")
        if not part.is_file() or part.stat().st_size <= 44:
            raise RuntimeError("espeak-ng wrote no audio")


def _send(channel: IO[str], message: dict[str, object]) -> None:
    channel.write(json.dumps(message, ensure_ascii=False) + "\n")
    channel.flush()


def _exit_when_orphaned(parent: int) -> None:
    """The kiosk ends its worker, and kills it when espeak-ng hangs; a kiosk that died instead (a
    crash, SIGKILL, the out-of-memory killer) does neither. Its pipe's end of file reaches a
    worker waiting for a request, not one hung in pyttsx3's `runAndWait`: found 12 such workers
    still spinning (~1.2 % of a core each) 45 minutes after the benchmark kiosks that started
    them had gone. Reparented (to init or a subreaper), the worker has no one to answer."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL_SECONDS)
    os._exit(1)


def main() -> int:
    threading.Thread(
        target=_exit_when_orphaned, args=(os.getppid(),), name="orphan-watch", daemon=True
    ).start()
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # pyttsx3's and espeak's own prints must not corrupt the protocol
    try:
        engine = Pyttsx3Engine()
    except Exception as exc:  # an engine that cannot start is reported, not raised
        _send(channel, {"error": f"{type(exc).__name__}: {exc}"})
        return 1
    _send(channel, {"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        try:
            engine.synthesize(
                request["text"],
                voice=request["voice"],
                rate=int(request["rate"]),
                volume=float(request["volume"]),
                out=Path(request["out"]),
            )
        except Exception as exc:  # one failed text must not take the worker down
            _send(channel, {"id": request["id"], "error": f"{type(exc).__name__}: {exc}"})
        else:
            _send(channel, {"id": request["id"], "error": None})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
