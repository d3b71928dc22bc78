"""The screens are drawn straight onto the window's background (kiosk.ui.screen_manager)."""

from __future__ import annotations

from kivy.core.window import Window
from kivy.graphics import Rectangle

from kiosk.ui.app import SCREENS
from tests.ui.helpers import Kiosk


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
