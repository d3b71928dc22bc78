from __future__ import annotations

import logging

import pytest
from kivy.clock import Clock

from tests.ui.helpers import Kiosk


def test_an_exception_in_a_callback_is_logged_and_the_kiosk_goes_home(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture
):
    kiosk.app.go("red_post")
    kiosk.driver.frames(1)

    def broken(_dt: float) -> None:
        raise ZeroDivisionError("a bug in a screen")

    Clock.schedule_once(broken)
    with caplog.at_level(logging.ERROR, logger="kiosk.ui"):
        kiosk.driver.frames(3)
    assert kiosk.current == "home"
    record = next(r for r in caplog.records if r.name == "kiosk.ui")
    assert record.exc_info is not None
    assert "a bug in a screen" in str(record.exc_info[1])
    # The kiosk keeps running: it still navigates.
    kiosk.driver.tap(kiosk.screen("home").ids["door_notices"])
    assert kiosk.current == "notices"
