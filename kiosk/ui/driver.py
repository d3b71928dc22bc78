"""Drive the real app frame by frame without `App.run()`: for screenshots, tests and benchmarks.

Exceptions raised during a frame go through Kivy's `ExceptionManager`, exactly as in the real main
loop, so the crash guard is exercised as it is on the kiosk.

A tap first lets the app's tap guard (kiosk.ui.tap_guard) pass, as a resident's next deliberate
tap would: `wait` is `time.sleep` for real clocks (benchmarks, screenshots); tests hand the fake
clock's `advance`, so they stay fast. `touch_at` taps at once, guard or not (the double-tap tests).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.base import EventLoop, ExceptionManager
from kivy.core.window import Window
from kivy.lang.parser import global_idmap

from kiosk.config.model import Display


class Driver:
    def __init__(self, app: App, *, wait: Callable[[float], None] = time.sleep) -> None:
        self.app = app
        self.wait = wait

    def start(self) -> Driver:
        self.app._run_prepare()
        self.frames(3)
        return self

    def stop(self) -> None:
        """Take the app off the window so the next one starts clean (tests build many)."""
        self.app.dispatch("on_stop")
        for child in list(Window.children):
            Window.remove_widget(child)
        App._running_app = None
        # kv's `app` is a proxy that caches the running app until that app's on_stop; anything
        # evaluated since would pin this (stopped) app for the next one's rules.
        object.__setattr__(global_idmap["app"], "_obj", None)

    def frames(self, count: int = 2) -> None:
        for _ in range(count):
            try:
                EventLoop.idle()
            except BaseException as error:  # the main loop's own policy, not ours
                if ExceptionManager.handle_exception(error) == ExceptionManager.RAISE:
                    raise

    def settle(self, limit: int = 30) -> None:
        """Let a screen change finish: a ScreenManager ignores touches while it switches."""
        screens = getattr(self.app, "screens", None)
        for _ in range(limit):
            if screens is None or not screens.transition.is_active:
                return
            self.frames(1)

    def tap(self, widget: Any) -> None:
        self.settle()
        self.tap_at(*widget.to_window(*widget.center))

    def tap_at(self, x: float, y: float) -> None:
        self.let_guard_pass()
        self.touch_at(x, y)

    def let_guard_pass(self) -> None:
        """Wait out the tap guard, so the next touch acts (a no-op for an app without one)."""
        guard = getattr(self.app, "tap_guard", None)
        remaining = guard.remaining() if guard is not None else 0.0
        if remaining > 0:
            self.wait(remaining + 0.001)

    def touch_at(self, x: float, y: float) -> None:
        """Touch down, a frame, up: now, whatever the tap guard says."""
        # Imported here: kivy.tests imports pytest, 0.1 s a start-up timing need not carry.
        from kivy.tests.common import UnitTestTouch

        touch = UnitTestTouch(x, y)
        touch.touch_down()
        self.frames(1)
        touch.touch_up()
        self.frames(2)

    def set_display(self, display: Display) -> None:
        """Switch display profile in place: window size and the theme's millimetre."""
        Window.size = (display.width, display.height)
        self.app.theme.apply(display)
        self.frames(4)

    def screenshot(self, path: Path) -> Path:
        """Save the current frame as exactly `path` (Kivy adds a counter to names it is given)."""
        self.frames(2)
        path.parent.mkdir(parents=True, exist_ok=True)
        written = Window.screenshot(name=str(path))  # Kivy writes <stem>0001.png
        os.replace(written, path)
        return path
