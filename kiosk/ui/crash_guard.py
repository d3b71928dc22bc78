"""An exception in any UI callback goes to the log with its traceback, never to the screen.

Kivy's main loop hands every exception to `ExceptionManager`; answering PASS keeps the loop alive.
The kiosk then returns home so a resident is never left on a half-drawn screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kivy.base import ExceptionHandler, ExceptionManager

log = logging.getLogger("kiosk.ui")


# Kivy's answers to an exception, typed here once (Kivy has no type information).
RAISE: int = ExceptionManager.RAISE
PASS: int = ExceptionManager.PASS


class CrashGuard(ExceptionHandler):
    def __init__(
        self, recover: Callable[[], None], *, burst: int = 20, window: float = 10.0
    ) -> None:
        super().__init__()
        self._recover = recover
        self._burst = burst
        self._window = window
        self._recent: list[float] = []

    def handle_exception(self, exception: BaseException) -> int:
        if isinstance(exception, KeyboardInterrupt | SystemExit):
            return RAISE
        log.error("error in a UI callback; returning to the home screen", exc_info=exception)
        now = time.monotonic()
        self._recent = [t for t in self._recent if now - t < self._window] + [now]
        if len(self._recent) <= self._burst:
            # Recovering can itself fail (a broken home screen); past the burst we only log, so a
            # loop of errors cannot spin the CPU re-entering the same failure.
            try:
                self._recover()
            except Exception:
                log.exception("recovering to the home screen failed")
        return PASS


def install(recover: Callable[[], None]) -> CrashGuard:
    guard = CrashGuard(recover)
    ExceptionManager.add_handler(guard)
    return guard


def uninstall(guard: CrashGuard) -> None:
    if guard in ExceptionManager.handlers:
        ExceptionManager.remove_handler(guard)
