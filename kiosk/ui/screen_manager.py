"""The kiosk's screen manager: Kivy's, without the stencil Kivy's style puts around it, and
laying out each screen it is given at the window's size at once.

Kivy draws a stencil around every ScreenManager (a quad over all of it to set the stencil, one
to clear it, and a stencil test on every pixel between them), so a transition cannot draw
outside the manager. The kiosk's fills the window and switches screens with no transition: the
clip cut nothing, while the renderer did that work in every frame (on llvmpipe ~1.5 ms of a
home screen's ~12 ms, issue 18). widgets.kv's `<-KioskScreens>` rule replaces Kivy's.

A new screen is given the window's size and laid out at once (kiosk.ui.lay_out_now): made at
Kivy's default 100 x 100 px, its labels were first laid out into boxes a fraction of their width.
"""

from __future__ import annotations

from kivy.uix.screenmanager import Screen, ScreenManager

from kiosk.ui.lay_out_now import lay_out_now


class KioskScreens(ScreenManager):
    def add_laid_out(self, screen: Screen, size: tuple[float, float]) -> None:
        """Add `screen`, sized and laid out now, parents before children, so its labels are
        first laid out at their own widths (the window's `size`: the manager fills it, but may
        not have been put on it yet)."""
        self.add_widget(screen)
        screen.size = size
        lay_out_now(screen)
