"""The window's one root widget: every touch counts as activity, the tap guard sees it first,
and the staff corner watches it."""

from __future__ import annotations

from typing import Any

from kivy.uix.floatlayout import FloatLayout

from kiosk.ui.tap_guard import TapGuard, swallowed


class KioskRoot(FloatLayout):
    """Holds the screens; every touch anywhere counts as activity for the idle timer.

    A touch that comes too soon after the screen changed reaches no widget (kiosk.ui.tap_guard).
    `staff` (the app) watches touches for the staff panel's corner press; it never takes one.
    """

    def __init__(self, on_activity: Any, tap_guard: TapGuard, staff: Any = None, **kw: Any) -> None:
        super().__init__(**kw)
        self._on_activity = on_activity
        self.tap_guard = tap_guard
        self._staff = staff

    def on_touch_down(self, touch: Any) -> bool:
        self._on_activity()
        taken = self.tap_guard.swallow_down(touch) or bool(super().on_touch_down(touch))
        if self._staff is not None:
            self._staff.staff_touch_down(touch, taken)
        return taken

    def on_touch_move(self, touch: Any) -> bool:
        if self._staff is not None:
            self._staff.staff_touch_move(touch)
        return swallowed(touch) or bool(super().on_touch_move(touch))

    def on_touch_up(self, touch: Any) -> bool:
        if self._staff is not None:
            self._staff.staff_touch_up(touch)
        return swallowed(touch) or bool(super().on_touch_up(touch))
