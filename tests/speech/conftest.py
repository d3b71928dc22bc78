"""Speech test fixtures: a logging stand-in player, a cache folder, speakers that are always
closed. Their helpers are in helpers.py."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from kiosk.config.model import Speech
from kiosk.speech import EspeakSpeaker
from tests.speech.helpers import MakeSpeaker, PlayerLog


@pytest.fixture
def player_log(tmp_path: Path) -> PlayerLog:
    return PlayerLog(tmp_path / "player.log")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def make_speaker(cache_dir: Path, player_log: PlayerLog) -> Iterator[MakeSpeaker]:
    """EspeakSpeaker factory playing through the stand-in unless told otherwise; closes them all."""
    made: list[EspeakSpeaker] = []

    def make(
        speech: Speech | None = None, *, player: str | Sequence[str] | None = None, **options: Any
    ) -> EspeakSpeaker:
        speaker = EspeakSpeaker(
            speech or Speech(),
            cache_dir=cache_dir,
            player=player if player is not None else player_log.argv,
            **options,
        )
        made.append(speaker)
        assert speaker.settle(20.0), "the speaker did not start up"
        return speaker

    yield make
    for speaker in made:
        speaker.close()
