"""Speech on a full SD card: prompts are spoken from RAM instead of going silent, said once in
the log; and an engine killed mid-file leaves no unfinished file behind."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config.model import Speech
from kiosk.speech import voice_for
from kiosk.speech.synth import EngineCrashedError, Synthesizer
from tests.fixtures.small_disk import fill, small_disk_at
from tests.speech.helpers import SHORT_UG, SHORT_ZH, MakeSpeaker, PlayerLog, wait_until

# A worker that answers "ready", starts the file it is asked for, and dies half-way through it.
DIES_WRITING = """
import json, os, sys
print(json.dumps({"ready": True}), flush=True)
request = json.loads(sys.stdin.readline())
with open(request["out"] + ".part", "wb") as part:
    part.write(b"RIFF")
os._exit(9)
"""


def _starts_reach(player_log: PlayerLog, count: int) -> bool:
    return wait_until(lambda: len(player_log.events("start")) >= count, timeout=30.0)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    """The speech cache on a small card of its own (not made yet: a full card may refuse it)."""
    with small_disk_at(tmp_path) as disk:
        yield disk / "cache"


def test_a_full_disk_speaks_every_prompt_from_ram_and_logs_it_once(
    make_speaker: MakeSpeaker,
    player_log: PlayerLog,
    cache_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.speech")
    fill(cache_dir.parent)
    speaker = make_speaker()

    for count, text in enumerate((SHORT_ZH, SHORT_UG, SHORT_ZH), start=1):
        speaker.say(text, lang="zh")
        assert _starts_reach(player_log, count)
        speaker.stop()

    played = player_log.events("start")
    assert all(event["duration"] > 0.5 for event in played), played
    assert not any(Path(event["file"]).is_relative_to(cache_dir) for event in played)
    assert speaker.state().status == "ok", speaker.state()
    full = [r for r in caplog.records if "without caching" in r.getMessage()]
    assert len(full) == 1
    ram = Path(played[-1]["file"]).parent
    assert len(list(ram.iterdir())) == 1  # only the latest prompt is kept in RAM
    speaker.close()
    assert not ram.exists()


def test_an_engine_killed_while_writing_leaves_no_unfinished_file(tmp_path: Path) -> None:
    synth = Synthesizer(command=[sys.executable, "-c", DIES_WRITING])
    out = tmp_path / "prompt.wav"
    try:
        with pytest.raises(EngineCrashedError, match="exit code 9"):
            synth.synthesize(SHORT_ZH, voice=voice_for("zh"), rate=Speech().rate, volume=1, out=out)
    finally:
        synth.close()

    assert list(tmp_path.iterdir()) == []
