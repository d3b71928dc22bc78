"""A real Kivy window (Xvfb in CI) driven frame by frame, on a copy of the sample config."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.ui.env import WindowMode, prepare_kivy

# Kivy reads its settings once per process, at first import: prepare before anything imports it.
prepare_kivy(
    WindowMode(width=800, height=480, fullscreen=False, lockdown=True),
    kivy_home=Path(tempfile.mkdtemp(prefix="kivy-home-")),
)

from kiosk.cli.compose import compose  # noqa: E402
from kiosk.config.model import Display  # noqa: E402
from kiosk.core.services import Services  # noqa: E402
from kiosk.speech import SilentSpeaker  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.driver import Driver  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
# The day the seed article was published, mid-afternoon: a Wednesday.
ARTICLE_DAY = datetime(2024, 12, 4, 15, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
LANDSCAPE = Display(width=800, height=480, dpi=132)
PORTRAIT = Display(width=720, height=1280, dpi=210)


class RecordingSpeaker(SilentSpeaker):
    """The loudspeaker is the one edge that cannot exist here: this one remembers what it was
    asked to say and when it was told to stop. Real espeak-ng runs in tests/ui/test_speech.py."""

    def __init__(self) -> None:
        super().__init__("test")
        self.said: list[tuple[str, str, str]] = []  # (prompt name or "", text, lang)
        self.stops = 0

    def say(self, text: str, *, lang: str) -> None:
        self.said.append(("", text, lang))

    def say_prompt(self, name: str, text: str, *, lang: str) -> None:
        self.said.append((name, text, lang))

    def stop(self) -> None:
        self.stops += 1


class FakeMonotonic:
    """The idle timer's clock, moved by the test instead of by waiting."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


@dataclasses.dataclass
class Kiosk:
    app: KioskApp
    driver: Driver
    config_path: Path
    clock: FakeMonotonic

    @property
    def speaker(self) -> RecordingSpeaker:
        speaker = self.app.services.speaker
        assert isinstance(speaker, RecordingSpeaker)
        return speaker

    def screen(self, name: str):  # -> KioskScreen
        assert self.app.screens is not None
        return self.app.screen(name)

    @property
    def current(self) -> str:
        assert self.app.screens is not None
        return str(self.app.screens.current)

    def wait_for(self, condition, *, seconds: float = 20.0, each=None) -> bool:
        """Run frames until `condition()` holds (work on other threads lands through Clock);
        `each()` runs between tries. False after `seconds`: generous for a loaded CI machine."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if each is not None:
                each()
            self.driver.frames(1)
            if condition():
                return True
            time.sleep(0.02)
        return False


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
def wiring(data_dir: Path, config_path: Path) -> Services:
    wired = compose(
        config_path=config_path,
        data_dir=data_dir,
        lockdown=True,
        clock=lambda: ARTICLE_DAY,
        speaker=RecordingSpeaker(),
    )
    return dataclasses.replace(wired, monotonic=FakeMonotonic())


@pytest.fixture
def kiosk(wiring: Services, config_path: Path) -> Iterator[Kiosk]:
    app = KioskApp(wiring)
    driver = Driver(app).start()
    driver.set_display(LANDSCAPE)
    assert isinstance(wiring.monotonic, FakeMonotonic)
    try:
        yield Kiosk(app=app, driver=driver, config_path=config_path, clock=wiring.monotonic)
    finally:
        driver.stop()
