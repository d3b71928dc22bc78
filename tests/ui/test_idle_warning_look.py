"""The idle warning's card and words are drawn above the dimmed screen, at full contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.geometry import text_contrast, window_box
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_warning_words_reach_7_to_1_on_screen(kiosk: Kiosk, tmp_path: Path, display, lang):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    kiosk.clock.advance(61)
    assert kiosk.app.idle is not None
    kiosk.app.idle.tick()
    kiosk.driver.frames(30)  # the card's opening animation
    warning = kiosk.app._idle_warning
    assert warning is not None
    assert kiosk.app.idle_warning_open
    shot = kiosk.driver.screenshot(tmp_path / "warning.png")
    for name in ("question", "countdown"):
        ratio = text_contrast(shot, window_box(warning.ids[name]))
        assert ratio >= 7.0, f"{name}: {ratio:.1f}:1"
