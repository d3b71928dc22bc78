"""The signage loop: while nobody is at the home screen, notices, today's activities and solved
problems take turns in large print. Silent (nobody asked for it); any touch goes home.

A notice longer than its box is never cut with "…": it is shown in pages of whole sentences
(whole clauses, then whole lines, when one is too long for a page), one page after another.
"""

from __future__ import annotations

import math
from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty

from kiosk.domain.attract import Slide, attract_slides, clauses, join_sentences, sentences
from kiosk.domain.line_breaks import break_lines
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.wrapping import LEADING_ALLOWED, line_height, measure_for


class AttractScreen(KioskScreen):
    prefill = True
    icon = StringProperty("echo-wall")
    heading = StringProperty("")
    body = StringProperty("")  # the page shown now

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._slides: list[Slide] = []
        self.index = 0
        self.page = 0
        self.pages: list[str] = [""]
        self._text = ""  # the whole body of the slide shown
        self._shown_at: float | None = None

    def on_kv_post(self, base_widget: Any) -> None:
        split = Clock.create_trigger(lambda _dt: self._split())
        self.ids["body"].bind(size=lambda *_a: split(), font_size=lambda *_a: split())

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
            self.icon, self.heading = "home", config.content.community.name.get(lang)
            self._show_text("")
            return
        slide = self._slides[self.index % len(self._slides)]
        self.icon, self.heading = slide.icon, slide.title
        self._show_text("\n".join(slide.lines))

    def _show_text(self, text: str) -> None:
        self._text, self.page = text, 0
        self._split()

    def _split(self) -> None:
        """Cut the body into pages that fit the box whole, at the size the box draws them."""
        label = self.ids["body"]
        if label.width <= 1 or label.height <= 1 or not self._text:
            self.pages = [self._text]
        else:
            self.pages = self._pages_for(label)
        self.page = min(self.page, len(self.pages) - 1)
        self.body = self.pages[self.page]

    def _pages_for(self, label: Any) -> list[str]:
        font, size = label.font_name, label.font_size
        width = max(1.0, math.floor(label.width) - 1)  # as WrapLabel: a pixel to spare
        step = line_height(font, size) * max(1.0, float(label.line_height))
        limit = max(1, int((label.height + (step - size) * LEADING_ALLOWED) / step))
        measure = measure_for(font, size)

        def fits(parts: list[tuple[float, str]]) -> bool:
            return len(break_lines(join_sentences(parts), width, measure).lines) <= limit

        units: list[tuple[float, str]] = []
        for number, sentence in sentences(self._text):
            for clause in [sentence] if fits([(0, sentence)]) else clauses(sentence):
                if fits([(0, clause)]):
                    units.append((number, clause))
                else:  # one clause taller than the box: its lines, each on its own
                    lines = break_lines(clause.strip(), width, measure).lines
                    units += [(number + k / (len(lines) + 1), ln) for k, ln in enumerate(lines)]
        pages: list[list[tuple[float, str]]] = [[]]
        for unit in units:
            if pages[-1] and not fits([*pages[-1], unit]):
                pages.append([])
            pages[-1].append(unit)
        return [join_sentences(page) for page in pages]

    def advance(self, now: float, every: float) -> None:
        """Called on the app's tick with its monotonic clock: the next page, then the next slide,
        when the one shown is due (each page is shown for the whole time)."""
        if self._shown_at is None:
            self._shown_at = now
        elif now - self._shown_at >= every:
            self._shown_at = now
            if self.page + 1 < len(self.pages):
                self.page += 1
                self.body = self.pages[self.page]
            else:
                self.index += 1
                self.refresh()

    def on_touch_down(self, touch: Any) -> bool:
        self.shell.go_home()
        return True  # the touch only wakes the kiosk; it must not press what is under it

    def prompt(self) -> str:
        return ""
