"""Activities: a day longer than the screen is read with Next (the rest of the day, then the
next day), a "more below" line says so, and every entry is seen whole along the way."""

from __future__ import annotations

import pytest

from tests.ui.geometry import contains, text_whole, window_box
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk, open_screen


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_next_walks_through_every_entry_of_every_day(kiosk: Kiosk, display, lang):
    screen = open_screen(kiosk, "activities", display, lang)
    nxt = screen.ids["pager"].ids["next"] if "pager" in screen.ids else None
    assert nxt is not None
    seen: set[tuple[int, str, str]] = set()
    days_with_cue = 0
    for _turn in range(60):
        kiosk.driver.frames(2)
        assert text_whole(screen.ids["day"]), screen.day_text
        view = window_box(screen.ids["scroll"])
        rows = list(reversed(screen.ids["rows"].children))
        for row in rows:
            if contains(view, window_box(row)):
                seen.add((int(screen.day_index), row.time_text, row.title_text))
        if screen.more_below:
            days_with_cue += 1
            cue = screen.ids["more"]
            assert cue.opacity != 0
            assert text_whole(cue)
            assert nxt.opacity == 1, "Next stays to read the rest"
        if nxt.disabled:
            break
        kiosk.driver.tap(nxt)
    assert nxt.disabled, "reached the last day"
    # every entry of every day was inside the list's visible box at some point
    kiosk.app.go("home")
    expected = set()
    screen.reset()
    kiosk.app.go("activities")
    for _day in range(8):
        kiosk.driver.frames(1)
        rows = list(reversed(screen.ids["rows"].children))
        expected |= {(int(screen.day_index), r.time_text, r.title_text) for r in rows}
        screen.day_index += 1 if screen.day_index < 7 else 0
        screen.refresh()
    assert expected <= seen, sorted(expected - seen)
