"""The hidden gesture that opens the staff panel: one finger held still on a corner for 5 s.

Pure timing, so it is tested without a window: the UI reports presses (in window pixels) and
calls `tick()` from its clock. The corner is the top corner on the reading-start side (top left
in Chinese, top right in Uyghur): on the home screen the community's name sits there, which is
not a button, so a normal tap never starts or is taken by the gesture. A press that moves more
than `slop` pixels, or a second finger, cancels it.
"""

from __future__ import annotations

from collections.abc import Callable

HOLD_SECONDS = 5.0


class CornerHold:
    def __init__(
        self,
        now: Callable[[], float],
        on_hold: Callable[[], None],
        *,
        seconds: float = HOLD_SECONDS,
    ) -> None:
        self._now = now
        self._on_hold = on_hold
        self.seconds = seconds
        self._press: tuple[object, float, float, float] | None = None  # (id, x, y, since)

    @staticmethod
    def in_corner(
        x: float, y: float, *, width: float, height: float, size: float, rtl: bool
    ) -> bool:
        """Window pixels with y up, as Kivy gives them; `size` is the corner square's side."""
        near_top = y >= height - size
        near_start = x >= width - size if rtl else x <= size
        return near_top and near_start

    def down(self, touch_id: object, x: float, y: float, *, in_corner: bool) -> None:
        if self._press is not None or not in_corner:
            self._press = None  # a second finger, or a press elsewhere: not the gesture
            return
        self._press = (touch_id, x, y, self._now())

    def move(self, touch_id: object, x: float, y: float, *, slop: float) -> None:
        if self._press is None or self._press[0] != touch_id:
            return
        _, x0, y0, _ = self._press
        if abs(x - x0) > slop or abs(y - y0) > slop:
            self._press = None

    def up(self, touch_id: object) -> None:
        if self._press is not None and self._press[0] == touch_id:
            self._press = None

    def tick(self) -> bool:
        """True (once per press) when the press has lasted long enough; `on_hold` is called."""
        if self._press is None or self._now() - self._press[3] < self.seconds:
            return False
        self._press = None
        self._on_hold()
        return True
