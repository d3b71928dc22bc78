"""Notices per page follow the room the display gives, every title whole."""

from __future__ import annotations

import pytest

from kiosk.config.model import Display
from tests.ui.geometry import text_whole
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

ROOMY = Display(width=720, height=1280, dpi=132)  # a portrait panel with smaller pixels per mm


def _rows(kiosk: Kiosk):
    return list(reversed(kiosk.screen("notices").ids["rows"].children))


@pytest.mark.parametrize(
    ("display", "per_page"),
    [(LANDSCAPE, 2), (PORTRAIT, 2), (ROOMY, 4)],
    ids=["7inch", "portrait", "roomy"],
)
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_as_many_notices_a_page_as_fit_each_title_whole(kiosk: Kiosk, display, per_page, lang):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    kiosk.app.go("notices")
    kiosk.driver.frames(4)
    rows = _rows(kiosk)
    assert len(rows) == per_page
    for row in rows:
        assert text_whole(row.ids["text"]), row.text
