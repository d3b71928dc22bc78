"""Sizes in millimetres of the real panel, fonts and colours: the one place the look is set.

Kivy's own `mm()` follows KIVY_DPI for the whole process; the kiosk keeps its own millimetre so a
screenshot run can switch display profiles in one process and kv rules re-lay out when it changes.
"""

from __future__ import annotations

import math

from kivy.core.text import LabelBase
from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, NumericProperty

from kiosk.config import files
from kiosk.config.model import Display
from kiosk.ui import palette

TEXT_FONT = "KioskText"
ICON_FONT = "KioskIcons"

# Sizes in millimetres (DESIGN.md 6): 20 mm targets with 6 mm gaps for older hands; body text of
# 7 mm gives capitals of 5.0 mm in UKIJ CJK (cap height 0.72 em), above the 4.8 mm minimum.
TARGET_MM = 20.0
GAP_MM = 6.0
PAD_MM = 2.0
BODY_MM = 7.0
TITLE_MM = 8.5
ICON_MM = 11.0
HUGE_MM = 16.0
CAP_HEIGHT_EM = 0.72
# The smallest a word on a button may shrink to fit its box: capitals still 4.8 mm tall.
MIN_TEXT_MM = 4.8 / CAP_HEIGHT_EM
# The resident's "bigger text" toggle scales the words only: pictograms, targets and gaps keep
# their millimetres, so every target stays 20 mm and nothing moves out of reach.
BIGGER_TEXT = 1.25


def register_fonts() -> None:
    """Register UKIJ CJK and Font Awesome under the names the kv rules use (one search list for
    screen and receipt: kiosk.config.files)."""
    LabelBase.register(name=TEXT_FONT, fn_regular=str(files.text_font()))
    LabelBase.register(name=ICON_FONT, fn_regular=str(files.icon_font()))


class Theme(EventDispatcher):
    """Pixel sizes for the current display; kv rules bind to these and follow a profile change."""

    px_per_mm = NumericProperty(132 / 25.4)
    portrait = BooleanProperty(False)
    target = NumericProperty(0)
    gap = NumericProperty(0)
    pad = NumericProperty(0)
    font_body = NumericProperty(0)
    font_min = NumericProperty(0)
    font_title = NumericProperty(0)
    font_icon = NumericProperty(0)
    font_huge = NumericProperty(0)
    bigger_text = BooleanProperty(False)  # this visit's "bigger text" (reset with the session)
    text_scale = NumericProperty(1.0)  # BIGGER_TEXT while it is on: wrapped words may fall back

    text_font = TEXT_FONT
    icon_font = ICON_FONT
    background = palette.rgba(palette.BACKGROUND)
    surface = palette.rgba(palette.SURFACE)
    text = palette.rgba(palette.TEXT)
    text_muted = palette.rgba(palette.TEXT_MUTED)
    primary = palette.rgba(palette.PRIMARY)
    on_primary = palette.rgba(palette.ON_PRIMARY)
    secondary = palette.rgba(palette.SECONDARY)
    on_secondary = palette.rgba(palette.ON_SECONDARY)
    selected = palette.rgba(palette.SELECTED)
    ok = palette.rgba(palette.OK)
    warn = palette.rgba(palette.WARN)
    bad = palette.rgba(palette.BAD)
    border = palette.rgba(palette.BORDER)
    scrim = palette.rgba(palette.SCRIM, 0.6)

    def apply(self, display: Display) -> None:
        self.px_per_mm = display.px_per_mm
        self.portrait = display.portrait
        self.target = self.mm(TARGET_MM)
        self.gap = self.mm(GAP_MM)
        self.pad = self.mm(PAD_MM)
        self.font_icon = self.mm(ICON_MM)
        self.font_min = float(math.ceil(MIN_TEXT_MM * self.px_per_mm))
        self._size_text()

    def set_bigger_text(self, bigger: bool) -> None:
        """Words at BIGGER_TEXT times their size, or back to normal; kv rules re-lay out."""
        self.bigger_text = bigger
        self._size_text()

    def _size_text(self) -> None:
        scale = BIGGER_TEXT if self.bigger_text else 1.0
        self.text_scale = scale
        self.font_body = self.mm(BODY_MM * scale)
        self.font_title = self.mm(TITLE_MM * scale)
        self.font_huge = self.mm(HUGE_MM * scale)

    def mm(self, value: float) -> float:
        return float(round(value * self.px_per_mm))
