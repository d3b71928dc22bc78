"""The same panel turned: staff edit `display` from 800 x 480 to 480 x 800 at the same dpi (the
kiosk reloads it, kiosk.ui.theme). Every screen a resident had seen before then lays out as on
a kiosk that started turned, and back again.

A kv size that is only a number of millimetres is evaluated again only when the millimetre
changes: where the orientation turned a fixed size into a stretched one (the pager, Next, the
Back and Home buttons), the layout's stretched size stayed after turning back, and the pager
kept a whole column's height in portrait, leaving the notices room for 3 instead of 4."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kiosk.config.model import Display
from kiosk.core.services import Services
from kiosk.ui.app import SCREENS, KioskApp
from kiosk.ui.driver import Driver
from kiosk.ui.screenshot import prepare_screen
from tests.ui.helpers import LANDSCAPE, FakeMonotonic

TURNED = Display(width=LANDSCAPE.height, height=LANDSCAPE.width, dpi=LANDSCAPE.dpi)
Geometry = list[tuple[str, int, int, int, int]]


def _geometry(app: KioskApp, driver: Driver, name: str) -> Geometry:
    prepare_screen(app, app.services, name)
    app.go(name)
    driver.frames(6)
    screens = app.screens
    assert screens is not None
    return [
        (type(w).__name__, round(w.x), round(w.y), round(w.width), round(w.height))
        for w in screens.get_screen(name).walk(restrict=True)
    ]


def _walk(wiring: Services, displays: list[Display]) -> dict[str, Geometry]:
    """Every screen on each display in turn (the last one's geometry kept)."""
    app = KioskApp(wiring)
    assert isinstance(wiring.monotonic, FakeMonotonic)
    driver = Driver(app, wait=wiring.monotonic.advance).start()
    try:
        seen: dict[str, Geometry] = {}
        for display in displays:
            driver.set_display(display)
            seen = {name: _geometry(app, driver, name) for name in SCREENS}
        return seen
    finally:
        driver.stop()


@pytest.mark.parametrize(
    "turns", [[LANDSCAPE, TURNED], [TURNED, LANDSCAPE]], ids=["to-portrait", "to-landscape"]
)
def test_every_screen_seen_before_lays_out_as_on_a_kiosk_started_turned(
    another_wiring: Callable[[], Services], turns: list[Display]
):
    turned = _walk(another_wiring(), turns)
    started = _walk(another_wiring(), turns[-1:])
    differs: dict[str, Any] = {
        name: next((a, b) for a, b in zip(turned[name], started[name], strict=True) if a != b)
        for name in SCREENS
        if turned[name] != started[name]
    }
    assert differs == {}
