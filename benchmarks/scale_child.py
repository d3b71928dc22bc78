"""The Kivy side of benchmark 7, in a fresh process under X:

    python -m benchmarks.scale_child DATA_DIR CONFIG

Starts the kiosk on CONFIG (generated content) and DATA_DIR (a generated store), waits until
its start-up is over, then opens each screen that grows with content or history several times
(the time from `go` to the first frame showing it, and the longest frame of the ten after), and
edits CONFIG three times: the time until the kiosk runs on each edit and the longest frame
meanwhile. Prints one JSON line.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.results import median
from benchmarks.ui_child import FlipClock, _emit, _kiosk, _prepare, _until_started

if TYPE_CHECKING:  # Kivy is imported only after _prepare has set it up
    from kiosk.ui.driver import Driver

GROWING = ("activities", "notices", "attract", "echo_wall")
OPENINGS = 3


def _open(driver: Driver, flips: FlipClock, name: str) -> tuple[float, float]:
    """(seconds from `go` to the first frame showing `name`, longest frame of the ten after)."""
    app = driver.app
    start = time.perf_counter()
    app.go(name)
    for _ in range(600):
        driver.frames(1)
        if app.screens.current == name and flips.times and flips.times[-1] > start:
            break
    shown = flips.times[-1] - start
    last, worst = time.perf_counter(), 0.0
    for _ in range(10):
        driver.frames(1)
        now = time.perf_counter()
        worst, last = max(worst, now - last), now
    app.go_home()
    driver.frames(3)
    return shown, worst


def _run_on(driver: Driver, text: str, config: Path) -> tuple[float, float, bool]:
    """Write `text` to `config` as staff would: (seconds until the kiosk runs on it, the longest
    frame meanwhile and in the ten frames after, whether it did)."""
    app = driver.app
    before = app.kiosk_config
    config.write_text(text, encoding="utf-8")
    start = last = time.perf_counter()
    worst = 0.0
    while app.kiosk_config is before and time.perf_counter() - start < 120:
        driver.frames(1)
        now = time.perf_counter()
        worst, last = max(worst, now - last), now
    applied = time.perf_counter() - start
    for _ in range(10):
        driver.frames(1)
        now = time.perf_counter()
        worst, last = max(worst, now - last), now
    return applied, worst, app.kiosk_config is not before


def _reload(driver: Driver, config: Path) -> dict[str, float]:
    """The community's name edited, the edit undone, edited again: what a reload costs is not
    one collector's pass or not (issue 18: a full pass over everything start-up made, ~200 ms,
    fell into 1 of 5 single reloads)."""
    text = config.read_text(encoding="utf-8")
    edited = text.replace("胜利社区", "胜利社区二", 1)
    runs = [_run_on(driver, version, config) for version in (edited, text, edited)]
    return {
        "applied_s": median([r[0] for r in runs]),
        "worst_frame_s": max(r[1] for r in runs),
        "reloaded": float(all(r[2] for r in runs)),
        "reloads": float(len(runs)),
    }


def main(argv: list[str]) -> None:
    data_dir, config = Path(argv[0]), Path(argv[1])
    _prepare(data_dir)
    driver = _kiosk(data_dir, config)
    app = driver.app
    flips = FlipClock()
    _until_started(driver)
    screens: dict[str, dict[str, float]] = {}
    for name in GROWING:
        openings = [_open(driver, flips, name) for _ in range(OPENINGS)]
        screens[name] = {
            "shown_s": median([o[0] for o in openings]),
            "worst_after_s": max(o[1] for o in openings),
        }
    content = app.kiosk_config.content  # what the kiosk runs on: the generated file, all of it
    loaded = {"notices": len(content.notices), "events": len(content.events)}
    _emit({"screens": screens, "reload": _reload(driver, config), "loaded": loaded})


if __name__ == "__main__":
    main(sys.argv[1:])
