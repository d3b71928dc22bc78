"""The UI tests' helpers: the kiosk window under test (a Kiosk: its app, driver, clock and the
speaker standing in for the loudspeaker) and the displays. The taps a resident makes are in
tests/fixtures/residents.py (benchmark 9 makes them too). conftest.py prepares Kivy before
anything imports this, and holds the fixtures that make a Kiosk."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.model import Display
from kiosk.speech import SilentSpeaker
from tests.fixtures.residents import AtTheKiosk

SAMPLE = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
# The day the seed article was published, mid-afternoon: a Wednesday.
ARTICLE_DAY = datetime(2024, 12, 4, 15, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
LANDSCAPE = Display(width=800, height=480, dpi=132)
PORTRAIT = Display(width=720, height=1280, dpi=210)


class RecordingSpeaker(SilentSpeaker):
    """The loudspeaker is the one edge that cannot exist here: this one remembers what it was
    asked to say and when it was told to stop. Real espeak-ng runs in tests/speech/."""

    def __init__(self) -> None:
        super().__init__("test")
        self.said: list[tuple[str, str, str]] = []  # (prompt name or "", text, lang)
        # every request as its parts, (text, lang) each: one part unless languages were mixed
        self.utterances: list[tuple[tuple[str, str], ...]] = []
        self.sounds: list[tuple[str, str]] = []  # (lead-in file name, the text it came before)
        self.stops = 0
        self.volume: float | None = None  # None: the configured volume (never set, or reset)

    def say(self, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        self.said.append(("", text, lang))
        self.utterances.append(((text, lang),))
        if lead_in is not None:
            self.sounds.append((lead_in.name, text))

    def say_prompt(self, name: str, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        self.said.append((name, text, lang))
        self.utterances.append(((text, lang),))
        if lead_in is not None:
            self.sounds.append((lead_in.name, text))

    def say_parts(self, parts: Sequence[tuple[str, str]], *, lead_in: Path | None = None) -> None:
        """Recorded in `said` too, as all the words under the languages joined by "+"."""
        text = " ".join(t for t, _lang in parts)
        self.said.append(("", text, "+".join(lang for _t, lang in parts)))
        self.utterances.append(tuple(parts))
        if lead_in is not None:
            self.sounds.append((lead_in.name, text))

    def stop(self) -> None:
        self.stops += 1

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def reset_volume(self) -> None:
        self.volume = None


class FakeMonotonic:
    """The idle timer's clock, moved by the test instead of by waiting."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


class WallClock:
    """The community's wall clock, on the day of the seed article unless a test moves it."""

    def __init__(self, now: datetime = ARTICLE_DAY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclasses.dataclass
class Kiosk(AtTheKiosk):
    config_path: Path
    clock: FakeMonotonic
    wall_clock: WallClock = dataclasses.field(default_factory=WallClock)

    @property
    def speaker(self) -> RecordingSpeaker:
        speaker = self.app.services.speaker
        assert isinstance(speaker, RecordingSpeaker)
        return speaker

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


def wall_cards(wall) -> list[Any]:
    """The wall's cards, top first."""
    return list(reversed(wall.ids["cards"].children))


def page_to_items(kiosk: Kiosk) -> None:
    wall = kiosk.screen("echo_wall")
    while wall.kind != "items":
        kiosk.driver.tap(wall.ids["pager"].ids["next"])


# Every display and both languages, for a test that must hold on each (pytest marks).
ON_EVERY_DISPLAY = pytest.mark.parametrize(
    "display", [LANDSCAPE, PORTRAIT], ids=["7inch", "portrait"]
)
IN_EVERY_LANGUAGE = pytest.mark.parametrize("lang", ["zh", "ug"])


def open_screen(kiosk: Kiosk, name: str, display: Display, lang: str) -> Any:
    """Screen `name` as a resident meets it on `display` in `lang` (-> KioskScreen)."""
    kiosk.driver.set_display(display)
    kiosk.app.set_language(lang)
    kiosk.app.go(name)
    kiosk.driver.frames(4)
    return kiosk.screen(name)


def before_each_swap(monkeypatch: pytest.MonkeyPatch, look: Callable[[], None]) -> None:
    """`look()` as each frame is swapped onto the window, just before the swap: after every
    `on_flip` handler, which Kivy runs before the window's own (the one that swaps)."""
    from kivy.core.window import Window

    window_class = type(Window)
    swap = window_class.flip

    def watched(window: object) -> None:
        look()
        swap(window)

    monkeypatch.setattr(window_class, "flip", watched)
