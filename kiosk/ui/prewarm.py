"""Screens filled, laid out and drawn once off the window while nobody waits for them, so a
resident's first visit to a screen costs what a later visit does.

Benchmark 3 (issue 18) found the touch-to-screen tail in first visits: the frame after the tap
made the screen's rows, rendered its labels and drew its canvas for the first time (home -> Echo
Wall 10 frames at 60 fps, Red Post 6; a later visit 1-2). Here that work is done after start-up
and after a language change, one screen per frame, never for the screen on the window: a tap
meanwhile costs at most one screen's step, and the screen it opens is simply made as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kivy.clock import Clock
from kivy.graphics import Fbo
from kivy.graphics.opengl import glFlush
from kivy.uix.screenmanager import ScreenManager

from kiosk.ui.screens.base import KioskScreen

# What a first draw costs more than a later one is the canvas's own: Kivy compiling its
# instructions and uploading their vertices. Rasterising a whole window-sized frame once more
# warms nothing a later frame does not redo, and on llvmpipe it kept ~8 MB resident for good
# (benchmark 2b: 242 -> 234 MB after the walk; touch-to-screen p95 2 frames either way). So
# each screen is drawn into a target of a few pixels.
WARM_TARGET = (8, 8)


class Prewarm:
    def __init__(self, manager: ScreenManager) -> None:
        self._manager = manager
        self._queue: list[KioskScreen] = []
        self._drawing: KioskScreen | None = None  # filled last frame: laid out since, drawn next
        self._fbo: Any = None  # one small target, dropped when the queue is done
        self._event: Any = None

    @property
    def busy(self) -> bool:
        return bool(self._queue) or self._drawing is not None

    def start(self, screens: Iterable[KioskScreen]) -> None:
        """Warm `screens` from the next frame (a second call replaces what is still queued)."""
        self._queue = list(screens)
        if self._event is None:
            self._event = Clock.schedule_interval(self._step, 0)

    def stop(self) -> None:
        if self._drawing is not None:
            self._drawing.warming = False
        self._queue = []
        self._drawing = None
        if self._event is not None:
            self._event.cancel()
            self._event = None
        self._fbo = None

    def _step(self, _dt: float) -> bool:
        if self._drawing is not None:
            self._draw(self._drawing)
            self._drawing = None
        while self._queue:
            screen = self._queue.pop(0)
            if screen.parent is None:  # on the window it is warm by being shown
                self._fill(screen)
                self._drawing = screen
                return True
        if self._drawing is None:
            self._fbo = None
            self._event = None
            return False  # the interval stops
        return True

    def _fill(self, screen: KioskScreen) -> None:
        """As the manager will place it, with what it shows now; Kivy lays it out before the
        next frame (its layouts and labels are Clock triggers)."""
        screen.size = self._manager.size
        screen.pos = self._manager.pos
        screen.warming = True  # its widgets do their work off the window until _draw
        screen.catch_up()
        if screen.prefill:
            screen.refresh()

    def _draw(self, screen: KioskScreen) -> None:
        screen.warming = False
        if screen.parent is not None:  # shown meanwhile: drawn on the window already
            return
        if self._fbo is None:
            self._fbo = Fbo(size=WARM_TARGET)
        self._fbo.add(screen.canvas)
        try:
            self._fbo.draw()
        finally:
            self._fbo.remove(screen.canvas)
        # Rendered now, not with the next frame: the driver keeps the commands of an unflushed
        # draw, with copies of its vertices and textures. On llvmpipe every screen's draw
        # queued so held 5-10 MB until the next swap (benchmark 2b: 332 -> 293 MB resident
        # after warming and walking every screen). A flush costs nothing a frame would not.
        glFlush()
