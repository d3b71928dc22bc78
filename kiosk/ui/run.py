"""`kiosk run`: the full-screen kiosk (or a window for development)."""

from __future__ import annotations

from typing import Any

from kiosk.core import sdnotify
from kiosk.core.services import Services
from kiosk.ui.env import WindowMode, prepare_kivy


def tell_systemd(clock: Any) -> Any:
    """READY=1 on the first frame, then WATCHDOG=1 from Kivy's own loop.

    The pings ride on the Clock of the UI thread, so a frozen screen stops them and the unit's
    WatchdogSec= restarts the kiosk (deploy/raspberrypi/). Outside systemd nothing is sent.
    Returns the ping's ClockEvent (None without a watchdog), so tests can cancel it.
    """
    clock.schedule_once(lambda _dt: sdnotify.notify("READY=1"), 0)
    interval = sdnotify.watchdog_interval()
    if interval is None:
        return None
    return clock.schedule_interval(lambda _dt: sdnotify.notify("WATCHDOG=1"), interval)


def run_kiosk(services: Services, *, windowed: bool) -> int:
    display = services.config().display
    prepare_kivy(
        WindowMode(
            width=display.width,
            height=display.height,
            fullscreen=not windowed,
            lockdown=services.lockdown,
            show_cursor=display.show_cursor or windowed,
        ),
        kivy_home=services.data_dir / "kivy",
    )
    from kivy.clock import Clock

    from kiosk.ui.app import KioskApp

    app = KioskApp(services)
    tell_systemd(Clock)
    try:
        app.run()
    finally:
        services.speaker.close()
    return app.exit_code or 0  # the staff panel's restart or leave (kiosk.ui.staff)
