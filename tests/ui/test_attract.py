"""The signage loop: starts after a quiet spell at home only, cycles, and any touch goes home."""

from __future__ import annotations

from kiosk.config.loader import load_config
from tests.ui.helpers import Kiosk


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
    for _slide in range(3):
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
