"""Work a widget puts off while its screen is off the window, done when the screen shows.

A language tap changes the words and the reading direction of every screen at once, and the
resident looks at one. Every hidden screen laid out its labels, mirrored its rows and redrew its
chart in the frame after the tap (issue 18, benchmark 3's language taps: 5-7 frames at 60 fps).
A widget that mixes in `Holding` asks `put_off()` before such work; its screen
(kiosk.ui.screens.base) calls `catch_up()` on each widget that put something off when it opens or
is warmed off the window (kiosk.ui.prewarm).
"""

from __future__ import annotations

from typing import Any


class Holding:
    held = False  # something was put off: catch_up() does it

    def put_off(self) -> bool:
        """True, and remembered, when the widget is on a screen that holds work back: off the
        window and not being warmed. Asked of the widget at the top of its tree (a screen
        module is not imported by the widgets it is made of)."""
        top: Any = self
        while top.parent is not None and top.parent is not top:
            top = top.parent
        self.held = bool(getattr(top, "holds_back", False))
        return self.held

    def catch_up(self) -> None:
        """Do what was put off (the widget's own update, called again)."""
        raise NotImplementedError
