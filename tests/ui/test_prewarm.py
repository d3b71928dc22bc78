"""Screens are filled and laid out off the window before anyone opens them (issue 18: first
visits were the touch-to-screen tail), after start-up and again after a language change."""

from __future__ import annotations

from tests.ui.helpers import Kiosk


def _warm(kiosk: Kiosk) -> bool:
    app = kiosk.app
    return kiosk.wait_for(lambda: not app.missing_screens() and not app.prewarm.busy)


def test_after_start_up_every_other_screen_has_the_window_size_before_its_first_visit(
    kiosk: Kiosk,
):
    assert _warm(kiosk)
    manager = kiosk.app.screens
    others = [s for s in manager.screens if s.name != manager.current]
    assert others
    assert [s.name for s in others if list(s.size) != list(manager.size)] == []


def test_the_red_post_rows_are_there_before_the_red_post_is_opened(kiosk: Kiosk):
    assert _warm(kiosk)
    amenities = kiosk.app.kiosk_config.content.red_post.amenities
    rows = kiosk.screen("red_post").ids.amenities.children
    assert kiosk.current == "home"
    assert sorted(r.name_text for r in rows) == sorted(a.name.get("zh") for a in amenities)


def test_a_language_change_fills_the_other_screens_in_the_new_language(kiosk: Kiosk):
    assert _warm(kiosk)
    kiosk.app.set_language("ug")
    assert _warm(kiosk)
    amenities = kiosk.app.kiosk_config.content.red_post.amenities
    rows = kiosk.screen("red_post").ids.amenities.children
    names = sorted(a.name.get("ug") for a in amenities)
    assert names != sorted(a.name.get("zh") for a in amenities)
    assert sorted(r.name_text for r in rows) == names


def test_a_screen_opened_while_it_waits_to_be_warmed_is_shown_on_the_window(kiosk: Kiosk):
    app = kiosk.app
    assert kiosk.wait_for(lambda: not app.missing_screens())
    assert app.prewarm.busy, "the screens are still being warmed"
    app.go("echo_wall")
    assert _warm(kiosk)
    wall = kiosk.screen("echo_wall")
    assert kiosk.current == "echo_wall"
    assert wall.parent is app.screens
    assert wall.canvas in app.screens.canvas.children
