"""Work put off until the first frame is on the screen.

Kivy runs the handlers bound to `on_flip` before the window's own handler, which swaps the
buffers, and the last bound first: work done in such a handler is done before the frame it
waits for is shown (the kiosk's threads started there once, and shared the CPU with that swap,
issue 18). So it is scheduled for the frame after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class AfterFirstFrame:
    """`callback(dt)` at the frame after the window's next flip, unless cancelled first."""

    def __init__(self, clock: Any, window: Any, callback: Callable[[float], Any]) -> None:
        self._clock = clock
        self._window = window
        self._callback = callback
        self._scheduled: Any = None
        # fbind holds the callback strongly (bind would hold a bound method weakly, and nothing
        # else need keep this object)
        window.fbind("on_flip", self._flipped)

    def _flipped(self, *_args: Any) -> None:
        self._window.funbind("on_flip", self._flipped)
        self._scheduled = self._clock.schedule_once(self._callback, 0)

    def cancel(self) -> None:
        self._window.funbind("on_flip", self._flipped)
        if self._scheduled is not None:
            self._scheduled.cancel()
