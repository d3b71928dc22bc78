"""The tap guard: no tap acts on what appeared under the finger a moment before it.

A trembling hand double-taps. Every screen's Home sits where the home screen's language button
is, so the second tap of a double tap on Home turned the kiosk to Uyghur. After anything that puts
new controls under the finger (a screen change, the language mirroring the rows, the idle warning
opening or closing, a page turn) a touch that starts within `GUARD_SECONDS` is swallowed whole:
its down, moves and up reach no widget. It still counts as activity for the idle timer (the root
calls that before asking here). The clock is the app's injected `Services.monotonic`, so tests
move it instead of waiting (kiosk.ui.driver.Driver lets the guard's time pass before a tap).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Protocol

GUARD_SECONDS = 0.3
SWALLOWED = "kiosk.tap_guard"  # touch.ud key: this touch was swallowed at its down


class TapGuard:
    """When what is under the finger last changed, and whether a new touch comes too soon."""

    def __init__(self, now: Callable[[], float], *, seconds: float = GUARD_SECONDS) -> None:
        self._now = now
        self.seconds = seconds
        self._changed_at = -math.inf

    def changed(self) -> None:
        """New controls are under the finger from now on."""
        self._changed_at = self._now()

    def remaining(self) -> float:
        """Seconds until a new touch acts again; 0 when it acts now."""
        return max(0.0, self.seconds - (self._now() - self._changed_at))

    def swallow_down(self, touch: Any) -> bool:
        """At a touch's down: True (and the touch marked) if it comes too soon to act."""
        if touch.ud.get(SWALLOWED):
            return True
        if self.remaining() > 0:
            touch.ud[SWALLOWED] = True
            return True
        return False


def swallowed(touch: Any) -> bool:
    """The touch's down was swallowed: its moves and up must reach no widget either."""
    return bool(touch.ud.get(SWALLOWED))


class GuardHost(Protocol):
    """What holds the app's guard (kiosk.ui.root.KioskRoot)."""

    tap_guard: TapGuard


def content_changed(widget: Any) -> None:
    """Content changed in place under `widget` (a page turn): start the guard of the root it
    stands in. A widget not (yet) on a kiosk root changes nothing."""
    node = widget
    while node is not None:
        guard = getattr(node, "tap_guard", None)
        if isinstance(guard, TapGuard):
            guard.changed()
            return
        parent = getattr(node, "parent", None)
        node = None if parent is node else parent
