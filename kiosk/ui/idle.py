"""Idle reset: warn on screen, one big button to keep going, then clear all and go home.

WCAG 2.2.1 (a warning and a way to extend) and privacy in a public place: the next person must not
see what the last one entered. The timing takes its clock as an argument so tests can drive it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from kivy.properties import NumericProperty
from kivy.uix.modalview import ModalView

from kiosk.ui.tap_guard import TapGuard, swallowed


class IdleTimer:
    def __init__(
        self,
        *,
        timeout: float,
        warning: float,
        on_warn: Callable[[int], None],
        on_countdown: Callable[[int], None],
        on_continue: Callable[[], None],
        on_reset: Callable[[], None],
        anything_to_clear: Callable[[], bool],
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.warning = warning
        self._on_warn = on_warn
        self._on_countdown = on_countdown
        self._on_continue = on_continue
        self._on_reset = on_reset
        self._anything_to_clear = anything_to_clear
        self._now = now
        self._last_activity = now()
        self._warned_at: float | None = None

    @property
    def warning_shown(self) -> bool:
        return self._warned_at is not None

    def poke(self) -> None:
        """A touch or key: the person is still there."""
        self._last_activity = self._now()
        if self._warned_at is not None:
            self._warned_at = None
            self._on_continue()

    def tick(self) -> None:
        now = self._now()
        if self._warned_at is None:
            if now - self._last_activity < self.timeout:
                return
            if not self._anything_to_clear():
                self._last_activity = now  # at home with nothing entered: nothing to warn about
                return
            self._warned_at = now
            self._on_warn(math.ceil(self.warning))
            return
        remaining = self.warning - (now - self._warned_at)
        if remaining > 0:
            self._on_countdown(math.ceil(remaining))
            return
        self._warned_at = None
        self._last_activity = now
        self._on_reset()


class IdleWarning(ModalView):
    """The large "are you still there?" card; a touch anywhere on it counts as "continue".

    Its button dispatches `on_keep_going`: the session that opened the card binds it. It lies
    over the root, so it applies the app's tap guard itself: a tap meant for the screen must not
    press its button the instant it appears (it still counts as activity through the binding).
    """

    seconds = NumericProperty(0)

    __events__ = ("on_keep_going",)

    def __init__(self, *, tap_guard: TapGuard | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._tap_guard = tap_guard

    def on_touch_down(self, touch: Any) -> bool:
        if self._tap_guard is not None and self._tap_guard.swallow_down(touch):
            return True
        return bool(super().on_touch_down(touch))

    def on_touch_move(self, touch: Any) -> bool:
        return swallowed(touch) or bool(super().on_touch_move(touch))

    def on_touch_up(self, touch: Any) -> bool:
        return swallowed(touch) or bool(super().on_touch_up(touch))

    def on_keep_going(self) -> None:
        pass
