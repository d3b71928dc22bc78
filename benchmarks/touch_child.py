"""The Kivy side of benchmark 3, in a fresh process under X:

    python -m benchmarks.touch_child DATA_DIR

Every navigation of the kiosk in both languages, by real touches once its start-up is over, and
the language button's taps: the frames from each release to the first frame drawn after it.
Prints one JSON line with the samples.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.ui_child import FRAME, FlipClock, _emit, _kiosk, _prepare, _until_started


def _button(screen: Any, test: Callable[[Any], bool]) -> Any:
    from kiosk.ui.widgets import BigButton

    for widget in screen.walk():
        if isinstance(widget, BigButton) and test(widget):
            return widget
    raise LookupError(f"no such button on {screen.name}")


def _value_is(value: object) -> Callable[[Any], bool]:
    """A button test bound to `value` now (a lambda in a loop would see the loop's last)."""
    return lambda widget: bool(widget.value == value)


def _frames(seconds: float) -> int:
    return max(1, math.ceil(seconds / FRAME - 1e-9))


def run_touch(data_dir: Path) -> None:
    """Every navigation, both languages, by real touches; frames from release to new screen."""
    _prepare(data_dir)
    from kivy.tests.common import UnitTestTouch

    from kiosk.ui.screens.home import DOORS

    driver = _kiosk(data_dir)
    app = driver.app

    def run_frames_for(seconds: float) -> None:
        """The tap guard's wait as the kiosk on the wall spends it: drawing its frames while the
        resident's finger comes back (a sleep would hold back what its Clock has to do)."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            driver.frames(1)

    driver.wait = run_frames_for
    _until_started(driver)
    flips = FlipClock()
    samples: list[dict[str, Any]] = []

    def screen(name: str) -> Any:
        return app.screen(name)

    def tap(widget: Any, *, navigates: bool = True, kind: str = "navigation") -> None:
        """`kind` "language": the tap changes the language, the screen stays (timed the same
        way: release to the first frame drawn after the change)."""
        if not navigates:
            driver.tap(widget)
            return
        driver.settle()
        driver.let_guard_pass()  # as a resident's next tap comes after the screen appeared
        before, lang = app.screens.current, app.lang
        touch = UnitTestTouch(*widget.to_window(*widget.center))
        touch.touch_down()
        driver.frames(1)
        start = time.perf_counter()
        touch.touch_up()  # the button's on_release switches the screen (or language) here
        for _ in range(240):
            changed = (app.screens.current, app.lang) != (before, lang)
            driver.frames(1)
            if changed and flips.times and flips.times[-1] > start:
                break
        else:
            raise RuntimeError(f"tap on {before} did not change the screen")
        elapsed = flips.times[-1] - start
        shown = flips.shown[-1] - start
        samples.append(
            {
                "kind": kind,
                "from": before if kind == "navigation" else lang,
                "to": app.screens.current if kind == "navigation" else app.lang,
                "lang": app.lang,
                "seconds": elapsed,
                "frames": _frames(elapsed),
                "frames_shown": _frames(shown),  # after the swap (llvmpipe renders in it)
                "swap_seconds": shown - elapsed,
            }
        )

    def language(lang: str) -> None:
        """A resident's tap on the language button, when the kiosk is not in `lang` yet."""
        if app.lang != lang:
            tap(screen("home").ids["language"], kind="language")

    def nav(name: str, icon: tuple[str, ...]) -> Any:
        return _button(screen(name), lambda w: w.icon in icon)

    places = ("compound-2", "garden", "street", "service-centre")  # a new problem each round
    for lang, place in zip(app.languages.available, places, strict=False):
        language(lang)
        driver.frames(2)
        for door in DOORS:
            tap(screen("home").ids[f"door_{door}"])
            if door == "feedback":
                tap(_button(screen("feedback"), lambda w: w.value == "property-repair"))
                tap(_button(screen("feedback_what"), lambda w: w.value == 0), navigates=False)
                tap(screen("feedback_what").ids["next"])
                where = screen("feedback_where")
                tap(_button(where, _value_is(place)), navigates=False)
                tap(where.ids["next"])
                for digit in "13912345678":
                    pad = screen("feedback_phone")
                    tap(_button(pad, _value_is(digit)), navigates=False)
                tap(_button(screen("feedback_phone"), lambda w: w.value == "next"))
                tap(screen("feedback_confirm").ids["submit"])
                tap(nav("feedback_done", ("home",)))
            else:
                tap(nav(door, ("back", "back-rtl")))
    language(app.languages.default)
    _emit({"samples": samples})


if __name__ == "__main__":
    run_touch(Path(sys.argv[1]))
