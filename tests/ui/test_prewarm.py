"""Screens are filled and laid out off the window before anyone opens them (issue 18: first
visits were the touch-to-screen tail), after start-up and again after a language change."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.domain.content import Amenity
from kiosk.ui.prewarm import Prewarm
from kiosk.ui.widgets import NavBar
from kiosk.ui.wrapping import WrapLabel
from tests.ui.helpers import Kiosk


@pytest.fixture
def warm_screens() -> bool:
    """The kiosk warms its screens off the window, as every real kiosk does."""
    return True


def _prewarm(kiosk: Kiosk) -> Prewarm:
    prewarm = kiosk.app.prewarm
    assert prewarm is not None
    return prewarm


def _manager(kiosk: Kiosk) -> Any:  # Kivy's ScreenManager is untyped
    assert kiosk.app.screens is not None
    return kiosk.app.screens


def _warm(kiosk: Kiosk) -> bool:
    return kiosk.wait_for(kiosk.app.started)


def _amenities(kiosk: Kiosk) -> tuple[Amenity, ...]:
    red_post = kiosk.app.kiosk_config.content.red_post
    assert red_post is not None
    return red_post.amenities


def test_start_up_is_over_only_once_the_other_screens_are_drawn_off_the_window(kiosk: Kiosk):
    app = kiosk.app
    assert kiosk.wait_for(lambda: not app.missing_screens())
    assert _prewarm(kiosk).busy  # every screen made, not yet drawn
    assert not app.started()
    assert kiosk.wait_for(app.started)
    assert not _prewarm(kiosk).busy


def test_after_start_up_every_other_screen_has_the_window_size_before_its_first_visit(
    kiosk: Kiosk,
):
    assert _warm(kiosk)
    manager = _manager(kiosk)
    others = [s for s in manager.screens if s.name != manager.current]
    assert others
    assert [s.name for s in others if list(s.size) != list(manager.size)] == []


def test_the_red_post_rows_are_there_before_the_red_post_is_opened(kiosk: Kiosk):
    assert _warm(kiosk)
    rows = kiosk.screen("red_post").ids.amenities.children
    assert kiosk.current == "home"
    assert sorted(r.name_text for r in rows) == sorted(a.name.get("zh") for a in _amenities(kiosk))


def test_a_language_change_fills_the_other_screens_in_the_new_language(kiosk: Kiosk):
    assert _warm(kiosk)
    kiosk.app.set_language("ug")
    assert _warm(kiosk)
    rows = kiosk.screen("red_post").ids.amenities.children
    names = sorted(a.name.get("ug") for a in _amenities(kiosk))
    assert names != sorted(a.name.get("zh") for a in _amenities(kiosk))
    assert sorted(r.name_text for r in rows) == names


def test_after_a_language_change_the_other_screens_are_drawn_in_it_before_they_open(
    kiosk: Kiosk,
):
    assert _warm(kiosk)
    kiosk.app.set_language("ug")
    assert _warm(kiosk)
    wall = kiosk.screen("echo_wall")
    drawn = [line for w in wall.walk() if isinstance(w, WrapLabel) for line in w.shown_lines]
    assert kiosk.current == "home"
    assert kiosk.app.t("echo_wall", "ug") in drawn
    assert kiosk.app.t("echo_wall", "zh") not in drawn
    bar = next(w for w in wall.walk() if isinstance(w, NavBar))
    assert bar.ids["back"].x > bar.ids["home"].x  # mirrored too: Back where Uyghur starts


def test_a_screen_opened_while_it_waits_to_be_warmed_is_shown_on_the_window(kiosk: Kiosk):
    app = kiosk.app
    assert kiosk.wait_for(lambda: not app.missing_screens())
    assert _prewarm(kiosk).busy, "the screens are still being warmed"
    app.go("echo_wall")
    assert _warm(kiosk)
    wall = kiosk.screen("echo_wall")
    manager = _manager(kiosk)
    assert kiosk.current == "echo_wall"
    assert wall.parent is manager
    assert wall.canvas in manager.canvas.children
