"""A real Kivy window (Xvfb in CI) driven frame by frame, on a copy of the sample config. Kivy is
prepared here before anything imports it; the Kiosk these fixtures make is in helpers.py."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.ui.env import WindowMode, prepare_kivy

# Kivy reads its settings once per process, at first import: prepare before anything imports it.
prepare_kivy(
    WindowMode(width=800, height=480, fullscreen=False, lockdown=True),
    kivy_home=Path(tempfile.mkdtemp(prefix="kivy-home-")),
)

from kiosk.cli.compose import compose  # noqa: E402
from kiosk.core.services import Services  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.driver import Driver  # noqa: E402
from tests.ui.helpers import (  # noqa: E402
    ARTICLE_DAY,
    LANDSCAPE,
    SAMPLE,
    FakeMonotonic,
    Kiosk,
    RecordingSpeaker,
    WallClock,
)


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "kiosk.yaml"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the kiosk keeps its tickets; a test may put it elsewhere (a small full disk)."""
    return tmp_path / "data"


@pytest.fixture
def wall_clock() -> WallClock:
    return WallClock(ARTICLE_DAY)


@pytest.fixture
def warm_screens() -> bool:
    """Off unless a module asks: warming 16 screens in software GL costs each kiosk ~1.5 s, and
    only tests of first visits and of taps during the warm-up need it (they override this to
    True). The field tests' `kiosk run` processes always warm, as a kiosk does."""
    return False


def _wired(data_dir: Path, config_path: Path, wall_clock: WallClock, warm: bool) -> Services:
    wired = compose(
        config_path=config_path,
        data_dir=data_dir,
        lockdown=True,
        clock=wall_clock,
        speaker=RecordingSpeaker(),
    )
    return dataclasses.replace(wired, monotonic=FakeMonotonic(), warm_screens=warm)


@pytest.fixture
def wiring(
    data_dir: Path, config_path: Path, wall_clock: WallClock, warm_screens: bool
) -> Services:
    return _wired(data_dir, config_path, wall_clock, warm_screens)


@pytest.fixture
def another_wiring(
    tmp_path: Path, config_path: Path, wall_clock: WallClock, warm_screens: bool
) -> Callable[[], Services]:
    """A second kiosk's services, on the same config and day, with a store of its own (a
    stopped app closes its store): for comparing two kiosks in one test."""
    made: list[Path] = []

    def another() -> Services:
        made.append(tmp_path / f"another-{len(made)}")
        return _wired(made[-1], config_path, wall_clock, warm_screens)

    return another


@pytest.fixture
def kiosk(wiring: Services, config_path: Path, wall_clock: WallClock) -> Iterator[Kiosk]:
    app = KioskApp(wiring)
    assert isinstance(wiring.monotonic, FakeMonotonic)
    driver = Driver(app, wait=wiring.monotonic.advance).start()
    driver.set_display(LANDSCAPE)
    try:
        yield Kiosk(
            app=app,
            driver=driver,
            config_path=config_path,
            clock=wiring.monotonic,
            wall_clock=wall_clock,
        )
    finally:
        driver.stop()
