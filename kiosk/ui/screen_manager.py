"""The kiosk's screen manager: Kivy's, without the stencil Kivy's style puts around it.

Kivy draws a stencil around every ScreenManager (a quad over all of it to set the stencil, one
to clear it, and a stencil test on every pixel between them), so a transition cannot draw
outside the manager. The kiosk's fills the window and switches screens with no transition: the
clip cut nothing, while the renderer did that work in every frame (on llvmpipe ~1.5 ms of a
home screen's ~12 ms, issue 18). widgets.kv's `<-KioskScreens>` rule replaces Kivy's.
"""

from __future__ import annotations

from kivy.uix.screenmanager import ScreenManager


class KioskScreens(ScreenManager):
    pass
