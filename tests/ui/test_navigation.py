from __future__ import annotations

import pytest

from kiosk.ui.screens.home import DOORS
from tests.ui.helpers import Kiosk


@pytest.fixture
def warm_screens() -> bool:
    """The kiosk warms its screens off the window, as every real kiosk does."""
    return True


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


def test_home_shows_residents_no_sync_status_even_offline_with_a_refused_key(kiosk: Kiosk):
    import dataclasses
    from datetime import timedelta

    from kiosk.domain.status import SyncStatus

    home = kiosk.screen("home")
    status = SyncStatus(
        online=False,
        waiting=3,
        oldest_waiting=timedelta(days=2, hours=3),
        problem="403: the centre refused the API key",
    )
    home.services = dataclasses.replace(home.services, sync_status=lambda: status)
    home.tick()
    kiosk.driver.frames(2)
    words = " ".join(getattr(w, "text", "") for w in home.walk())
    assert home.headline == "胜利社区", "the community's name, not the link status"
    for staff_word in ("离线", "在线", "待上传", "最早", "上传有问题"):
        assert staff_word not in words, f"{staff_word!r} is for the staff panel"
