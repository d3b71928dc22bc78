"""The screens are drawn straight onto the window's background, and each is laid out at the
window's size as it is made (kiosk.ui.screen_manager)."""

from __future__ import annotations

from typing import Any

import pytest
from kivy.core.window import Window
from kivy.graphics import Rectangle

from kiosk.core.services import Services
from kiosk.ui.app import SCREENS, KioskApp
from kiosk.ui.driver import Driver
from kiosk.ui.screenshot import prepare_screen
from kiosk.ui.wrapping import WrapLabel
from tests.ui.helpers import FakeMonotonic, Kiosk


def test_a_screen_is_neither_clipped_nor_filled_again_over_the_windows_background(kiosk: Kiosk):
    """Each would be a quad over the whole window in every frame (a stencil set and cleared, a
    second fill), clipping nothing and hiding nothing: the screen fills the window, and the
    window is cleared to the background colour before each frame."""
    screens = kiosk.app.screens
    assert screens is not None
    around = [*screens.canvas.before.children, *screens.canvas.after.children]
    assert [type(i).__name__ for i in around if "Stencil" in type(i).__name__] == []
    assert tuple(Window.clearcolor) == tuple(kiosk.app.theme.background)
    kiosk.wait_for(lambda: not kiosk.app.missing_screens())
    for name in SCREENS:
        filled = [i for i in kiosk.screen(name).canvas.before.children if isinstance(i, Rectangle)]
        assert filled == [], name


def test_no_label_is_laid_out_narrower_than_its_screen_draws_it(
    wiring: Services, monkeypatch: pytest.MonkeyPatch
):
    """Kivy makes a screen at 100 x 100 px and lays out its inner layouts before the manager
    sizes it: the title bar's label was first laid out into 49 px (drawn at 510), where its
    text shrank size by size, loading the typeface at each (benchmark 2b); so were the words of
    buttons and rows made for a screen's content (a category's into 90 px of 266). Each screen,
    and what is added to one, is now laid out from the top at once (kiosk.ui.lay_out_now). A
    label moved to another box (the done screen's arrangements) is compared in each box."""
    widths: dict[tuple[int, int], list[float]] = {}
    lay_out = WrapLabel._lay_out

    def watched(label: WrapLabel) -> Any:
        if label.text and label.text_size[0] is not None:
            widths.setdefault((id(label), id(label.parent)), []).append(label.text_size[0])
        return lay_out(label)

    monkeypatch.setattr(WrapLabel, "_lay_out", watched)
    app = KioskApp(wiring)
    assert isinstance(wiring.monotonic, FakeMonotonic)
    driver = Driver(app, wait=wiring.monotonic.advance).start()
    try:
        for _ in range(60):
            driver.frames(1)
            if not app.missing_screens():
                break
        assert app.missing_screens() == []
        kiosk_screens = app.screens
        assert kiosk_screens is not None
        for name in SCREENS:
            prepare_screen(app, app.services, name)
            app.go(name)
            driver.frames(3)
        drawn = [
            label
            for name in SCREENS
            for label in kiosk_screens.get_screen(name).walk(restrict=True)
            if isinstance(label, WrapLabel) and (id(label), id(label.parent)) in widths
        ]
        assert len(drawn) > 50
        narrower = [
            (label.text[:10], min(widths[key]), label.text_size[0])
            for label in drawn
            if min(widths[key := (id(label), id(label.parent))]) < label.text_size[0] - 1
        ]
        assert narrower == [], "\n".join(map(str, narrower))
    finally:
        driver.stop()
