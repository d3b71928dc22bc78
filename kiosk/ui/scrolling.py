"""The kiosk's scroll view: Kivy's, without the scroll bar binding that piles up.

Kivy 2.3.1's `ScrollView.update_from_scroll` binds `bar_color` at every call, and its
half-second trigger unbinds it once: N calls within half a second leave N - 1 bindings for
good. It runs at every layout, scroll and content change, so a kiosk on the wall for years
gathered them without end (a soak of resident sessions found it, issue 18).
"""

from __future__ import annotations

from typing import Any

from kivy.uix.scrollview import ScrollView


class KioskScroll(ScrollView):
    def update_from_scroll(self, *largs: Any) -> None:
        self.funbind("bar_color", self._change_bar_color)  # Kivy binds it again, once
        super().update_from_scroll(*largs)
