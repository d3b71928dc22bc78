"""The signage loop: while nobody is at the home screen, notices, today's activities and solved
problems take turns in large print. Silent (nobody asked for it); any touch goes home.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from kiosk.domain.attract import Slide, attract_slides
from kiosk.ui.screens.base import KioskScreen


class AttractScreen(KioskScreen):
    icon = StringProperty("echo-wall")
    heading = StringProperty("")
    body = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._slides: list[Slide] = []
        self.index = 0
        self._shown_at: float | None = None

    def on_pre_enter(self, *_args: object) -> None:
        self.index = 0
        self._shown_at = None
        super().on_pre_enter()

    def refresh(self) -> None:
        config = self.services.config()
        lang = self.shell.lang
        solved = self.services.lookup.solved(3)
        self._slides = attract_slides(config.content, solved, now=self.services.now(), lang=lang)
        if not self._slides:
            self.icon, self.heading, self.body = "home", config.content.community.name.get(lang), ""
            return
        slide = self._slides[self.index % len(self._slides)]
        self.icon, self.heading, self.body = slide.icon, slide.title, "\n".join(slide.lines)

    def advance(self, now: float, every: float) -> None:
        """Called on the app's tick with its monotonic clock: next slide when this one is due."""
        if self._shown_at is None:
            self._shown_at = now
        elif now - self._shown_at >= every:
            self._shown_at = now
            self.index += 1
            self.refresh()

    def on_touch_down(self, touch: Any) -> bool:
        self.shell.go_home()
        return True  # the touch only wakes the kiosk; it must not press what is under it

    def prompt(self) -> str:
        return ""
