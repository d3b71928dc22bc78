"""Speech test helpers: a logging stand-in player, the sample texts, where the cache keeps a
synthesis, waiting. The fixtures (player_log, cache_dir, make_speaker) are in conftest.py."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config.model import Speech
from kiosk.speech import EspeakSpeaker, rate_for, voice_for
from kiosk.speech.cache import AudioCache

STAND_IN = Path(__file__).with_name("stand_in_player.py")
SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"

SHORT_ZH = "您好，欢迎来到胜利社区。"
SHORT_UG = "ياخشىمۇسىز، شېڭلى مەھەللىسىگە خۇش كەپسىز."
# A notice body from the sample config: well over ten seconds when spoken.
LONG_ZH = (
    "您反映的每一个问题都按类别记录，每一类都有固定的办理时限和负责人。"
    "记录做到不错、不重、不漏；解决后在回音壁公布，件件有落实，事事有回音。"
)


def wait_until(predicate: Callable[[], object], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


@dataclass
class PlayerLog:
    """What the stand-in player did, read from its log (the start-up silence left out)."""

    path: Path

    @property
    def argv(self) -> list[str]:
        return [sys.executable, str(STAND_IN), str(self.path)]

    def events(self, event: str | None = None, file: Path | None = None) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        lines = [json.loads(line) for line in self.path.read_text().splitlines() if line]
        return [
            e
            for e in lines
            if not e["file"].endswith("silence.wav")
            and (event is None or e["event"] == event)
            and (file is None or e["file"] == str(file))
        ]

    def wait_for(
        self, event: str, file: Path | None = None, timeout: float = 15.0
    ) -> dict[str, Any]:
        assert wait_until(lambda: self.events(event, file), timeout), (
            f"no {event!r} for {file} in {self.events()}"
        )
        return self.events(event, file)[-1]


def cached_path(
    cache_dir: Path, text: str, lang: str, speech: Speech, volume: float | None = None
) -> Path:
    """Where the speaker keeps the synthesis of `text` (the file the player is given)."""
    return AudioCache(cache_dir).synthesised(
        text,
        voice=voice_for(lang),
        rate=rate_for(speech, lang),
        volume=speech.volume if volume is None else volume,
    )


MakeSpeaker = Callable[..., EspeakSpeaker]
