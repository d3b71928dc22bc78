"""The Red Post's key facts (open now and until when, where) are on screen without scrolling on
both displays in both languages; the page buttons walk through every amenity."""

from __future__ import annotations

from kivy.uix.scrollview import ScrollView

from tests.ui.geometry import contains, inside_window, text_whole, window_box
from tests.ui.helpers import (
    IN_EVERY_LANGUAGE,
    ON_EVERY_DISPLAY,
    Kiosk,
    open_screen,
)

DISPLAYS, LANGS = ON_EVERY_DISPLAY, IN_EVERY_LANGUAGE


def _in_a_scroll_view(widget) -> bool:
    parent = widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, ScrollView):
            return True
        parent = parent.parent
    return False


@DISPLAYS
@LANGS
def test_open_now_until_when_and_where_show_without_scrolling(kiosk: Kiosk, display, lang):
    screen = open_screen(kiosk, "red_post", display, lang)
    assert screen.open_now  # 15:15 on a Wednesday
    for name in ("status", "location"):
        label = screen.ids[name]
        assert label.text, name
        assert not _in_a_scroll_view(label), f"{name} must never scroll away"
        assert inside_window(window_box(label)), name
        assert text_whole(label), f"{label.text!r} cut"
    assert screen.change_text
    assert screen.change_text in screen.ids["status"].text


@DISPLAYS
@LANGS
def test_page_buttons_walk_through_every_amenity(kiosk: Kiosk, display, lang):
    screen = open_screen(kiosk, "red_post", display, lang)
    pager = screen.ids["pager"]
    rows = list(screen.ids["amenities"].children)
    assert len(rows) == 6
    tops, bottoms = set(), set()  # a row taller than the view is read in two steps
    for _step in range(40):
        kiosk.driver.frames(2)
        view = window_box(screen.ids["scroll"])
        for row in rows:
            x, y, w, h = window_box(row)
            if contains(view, (x, y + h - 1, w, 1)):
                tops.add(row.name_text)
            if contains(view, (x, y, w, 1)):
                bottoms.add(row.name_text)
        if not screen.more_below:
            break
        assert pager.label, "says there is more"
        kiosk.driver.tap(pager.ids["next"])
    assert not screen.more_below
    names = {row.name_text for row in rows}
    assert tops == names
    assert bottoms == names
