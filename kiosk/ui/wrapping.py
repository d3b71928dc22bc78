"""Labels whose lines the kiosk breaks itself (kiosk.domain.line_breaks), not Kivy.

`text` keeps the words as given (speech and tests read it); what the core label draws is those
words broken into lines for the current width and font size, so Kivy never has to split a line
and never cuts a Uyghur word or starts a Chinese line with 、. When the text does not fit the
box, the font shrinks down to `min_font_size`, then the last line ends in "…" at a word.
"""

from __future__ import annotations

import math
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.properties import NumericProperty
from kivy.uix.label import Label

from kiosk.domain.line_breaks import Layout, Measure, break_lines
from kiosk.ui.holding import Holding

_MAX_CACHED = 50_000  # measured strings kept; cleared whole when full (a screen re-measures once)
_widths: dict[tuple[str, int, str], float] = {}
_probes: dict[tuple[str, int], Any] = {}
LEADING_ALLOWED = 0.5  # of the space the font keeps between lines, the last line may overflow
_SHRINK_STEP = 0.92  # each try is this much smaller: few tries from title size to the floor


def _probe(font_name: str, size: int) -> Any:
    key = (font_name, size)
    if key not in _probes:
        _probes[key] = CoreLabel(font_name=font_name, font_size=size)
    return _probes[key]


def measure_for(font_name: str, font_size: float) -> Measure:
    """Width in px of a text in this font, as the core label will draw it (pil: raqm-shaped,
    at a whole pixel size), cached across labels and screens: a screen change re-measures
    nothing it has measured before."""
    size = int(font_size)
    probe = _probe(font_name, size)

    def measure(text: str) -> float:
        key = (font_name, size, text)
        width = _widths.get(key)
        if width is None:
            if len(_widths) >= _MAX_CACHED:
                _widths.clear()
            width = _widths[key] = float(probe.get_extents(text)[0])
        return width

    return measure


def line_height(font_name: str, font_size: float) -> float:
    """One line's height at this size (the pil provider: ascent + descent, whatever the text)."""
    return float(_probe(font_name, int(font_size)).get_extents("")[1])


class WrapLabel(Holding, Label):
    """A Label whose lines follow the Chinese and Uyghur line-breaking rules.

    `min_font_size` (px, 0: no shrinking) is how small the font may get so all the text fits the
    box before it is shortened with "…". A single word wider than the line is the exception: it
    shrinks as far as needed, since a split Uyghur word is wrong, not merely small.
    `text_scale` is how much the resident's "bigger text" toggle enlarged the font: where the
    bigger words do not fit their box, they fall back towards the normal size first, so the
    toggle makes text bigger wherever there is room and never cuts or overlaps what fitted.
    `shown_lines` and `shown_font_size` are what was drawn last (for tests and audits).
    """

    min_font_size = NumericProperty(0)
    text_scale = NumericProperty(1.0)

    def __init__(self, **kwargs: Any) -> None:
        self.shown_lines: tuple[str, ...] = ()
        self.shown_font_size = 0.0
        super().__init__(**kwargs)
        self.fbind("min_font_size", self._trigger_texture_update)
        self.fbind("text_scale", self._trigger_texture_update)

    def texture_update(self, *largs: Any) -> None:
        if self.put_off():  # on a hidden screen: laid out and drawn when it shows (holding.py)
            return
        core = self._label
        if self._not_laid_out_yet():
            self.shown_lines, self.shown_font_size = (), 0.0
            core.text = ""
            super().texture_update(*largs)
            return
        size, layout = self._lay_out()
        self.shown_lines, self.shown_font_size = layout.lines, size
        core.text = "\n".join(layout.lines)
        core.options["font_size"] = size
        box_w, box_h = self.text_size
        if box_h is not None:
            # The lines are already counted to fit (the last may use the font's leading below
            # the box): a core label as tall as the box would drop lines at both ends instead,
            # since Kivy lays out a centred text from its middle newline, half a box each way.
            # Centred, it need not know the box at all: the Label centres the texture.
            need = len(layout.lines) * self._step(size) + self.padding[1] + self.padding[3]
            middle = self.valign in ("middle", "center")
            core.usersize = (box_w, None if middle else max(box_h, need))
        super().texture_update(*largs)

    def _floor(self) -> float:
        """The smallest size the text may shrink to so all of it fits (a single word too wide
        for the line still goes below it)."""
        normal = self.font_size / max(1.0, self.text_scale)
        return float(min(normal, self.min_font_size or normal))

    def _not_laid_out_yet(self) -> bool:
        """A box narrower than one letter at the floor size: its row has not given it its width
        yet (Kivy sizes a row's children pass by pass, and a label may render
        between passes). Laying text out into it would shrink the font towards 1 px, load a
        typeface for every size on the way (~1 MB resident each, benchmark 2b) and be thrown
        away within the same frame."""
        box_w = self.text_size[0]
        if not self.text or box_w is None:
            return False
        return bool(box_w - self.padding[0] - self.padding[2] < self._floor())

    def _lay_out(self) -> tuple[float, Layout]:
        text, font = self.text, self.font_name
        box_w, box_h = self.text_size
        if not text or box_w is None:
            return self.font_size, Layout(tuple(text.split("\n")))
        # Kivy compares whole pixels: one to spare, so it never finds a line too long.
        width = max(1.0, math.floor(box_w - self.padding[0] - self.padding[2]) - 1)
        floor = self._floor()
        size = float(self.font_size)
        while True:
            limit = self._line_limit(size, box_h)
            layout = break_lines(text, width, measure_for(font, size))
            fits = limit is None or len(layout.lines) <= limit
            if (fits and not layout.too_wide) or size <= floor:
                break
            # the last try is the floor itself: stepping past it left bigger text cut where the
            # normal size fits (issue 15: home's doors and marker with bigger text)
            size = max(floor, size * _SHRINK_STEP)
        while layout.too_wide and size > 1:  # never split a word: shrink until the widest fits
            measure = measure_for(font, size)
            widest = max(measure(word) for word in layout.too_wide)
            size = max(1.0, min(size - 1, math.floor(size * width / widest)))
            layout = break_lines(text, width, measure_for(font, size))
        limit = self._line_limit(size, box_h)
        if limit is not None and len(layout.lines) > limit:
            layout = break_lines(text, width, measure_for(font, size), max_lines=limit)
        return size, layout

    def _line_limit(self, size: float, box_h: float | None) -> int | None:
        """Whole lines that fit the box's height (and `max_lines`), None when it grows."""
        limits = [self.max_lines] if self.max_lines > 0 else []
        if box_h is not None:
            step = self._step(size)
            # The last line may reach into the leading below it: the glyphs stay in the box.
            room = box_h - self.padding[1] - self.padding[3] + (step - size) * LEADING_ALLOWED
            limits.append(max(1, int(room / step)))
        return min(limits) if limits else None

    def _step(self, size: float) -> float:
        return line_height(self.font_name, size) * max(1.0, float(self.line_height))

    def catch_up(self) -> None:
        self.texture_update()
