"""A page button with no page that way is plainly gone (not a faded 1.1:1 ghost) and keeps its
place; the one that works stays where it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.geometry import one_line_fits, text_contrast, window_box
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk, open_screen


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
def test_first_page_shows_no_previous_button_and_next_in_place(kiosk: Kiosk, tmp_path, display):
    kiosk.driver.set_display(display)
    kiosk.app.go("echo_wall")
    kiosk.driver.frames(3)
    wall = kiosk.screen("echo_wall")
    pager = wall.ids["pager"]
    prev, nxt = pager.ids["prev"], pager.ids["next"]
    assert not wall.has_prev
    shot: Path = kiosk.driver.screenshot(tmp_path / "first.png")
    assert text_contrast(shot, window_box(prev)) == pytest.approx(1.0), "nothing drawn there"
    assert text_contrast(shot, window_box(nxt)) >= 7.0
    where = window_box(nxt)
    kiosk.driver.tap(prev)
    assert wall.page == 0, "the gone button takes no tap"
    kiosk.driver.tap(nxt)
    kiosk.driver.frames(2)
    assert wall.page == 1
    assert window_box(nxt) == where, "the buttons do not move as the other appears"
    shot = kiosk.driver.screenshot(tmp_path / "second.png")
    assert text_contrast(shot, window_box(prev)) >= 7.0


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_more_below_between_the_buttons_is_whole(kiosk: Kiosk, display, lang):
    screen = open_screen(kiosk, "red_post", display, lang)
    assert screen.more_below
    label = screen.ids["pager"].ids["label"]
    assert label.text
    assert one_line_fits(label), f"{label.text!r} cut in {label.width}px"
