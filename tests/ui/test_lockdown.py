from __future__ import annotations

import pytest
from kivy.core.window import Window

from kiosk.ui.lockdown import ESCAPE, F1, F11, F12
from tests.ui.helpers import Kiosk


@pytest.mark.parametrize("key", [ESCAPE, F1, F11, F12])
def test_escape_hatch_keys_do_nothing_in_kiosk_mode(kiosk: Kiosk, key: int):
    kiosk.app.go("notices")
    kiosk.driver.frames(1)
    Window.dispatch("on_key_down", key, 0, None, [])
    Window.dispatch("on_keyboard", key, 0, None, [])
    kiosk.driver.frames(2)
    assert kiosk.app.root.parent is Window, "the app is still on screen"
    assert kiosk.app._app_settings is None, "no settings panel was built"
    assert kiosk.current == "notices"


def test_window_close_request_is_refused(kiosk: Kiosk):
    assert Window.dispatch("on_request_close") is True


def test_kivy_modules_and_multitouch_emulation_are_off():
    from kivy.config import Config

    assert Config.options("modules") == []
    assert Config.get("input", "mouse") == "mouse,disable_multitouch"
    assert Config.getint("kivy", "exit_on_escape") == 0
