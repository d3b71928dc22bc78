from __future__ import annotations

import pytest

from kiosk.ui.screens.home import DOORS
from tests.ui.conftest import Kiosk


def test_kiosk_starts_on_the_home_screen_with_the_community_name(kiosk: Kiosk):
    home = kiosk.screen("home")
    assert kiosk.current == "home"
    assert home.community_name == "胜利社区"
    assert home.clock_text == "15:15  12月4日"


@pytest.mark.parametrize("door", DOORS)
def test_each_home_button_opens_its_screen_and_back_returns_home(kiosk: Kiosk, door: str):
    kiosk.driver.tap(kiosk.screen("home").ids[f"door_{door}"])
    assert kiosk.current == door
    nav = _nav_buttons(kiosk, door)
    kiosk.driver.tap(nav["back"])
    assert kiosk.current == "home"


@pytest.mark.parametrize("door", DOORS)
def test_home_button_returns_home_from_every_screen(kiosk: Kiosk, door: str):
    kiosk.app.go(door)
    kiosk.driver.frames(2)
    kiosk.driver.tap(_nav_buttons(kiosk, door)["home"])
    assert kiosk.current == "home"


def test_back_retraces_several_steps(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.app.go("red_post")
    kiosk.driver.frames(2)
    kiosk.driver.tap(_nav_buttons(kiosk, "red_post")["back"])
    assert kiosk.current == "notices"


def _nav_buttons(kiosk: Kiosk, screen: str) -> dict[str, object]:
    from kiosk.ui.icons import GLYPHS
    from kiosk.ui.widgets import BigButton

    found: dict[str, object] = {}
    for widget in kiosk.screen(screen).walk():
        if isinstance(widget, BigButton) and widget.icon in ("back", "back-rtl"):
            found["back"] = widget
        elif isinstance(widget, BigButton) and widget.icon == "home":
            found["home"] = widget
    assert set(found) == {"back", "home"}, f"{screen} lacks Back/Home ({GLYPHS['home']!r})"
    return found
