"""`kiosk run`: the full-screen kiosk (or a window for development)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from kiosk.core import long_lived, sdnotify
from kiosk.core.services import Services
from kiosk.core.stop import StopRequest
from kiosk.ui.env import WindowMode, prepare_kivy
from kiosk.ui.first_frame import AfterFirstFrame

log = logging.getLogger("kiosk.ui")
STOP_POLL = 0.1  # seconds between looks at a pending stop signal


def tell_systemd(clock: Any, window: Any, started: Callable[[], bool]) -> Any:
    """WATCHDOG=1 from Kivy's own loop from the start; READY=1 once start-up is over.

    Start-up is over when a frame has been flipped to the screen and `started()` holds (every
    screen made; drawing each once off the window goes on, a touch answered meanwhile). Until
    then the unit's TimeoutStartSec= judges the start, so a slow first draw or screen build on a
    cold Pi after a power cut is not taken for a freeze; after it the pings ride on the Clock of
    the UI thread, so a frozen screen stops them and WatchdogSec= restarts the kiosk
    (deploy/raspberrypi/). Outside systemd nothing is sent. Returns the ClockEvents (pings, the
    READY check), so tests can cancel them.
    """
    begun = time.monotonic()
    flips: list[float] = []

    def flipped(*_args: Any) -> None:
        flips.append(time.monotonic())
        window.unbind(on_flip=flipped)

    def ready_yet(_dt: float) -> bool:
        if not flips or not started():
            return True
        done = time.monotonic()
        status = (
            f"home screen drawn {flips[0] - begun:.1f} s, "
            f"every screen made {done - begun:.1f} s after the loop began"
        )
        log.info("start-up over: %s", status)
        sdnotify.notify(f"READY=1\nSTATUS=running; {status}")
        return False

    window.bind(on_flip=flipped)
    sdnotify.notify("STATUS=starting: drawing the home screen")
    events = [clock.schedule_interval(ready_yet, STOP_POLL)]
    interval = sdnotify.watchdog_interval()
    if interval is not None:
        sdnotify.notify("WATCHDOG=1")
        events.append(clock.schedule_interval(lambda _dt: sdnotify.notify("WATCHDOG=1"), interval))
    return events


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


def keep_what_start_up_made(
    clock: Any, window: Any, started: Callable[[], bool], keep: Callable[[], int] = long_lived.keep
) -> Any:
    """`keep` (kiosk.core.long_lived) once the first frame is shown, before the other screens
    are made, and once `started()` holds. Returns the ClockEvent that waits for the second."""

    def kept(_dt: float) -> None:
        log.debug("first frame: %d objects kept out of full collections", keep())

    def over(_dt: float) -> bool:
        if not started():
            return True
        log.info("every screen drawn once: %d objects kept out of full collections", keep())
        return False

    AfterFirstFrame(clock, window, kept)
    return clock.schedule_interval(over, STOP_POLL)


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
    from kivy.core.window import Window

    from kiosk.ui.app import KioskApp

    app = KioskApp(services)
    tell_systemd(Clock, Window, lambda: not app.missing_screens())
    keep_what_start_up_made(Clock, Window, app.started)
    stop_on_request(Clock, app, request)
    try:
        app.run()
    finally:
        services.close()
    return app.exit_code or 0  # the staff panel's restart or leave (kiosk.ui.staff)
