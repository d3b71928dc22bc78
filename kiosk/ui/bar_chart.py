"""Twelve months of the Echo Wall as bars: people read a bar chart faster than a table.

Each month is one slot: an outlined bar for what was received, a filled bar in front for what was
solved, and a narrower green bar inside it for what was solved on time. Shapes differ as well as
colours, so the chart does not depend on colour vision. Month numbers sit under the slots.
"""

from __future__ import annotations

from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Line, Rectangle
from kivy.properties import ListProperty, ObjectProperty
from kivy.uix.widget import Widget

from kiosk.domain.figures import MonthFigures
from kiosk.ui.holding import Holding
from kiosk.ui.theme import Theme


class BarChart(Holding, Widget):
    slots: list[MonthFigures] = ListProperty([])
    theme: Theme | None = ObjectProperty(None, allownone=True)  # kv sets it from app.theme

    def __init__(self, **kwargs: Any) -> None:
        self._month_boxes: list[tuple[float, float]] = []
        super().__init__(**kwargs)
        self.fbind("slots", self._redraw)
        self.fbind("theme", self._redraw)
        self.fbind("size", self._redraw)
        self.fbind("pos", self._redraw)

    def _text(self, text: str, size: float, font: str) -> Any:
        label = CoreLabel(text=text, font_size=size, font_name=font)
        label.refresh()
        return label.texture

    def _label_size(self, size: float, slot_w: float, font: str) -> float:
        """Smaller numbers where twelve slots are narrow (portrait): "10" "11" "12" each keep a
        gap on both sides instead of running together into "101112"."""
        widest = max(
            CoreLabel(font_size=size, font_name=font).get_extents(str(text))[0]
            for month in self.slots
            for text in (month.month.month, month.received)
        )
        return size * min(1.0, slot_w * 0.8 / widest) if widest else size

    def label_boxes(self) -> list[tuple[float, float]]:
        """Where each month number is drawn, as (left, right) in the chart's own coordinates."""
        return list(self._month_boxes)

    def catch_up(self) -> None:
        self._redraw()

    def _redraw(self, *_args: Any) -> None:
        if self.put_off():  # on a hidden screen: drawn when it shows (holding.py)
            return
        self.canvas.clear()
        self._month_boxes = []
        theme = self.theme
        if not self.slots or self.width <= 0 or theme is None:
            return
        slot_w = self.width / len(self.slots)
        size = self._label_size(theme.font_body * 0.8, slot_w, theme.text_font)
        label_h = size * 1.3
        base = self.y + label_h
        top = max(1, max(m.received for m in self.slots))
        room = self.height - label_h - size * 1.3  # the tallest bar's count sits above it
        bar_w = slot_w * 0.7
        with self.canvas:
            for i, month in enumerate(self.slots):
                x = self.x + i * slot_w + (slot_w - bar_w) / 2
                received_h = room * month.received / top
                Color(*theme.selected)
                Rectangle(pos=(x, base), size=(bar_w, received_h))
                Color(*theme.border)
                Line(rectangle=(x, base, bar_w, max(received_h, 1)), width=1.2)
                Color(*theme.secondary)
                Rectangle(pos=(x, base), size=(bar_w, room * month.solved / top))
                Color(*theme.ok)
                inset = bar_w * 0.25
                Rectangle(
                    pos=(x + inset, base),
                    size=(bar_w - 2 * inset, room * month.solved_on_time / top),
                )
                Color(*theme.text)
                for text, y in (
                    (str(month.month.month), self.y),
                    (str(month.received), base + received_h),
                ):
                    texture = self._text(text, size, theme.text_font)
                    if y == self.y:
                        left = x + bar_w / 2 - texture.width / 2
                        self._month_boxes.append((left, left + texture.width))
                    Rectangle(
                        texture=texture,
                        pos=(x + bar_w / 2 - texture.width / 2, y),
                        size=texture.size,
                    )
