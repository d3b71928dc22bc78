"""The signage loop: starts after a quiet spell at home only, cycles, and any touch goes home."""

from __future__ import annotations

import pytest

from kiosk.config.loader import load_config
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk


def test_signage_starts_after_the_quiet_spell_cycles_and_a_touch_goes_home(kiosk: Kiosk):
    idle = kiosk.app.kiosk_config.idle
    assert kiosk.current == "home"
    kiosk.clock.advance(idle.attract_seconds - 1)
    kiosk.app.attract_tick()
    assert kiosk.current == "home"
    kiosk.clock.advance(1)
    kiosk.app.attract_tick()
    kiosk.driver.settle()
    assert kiosk.current == "attract"
    attract = kiosk.screen("attract")
    first = attract.heading
    assert first == "回音簿：定时、定人、定责"  # the sample's pinned notice comes first
    kiosk.app.attract_tick()  # starts the slide's clock
    headings = [first]
    for _turn in range(len(attract.pages) + 2):  # the pinned notice's pages, then the next slides
        kiosk.clock.advance(idle.attract_slide_seconds)
        kiosk.app.attract_tick()
        headings.append(attract.heading)
    assert "今天的活动" in headings
    assert len(set(headings)) > 1
    assert all(name != "attract" for name, _text, _lang in kiosk.speaker.said), "signage is silent"

    # A touch right where the feedback door is: it wakes the kiosk and presses nothing.
    door = kiosk.screen("home").ids["door_feedback"]
    kiosk.driver.tap_at(*door.to_window(*door.center))
    kiosk.driver.settle()
    assert kiosk.current == "home"
    assert kiosk.app.history == []


def test_signage_waits_while_someone_uses_another_screen_or_when_turned_off(kiosk: Kiosk):
    idle = kiosk.app.kiosk_config.idle
    kiosk.driver.tap(kiosk.screen("home").ids["door_notices"])
    assert kiosk.current == "notices"
    kiosk.clock.advance(idle.attract_seconds + 1)
    kiosk.app.attract_tick()
    assert kiosk.current == "notices"
    kiosk.app.go_home()
    kiosk.config_path.write_text(
        kiosk.config_path.read_text(encoding="utf-8").replace(
            "attract_seconds: 120", "attract_seconds: 0"
        ),
        encoding="utf-8",
    )
    kiosk.app.apply_config(load_config(kiosk.config_path))
    kiosk.clock.advance(idle.attract_seconds * 10)
    kiosk.app.attract_tick()
    assert kiosk.current == "home"


@pytest.mark.parametrize("display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("bigger", [False, True], ids=["normal", "bigger"])
def test_a_long_notice_is_shown_whole_in_pages_one_after_another(
    kiosk: Kiosk, display, lang, bigger
):
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    kiosk.app.theme.set_bigger_text(bigger)
    kiosk.app.go("attract")
    kiosk.driver.settle()
    attract = kiosk.screen("attract")
    body, heading = attract.ids["body"], attract.ids["heading"]
    notice = next(n for n in kiosk.app.services.config().content.notices if n.pinned)
    whole = " ".join(notice.body.get(lang).split())
    kiosk.driver.frames(2)
    kiosk.app.attract_tick()  # starts the first page's clock
    drawn = []
    for _page in range(len(attract.pages)):
        kiosk.driver.frames(2)
        assert attract.heading == notice.title.get(lang), "the pages stay on their notice"
        for label in (body, heading):
            assert not any("…" in line for line in label.shown_lines), label.shown_lines
            assert label.shown_font_size >= kiosk.app.theme.font_body / kiosk.app.theme.text_scale
        assert "…" not in attract.body
        drawn.append(attract.body)
        kiosk.clock.advance(kiosk.app.kiosk_config.idle.attract_slide_seconds)
        kiosk.app.attract_tick()
    squeeze = "".join("".join(drawn).split())
    assert squeeze == "".join(whole.split()), "every word of the notice, in order"
