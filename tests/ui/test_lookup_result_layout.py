"""The look-up's answer (the state and staff's words) is on screen without scrolling, whole, on
both displays in both languages."""

from __future__ import annotations

import pytest

from kiosk.ui.screenshot import sample_answer
from tests.ui.geometry import contains, text_whole, window_box
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_state_and_answer_show_without_scrolling(kiosk: Kiosk, display, lang):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    result = kiosk.screen("lookup_result")
    result.answer = sample_answer(kiosk.app.services)
    kiosk.app.go("lookup_result")
    kiosk.driver.frames(4)
    view = window_box(result.ids["scroll"])
    assert result.ids["scroll"].scroll_y == pytest.approx(1)
    for name in ("state", "answer"):
        label = result.ids[name]
        assert label.text, name
        assert contains(view, window_box(label)), f"{name} below the fold"
        assert text_whole(label), name
    assert "充电" in result.ids["answer"].text
