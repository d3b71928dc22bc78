"""A cold start draws the home screen first (issue 18): the other screens, the config watcher
and the sync thread wait until that frame is on the window, so they do not share the CPU with
it. Kivy runs on_flip's handlers before the window's own handler swaps the buffers, so "after the
first flip" means the next frame."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from kivy.core.window import Window

from kiosk.core.services import Services
from kiosk.core.stop import EXIT_NO_STORE
from kiosk.store.db import TICKETS
from kiosk.ui.app import SCREENS, UI_SWITCH_INTERVAL, KioskApp
from kiosk.ui.driver import Driver
from tests.fixtures.fresh_python import output_lines
from tests.ui.helpers import FakeMonotonic, before_each_swap

STARTED_AFTER = {"kiosk-sync", "config-watcher"}
# A cold start in a fresh interpreter as `kiosk run` makes it, up to its first frame: which
# screens' modules it imported, then which of the back office's (the store, SQLite, the sync).
COLD_START = """
import sys
from pathlib import Path
from kiosk.ui.env import WindowMode, prepare_kivy
data = Path(sys.argv[1])
mode = WindowMode(width=800, height=480, fullscreen=False, lockdown=True)
prepare_kivy(mode, kivy_home=data / "kivy")
import kiosk.cli.main
from kiosk.cli.compose import compose
from kiosk.config.paths import REPO_CONFIG
from kiosk.ui.app import KioskApp
from kiosk.ui.driver import Driver
app = KioskApp(compose(config_path=REPO_CONFIG, data_dir=data, lockdown=True))
driver = Driver(app)
app._run_prepare()
print(*sorted(m for m in sys.modules if m.startswith("kiosk.ui.screens.")))
office = ("sqlite3", "kiosk.store.db", "kiosk.sync", "kiosk.receipt")
print("office:", *sorted(m for m in sys.modules if m.startswith(office)))
driver.stop()
"""


def _threads(before: set[threading.Thread]) -> set[str]:
    """Names of the threads started since `before` (another test's may still be ending)."""
    return {t.name for t in set(threading.enumerate()) - before}


@pytest.fixture
def prepared(wiring: Services) -> Iterator[tuple[KioskApp, Driver, set[threading.Thread]]]:
    """The app built and started (App.run's steps before its loop), no frame drawn yet; and
    the threads there were before."""
    before = set(threading.enumerate())
    app = KioskApp(wiring)
    assert isinstance(wiring.monotonic, FakeMonotonic)
    driver = Driver(app, wait=wiring.monotonic.advance)
    app._run_prepare()
    try:
        yield app, driver, before
    finally:
        driver.stop()


def test_only_the_home_screen_is_made_before_the_first_frame(prepared):
    app, _driver, before = prepared
    assert app.screens.current == "home"
    assert sorted(app.missing_screens()) == sorted(set(SCREENS) - {"home"})
    assert not STARTED_AFTER & _threads(before)


def test_a_cold_start_imports_no_screen_module_but_the_home_screens(tmp_path):
    """The other 16 screens' modules, and what only they use, are imported as each screen is
    made after the first frame (issue 18, benchmark 1)."""
    imported = output_lines(COLD_START, tmp_path)[-2].split()
    assert imported == ["kiosk.ui.screens.base", "kiosk.ui.screens.home"]


def test_a_cold_start_imports_neither_sqlite_nor_the_sync_nor_the_receipts_before_its_first_frame(
    tmp_path,
):
    """The back office comes after the first frame (kiosk.core.office); what `kiosk run`'s
    command module needs of the store before then is `kiosk.store.errors` alone."""
    assert output_lines(COLD_START, tmp_path)[-1] == "office:"


def test_nothing_more_starts_until_the_first_frame_is_swapped_onto_the_window(
    prepared, monkeypatch: pytest.MonkeyPatch
):
    app, driver, before = prepared
    at_swaps: list[tuple[set[str], list[str]]] = []
    before_each_swap(
        monkeypatch, lambda: at_swaps.append((_threads(before), sorted(app.missing_screens())))
    )
    driver.frames(1)
    assert at_swaps, "the first frame was swapped"
    started, missing = at_swaps[0]
    assert not STARTED_AFTER & started
    assert missing == sorted(set(SCREENS) - {"home"})


def test_the_back_office_is_made_only_once_the_first_frame_is_on_the_window(
    prepared, monkeypatch: pytest.MonkeyPatch
):
    """The sync worker, the desk, the centre's answers and the look-up are ~20 ms of a cold
    start's imports that the home screen does not need (issue 18, benchmark 1)."""
    app, driver, before = prepared
    office = app.services.office
    assert not office.made, "not made to build the home screen"
    at_swaps: list[bool] = []
    before_each_swap(monkeypatch, lambda: at_swaps.append(office.made))
    driver.frames(3)
    assert at_swaps[0] is False
    assert office.made, "made after the first frame"
    assert "kiosk-sync" in _threads(before), "and its worker started"


def test_a_store_that_cannot_be_opened_stops_the_kiosk_after_its_first_frame_in_one_line(
    wiring: Services, caplog: pytest.LogCaptureFixture
):
    """As when the store was opened before the first frame: staff read one line, and systemd
    starts the kiosk again; no screen is left half working on a store it cannot write."""
    (wiring.data_dir / TICKETS).write_bytes(b"not a database, a card's garbage " * 64)
    app = KioskApp(wiring)
    exits: list[int] = []
    app.exit_with = exits.append
    driver = Driver(app)
    app._run_prepare()
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.ui"):
            driver.frames(3)
    finally:
        driver.stop()
    assert exits == [EXIT_NO_STORE]
    said = [r for r in caplog.records if r.name == "kiosk.ui"]
    assert [r.getMessage() for r in said] == [
        f"kiosk: {wiring.data_dir / TICKETS}: file is not a database"
    ]
    assert said[0].exc_info is None, "one line, no traceback"


def test_after_the_first_frame_the_rest_starts_and_every_screen_is_made(prepared):
    app, driver, before = prepared
    driver.frames(2)
    assert _threads(before) >= STARTED_AFTER
    driver.frames(len(SCREENS) + 2)
    assert app.missing_screens() == []


def test_a_kiosk_stopped_before_its_first_frame_starts_nothing_after(wiring: Services):
    before = set(threading.enumerate())
    app = KioskApp(wiring)
    driver = Driver(app)
    app._run_prepare()
    driver.stop()
    Window.dispatch("on_flip")  # a frame drawn after all (another app's)
    assert not STARTED_AFTER & _threads(before)


def test_once_every_screen_is_made_the_first_receipt_is_made_ready_off_the_screen(
    wiring: Services, monkeypatch: pytest.MonkeyPatch
):
    warmed: list[str] = []
    monkeypatch.setattr(
        wiring.desk, "warm_up", lambda: warmed.append(threading.current_thread().name)
    )
    app = KioskApp(wiring)
    driver = Driver(app)
    app._run_prepare()
    try:
        driver.frames(len(SCREENS) + 2)
        assert app.missing_screens() == []
        for _ in range(100):
            if warmed:
                break
            time.sleep(0.01)
        assert warmed == ["warm-up"], "once, on a thread of its own"
    finally:
        driver.stop()


def test_while_the_kiosk_runs_other_threads_give_the_screen_the_gil_back_sooner(
    wiring: Services,
):
    python_default = sys.getswitchinterval()
    app = KioskApp(wiring)
    driver = Driver(app)
    app._run_prepare()
    try:
        driver.frames(2)  # the watcher and the sync thread start after the first frame
        assert sys.getswitchinterval() == UI_SWITCH_INTERVAL < python_default
    finally:
        driver.stop()
    assert sys.getswitchinterval() == python_default
