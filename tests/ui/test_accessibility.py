"""DESIGN.md 6: 20 mm targets with 6 mm gaps at both display profiles; 7:1 text contrast."""

from __future__ import annotations

import itertools

import pytest
from kivy.uix.behaviors import ButtonBehavior
from PIL import ImageFont

from kiosk.config import files
from kiosk.config.model import Display
from kiosk.ui import palette, theme
from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import prepare_screen
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

Rect = tuple[float, float, float, float]


def _targets(kiosk: Kiosk, screen: str) -> list[tuple[str, Rect]]:
    found = []
    for widget in kiosk.screen(screen).walk():
        if isinstance(widget, ButtonBehavior) and widget.get_root_window() is not None:
            x, y = widget.to_window(widget.x, widget.y)
            label = getattr(widget, "text", "") or type(widget).__name__
            found.append((label, (x, y, widget.width, widget.height)))
    return found


WHOLE_SCREEN_TARGETS = {"attract"}  # any touch anywhere: the screen itself is the target


def _gap(a: Rect, b: Rect) -> float:
    dx = max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]))
    dy = max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]))
    return max(dx, dy)


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_every_touch_target_is_20mm_with_6mm_gaps(kiosk: Kiosk, display: Display, lang: str):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    px = display.px_per_mm
    for screen in SCREENS:
        if screen in WHOLE_SCREEN_TARGETS:
            continue
        prepare_screen(kiosk.app, kiosk.app.services, screen)
        kiosk.app.go(screen)
        kiosk.driver.frames(3)
        targets = _targets(kiosk, screen)
        assert targets, f"{screen} has no buttons"
        for label, (x, y, w, h) in targets:
            size = f"{screen}: '{label}' is {w / px:.1f} x {h / px:.1f} mm"
            assert w >= 20 * px - 1, size
            assert h >= 20 * px - 1, size
            inside = (-1 <= x <= display.width - w + 1, -1 <= y <= display.height - h + 1)
            assert inside == (True, True), f"{screen}: '{label}' is off the screen"
        for (la, a), (lb, b) in itertools.combinations(targets, 2):
            assert _gap(a, b) >= 6 * px - 1, (
                f"{screen}: '{la}' and '{lb}' are {_gap(a, b) / px:.1f} mm apart"
            )


@pytest.mark.parametrize(("fg", "bg", "where"), palette.TEXT_PAIRS)
def test_text_colour_pairs_reach_7_to_1(fg: str, bg: str, where: str):
    assert palette.contrast_ratio(fg, bg) >= 7.0, where


def test_contrast_formula_matches_wcag_reference_values():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["800x480", "720x1280"])
def test_body_text_capitals_are_at_least_4_8mm(display: Display):
    px_per_mm = display.px_per_mm
    font_px = round(theme.BODY_MM * px_per_mm)
    font = ImageFont.truetype(str(files.text_font()), font_px)
    _, top, _, bottom = font.getbbox("H")
    assert (bottom - top) / px_per_mm >= 4.8
