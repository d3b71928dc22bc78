"""Scroll views over a kiosk's years on the wall: laying one out again and again must not pile up
bindings (Kivy 2.3.1's ScrollView keeps one more at every layout within half a second)."""

from __future__ import annotations

import time

from kivy.clock import Clock
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.ui.app import SCREENS
from kiosk.ui.scrolling import KioskScroll
from tests.ui.helpers import Kiosk


def _bursts_of_layouts(view: ScrollView, bursts: int) -> None:
    """What a screen's content changes do to its scroll view: several layouts in one moment,
    then the half second after which Kivy lets the scroll bar fade."""
    for _ in range(bursts):
        for _ in range(4):
            view.update_from_scroll()
        end = time.monotonic() + 0.6
        while time.monotonic() < end:
            Clock.tick()
            time.sleep(0.02)


def _scroll_bar_bindings(view: ScrollView) -> int:
    return len(view.get_property_observers("bar_color"))


def test_the_kiosks_scroll_view_keeps_one_scroll_bar_binding_however_often_it_is_laid_out(
    kiosk: Kiosk,
) -> None:
    ours, kivys = KioskScroll(size=(200, 200)), ScrollView(size=(200, 200))
    for view in (ours, kivys):
        view.add_widget(Label(size_hint_y=None, height=800))

    _bursts_of_layouts(ours, 4)
    _bursts_of_layouts(kivys, 4)

    assert _scroll_bar_bindings(ours) <= 1
    assert _scroll_bar_bindings(kivys) >= 4 * 3  # the fault this class is there for


def test_every_scroll_view_on_every_screen_is_the_kiosks(kiosk: Kiosk) -> None:
    plain = []
    for name in SCREENS:
        for widget in kiosk.app.screen(name).walk():
            if isinstance(widget, ScrollView) and not isinstance(widget, KioskScroll):
                plain.append(name)
    assert plain == []
