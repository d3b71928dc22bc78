"""What is wrong with speech, part by part, for the staff panel: each new problem logged once."""

from __future__ import annotations

import logging
import threading

from kiosk.speech.player import Outcome

log = logging.getLogger("kiosk.speech")


class Health:
    """The problem of the synthesis engine ("engine") and of the sound ("sound"), "" while it works.

    Thread-safe: the speech thread records, the UI thread reads (`problems`).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems = {"engine": "", "sound": ""}

    def get(self, part: str) -> str:
        with self._lock:
            return self._problems[part]

    def problems(self) -> list[str]:
        """The current problems, engine first; empty while everything works."""
        with self._lock:
            return [p for p in self._problems.values() if p]

    def set(self, part: str, problem: str) -> None:
        """Record what is wrong with `part` ("" when it works); log each new problem once."""
        with self._lock:
            if problem and problem != self._problems[part]:
                log.warning("speech degraded: %s", problem)
            elif not problem and self._problems[part]:
                log.info("speech: the %s works again", part)
            self._problems[part] = problem

    def note(self, outcome: Outcome | None) -> None:
        """Learn from a finished playback whether sound works."""
        if outcome is None or outcome.stopped:
            return
        problem = ""
        if outcome.failed:
            detail = outcome.error or f"exit code {outcome.returncode}"
            problem = (
                f"No sound: the audio player could not play ({detail}). "
                "Is a loudspeaker or sound card connected?"
            )
        self.set("sound", problem)
