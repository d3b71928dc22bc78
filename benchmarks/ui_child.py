"""The Kivy side of the UI benchmarks, always in a fresh process under X (Xvfb here):

    python -m benchmarks.ui_child kiosk DATA_DIR               start-up and memory
    python -m benchmarks.ui_child bare DATA_DIR VISITS         the same for a bare Kivy app
    python -m benchmarks.ui_child frames DATA_DIR CONFIG REPS SECONDS TICKETS   frame times

(Touch to screen: benchmarks/touch_child.py.)

It prints `first-frame` once the first frame has been swapped onto the screen (the parent times
that line from before it started the process), then one JSON line with the figures, among them
how long that swap took (`first_swap_s`: the parent's figure is the frame handed to the window).
The app runs frame by frame through `Driver`, i.e. `EventLoop.idle()` with Kivy's own
`maxfps = 60` pacing, as in `App.run()`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.ui.env import WindowMode, prepare_kivy

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "config" / "kiosk.yaml"
FRAME = 1 / 60
LABEL = "胜利社区 · 回音簿"


def status_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status ("VmRSS", "VmHWM"), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def peak_rss_kb() -> int:
    """VmHWM: the most resident memory this process ever had."""
    return status_kb("VmHWM")


def _emit(payload: dict[str, Any]) -> None:
    print(json.dumps(payload), flush=True)
    # Kivy's and the speech worker's clean-up take seconds and measure nothing.
    os._exit(0)


def _prepare(data_dir: Path) -> None:
    prepare_kivy(
        WindowMode(width=800, height=480, fullscreen=False, lockdown=True),
        kivy_home=data_dir / "kivy",
    )
    from kivy.config import Config

    Config.set("graphics", "maxfps", "60")


FIRST_FRAME: dict[str, float] = {}  # rss_kb: VmHWM once it is shown; swap_s: its swap's time


def _at_each_swap(callback: Callable[[float, float], None]) -> None:
    """`callback(handed, shown)` for each frame drawn: when the window began swapping it onto
    the screen and when that was done (perf_counter). Not an on_flip handler: Kivy runs those
    before the window's own handler, which swaps, and after whatever the app bound later. Here
    llvmpipe renders the frame on the CPU inside the swap; a Pi's GPU renders it beside the CPU,
    so "handed" is the figure and "shown" the detail."""
    from kivy.core.window import Window

    window_class = type(Window)
    swap = window_class.flip

    def swapped(window: Any) -> None:
        handed = time.perf_counter()
        swap(window)
        callback(handed, time.perf_counter())

    window_class.flip = swapped


def _announce_first_flip() -> None:
    """`first-frame` once the first frame is shown, with its figures: the peak then, and how long
    its swap took (the parent takes that off to time the frame handed to the window)."""

    def first(handed: float, shown: float) -> None:
        if not FIRST_FRAME:
            FIRST_FRAME.update(rss_kb=peak_rss_kb(), swap_s=shown - handed)
            print("first-frame", flush=True)

    _at_each_swap(first)


def run_bare(data_dir: Path, visits: int) -> None:
    """The baseline: a bare Kivy app showing one label in the kiosk's font; then as many screens
    as the kiosk walks through, each a label of its own (the same walk, for memory)."""
    _prepare(data_dir)
    _announce_first_flip()
    from kivy.app import App
    from kivy.uix.label import Label
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

    from kiosk.ui.driver import Driver
    from kiosk.ui.theme import TEXT_FONT, register_fonts

    class BareApp(App):
        def build(self) -> ScreenManager:
            register_fonts()
            screens = ScreenManager(transition=NoTransition())
            screens.add_widget(self.screen("home", LABEL))
            return screens

        def screen(self, name: str, text: str) -> Screen:
            screen = Screen(name=name)
            screen.add_widget(Label(text=text, font_name=TEXT_FONT, font_size=37))
            return screen

    driver = Driver(BareApp()).start()
    driver.frames(10)
    screens = driver.app.root
    for n in range(visits):
        screens.add_widget(driver.app.screen(f"s{n}", f"{LABEL} {n}"))
        screens.current = f"s{n}"
        driver.frames(3)
    screens.current = "home"
    driver.frames(2)
    _emit(
        {
            "first_frame_rss_kb": FIRST_FRAME["rss_kb"],
            "first_swap_s": FIRST_FRAME["swap_s"],
            "peak_rss_kb": peak_rss_kb(),
        }
    )


class Hurried:
    """Monotonic time that also moves by the waits the driver skips (the tap guard's), so a
    resident's visit takes its frames' time, not the seconds a finger takes to come back."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped

    def advance(self, seconds: float) -> None:
        self.skipped += seconds


def _kiosk(data_dir: Path, config: Path = SAMPLE, *, hurried: Hurried | None = None) -> Any:
    """The kiosk as `kiosk run` composes it, driven frame by frame; with `hurried`, its tap
    guard and idle timer run on that clock and the driver skips their waits."""
    from kivy.clock import Clock
    from kivy.core.window import Window

    from kiosk.cli import main  # noqa: F401 (`kiosk run` imports its command module and parser first)
    from kiosk.cli.compose import compose
    from kiosk.config.check import log_start_warnings
    from kiosk.ui.app import KioskApp
    from kiosk.ui.driver import Driver
    from kiosk.ui.run import keep_what_start_up_made

    wiring = compose(config_path=config, data_dir=data_dir, lockdown=True)
    log_start_warnings(wiring.config())  # as `kiosk run` does before its window
    if hurried is not None:
        wiring = dataclasses.replace(wiring, monotonic=hurried)
    app = KioskApp(wiring)
    keep_what_start_up_made(Clock, Window, app.started)  # as `kiosk run` does
    if hurried is not None:
        return Driver(app, wait=hurried.advance).start()
    return Driver(app).start()


def _fill_form(app: Any) -> None:
    """What a resident has chosen by the time the later feedback screens show."""
    form = app.services.form
    form.clear()
    form.choose_category("property-repair")
    form.toggle_phrase(0)
    for digit in "13912345678":
        form.press_digit(digit)


def run_kiosk(data_dir: Path) -> None:
    """Cold start to the first drawn home screen, then every screen in both languages."""
    _prepare(data_dir)
    _announce_first_flip()
    from kiosk.ui.app import SCREENS

    driver = _kiosk(data_dir)
    app = driver.app
    visited = []
    for lang in app.languages.available:
        app.set_language(lang)
        for name in SCREENS:
            if name.startswith("feedback_"):
                _fill_form(app)
            app.go(name)
            driver.frames(3)
            visited.append(f"{lang}:{app.screens.current}")
        app.go_home()
        driver.frames(2)
    _emit(
        {
            "first_frame_rss_kb": FIRST_FRAME["rss_kb"],
            "first_swap_s": FIRST_FRAME["swap_s"],
            "peak_rss_kb": peak_rss_kb(),
            "visited": visited,
        }
    )


class FlipClock:
    """When each frame drawn was handed to the window (`times`) and shown (`shown`)."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.shown: list[float] = []
        _at_each_swap(self._swapped)

    def _swapped(self, handed: float, shown: float) -> None:
        self.times.append(handed)
        self.shown.append(shown)


def _until_started(driver: Any) -> None:
    """Frames until start-up is over (`KioskApp.started`: every screen made and drawn once off
    the window) and the first receipt's parts are ready. Touches are timed against the running
    kiosk, not against whichever screen the start happens to be making in that frame (issue 18:
    p95 came out 3, 4 or 5 frames in reruns, as the first taps met the start-up or not)."""
    app = driver.app
    for _ in range(600):
        if app.started() and not any(t.name == "warm-up" for t in threading.enumerate()):
            break
        driver.frames(1)
        time.sleep(0.005)
    driver.frames(10)


def run_frames(data_dir: Path, config: Path, reps: int, seconds: float, tickets: int) -> None:
    """Frame times on the home screen: idle, while the sync worker drains, while speech plays.

    A frame time is the interval between successive main-loop iterations (`EventLoop.idle()`,
    paced by Kivy's maxfps = 60), whether or not the window needed a redraw: a stutter is an
    iteration that overran its 16.7 ms.
    """
    _prepare(data_dir)
    from kiosk.domain.tickets import Draft
    from kiosk.ui.app import SCREENS

    assert "home" in SCREENS
    driver = _kiosk(data_dir, config)
    app = driver.app
    wiring = app.services
    category = next(c for c in wiring.config().content.categories if c.code == "property-repair")
    number = wiring.config().content.community.kiosk_number
    speech_text = " ".join(n.body.get("zh") for n in wiring.config().content.notices)[:600]
    out: dict[str, list[float]] = {"idle": [], "sync": [], "speech": []}
    drained = 0
    sync_seconds = 0.0

    def record(kind: str, until: Callable[[int], bool]) -> None:
        last = time.perf_counter()
        count = 0
        while not until(count):
            driver.frames(1)
            now = time.perf_counter()
            out[kind].append(now - last)
            last = now
            count += 1

    def for_seconds(limit: float) -> Callable[[int], bool]:
        end = time.perf_counter() + limit
        return lambda _n: time.perf_counter() >= end

    def drained_all(count: int) -> bool:
        return count % 30 == 29 and wiring.sync_status().waiting == 0

    driver.frames(30)
    for rep in range(reps):
        record("idle", for_seconds(seconds))
        batch = tickets // reps + (1 if rep < tickets % reps else 0)
        for i in range(batch):
            draft = Draft(
                draft_id=str(uuid.uuid4()),
                category=category.code,
                phrases=(i % len(category.phrases),),
                place="compound-2",
                phone="13912345678",
            )
            wiring.book.submit(draft, category=category, kiosk_number=number, now=wiring.now())
        driver.frames(2)
        started = time.perf_counter()
        wiring.sync.wake()
        record("sync", drained_all)
        sync_seconds += time.perf_counter() - started
        drained += batch
        wiring.speaker.say(speech_text, lang="zh")
        record("speech", for_seconds(seconds))
        wiring.speaker.stop()
    status = wiring.sync_status()
    _emit(
        {
            **out,
            "drained": drained,
            "waiting": status.waiting,
            "problem": status.problem,
            "sync_seconds": sync_seconds,
            "speech": out["speech"],
            "speech_state": wiring.speaker.state().message,
        }
    )


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "bare":
        run_bare(data_dir, int(argv[2]))
    elif mode == "kiosk":
        run_kiosk(data_dir)
    elif mode == "frames":
        run_frames(data_dir, Path(argv[2]), int(argv[3]), float(argv[4]), int(argv[5]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
