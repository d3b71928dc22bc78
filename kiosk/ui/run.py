"""`kiosk run`: the full-screen kiosk (or a window for development)."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.core import sdnotify
from kiosk.core.services import Services
from kiosk.core.stop import StopRequest
from kiosk.ui.env import WindowMode, prepare_kivy

log = logging.getLogger("kiosk.ui")
STOP_POLL = 0.1  # seconds between looks at a pending stop signal


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


def stop_on_request(clock: Any, app: Any, request: StopRequest) -> Any:
    """Stop `app` from Kivy's own loop once a stop signal came (kiosk.core.stop).

    It goes the way the staff panel's restart goes: App.stop() runs on_stop (the sync worker is
    stopped, its request in flight cut short) between two frames, never in the middle of a store
    write, and systemd hears STOPPING=1 first. Returns the ClockEvent, so tests can cancel it.
    """

    def check(_dt: float) -> bool:
        if not request.requested:
            return True
        log.info("stopping: %s", request.reason)
        sdnotify.notify("STOPPING=1")
        app.stop()
        return False

    return clock.schedule_interval(check, STOP_POLL)


def run_kiosk(services: Services, *, windowed: bool) -> int:
    with StopRequest().catching() as request:
        return _run(services, windowed=windowed, request=request)


def _run(services: Services, *, windowed: bool, request: StopRequest) -> int:
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
    stop_on_request(Clock, app, request)
    try:
        app.run()
    finally:
        services.speaker.close()
        # The last connection to close checkpoints the WAL into the database file.
        services.book.close()
        services.remote.close()
    return app.exit_code or 0  # the staff panel's restart or leave (kiosk.ui.staff)
