"""One utterance in two languages (a Uyghur prompt around a staff answer written only in
Chinese): each part made by real espeak-ng with its own language's voice, played in order as one
request that a touch cuts whole.

The player is the logging stand-in (tests/speech/stand_in_player.py).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config.model import Speech
from tests.speech.audio import duration, rms
from tests.speech.helpers import (
    LONG_ZH,
    SHORT_UG,
    SHORT_ZH,
    MakeSpeaker,
    PlayerLog,
    cached_path,
    wait_until,
)

SPEECH = Speech()


def test_each_part_is_spoken_with_its_languages_voice_one_after_the_other(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(SPEECH)
    uyghur = cached_path(cache_dir, SHORT_UG, "ug", SPEECH)  # trk/ug at the Uyghur pace
    chinese = cached_path(cache_dir, SHORT_ZH, "zh", SPEECH)  # the Mandarin voice

    speaker.say_parts([(SHORT_UG, "ug"), (SHORT_ZH, "zh")])

    last = player_log.wait_for("start", chinese, timeout=30.0)
    first = player_log.wait_for("finished", uyghur)
    assert first["t"] <= last["t"], "the Chinese part waited for the Uyghur one to end"
    assert [e["file"] for e in player_log.events("start")] == [str(uyghur), str(chinese)]
    heard = duration(uyghur) + duration(chinese)
    assert heard > max(duration(uyghur), duration(chinese)) + 1.0
    assert rms(uyghur) > 300
    assert rms(chinese) > 300


def test_the_parts_are_cached_and_the_same_utterance_again_makes_nothing_new(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(SPEECH)
    chinese = cached_path(cache_dir, SHORT_ZH, "zh", SPEECH)
    speaker.say_parts([(SHORT_UG, "ug"), (SHORT_ZH, "zh")])
    player_log.wait_for("finished", chinese, timeout=40.0)
    made = sorted(p.name for p in cache_dir.glob("tts-*.wav"))

    speaker.say_parts([(SHORT_UG, "ug"), (SHORT_ZH, "zh")])

    assert wait_until(lambda: len(player_log.events("start", chinese)) == 2, 30.0)
    assert sorted(p.name for p in cache_dir.glob("tts-*.wav")) == made
    assert len(made) == 2


def test_a_touch_during_the_first_part_cuts_it_and_the_next_never_starts(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(SPEECH)
    long_zh = cached_path(cache_dir, LONG_ZH, "zh", SPEECH)
    uyghur = cached_path(cache_dir, SHORT_UG, "ug", SPEECH)
    speaker.say_parts([(LONG_ZH, "zh"), (SHORT_UG, "ug")])
    start = player_log.wait_for("start", long_zh, timeout=30.0)

    speaker.stop()

    assert player_log.wait_for("stopped", long_zh)["pid"] == start["pid"]
    assert speaker.settle(30.0), "the request was not finished with"
    assert player_log.events("start", uyghur) == []


def test_a_newer_request_replaces_the_rest_of_a_mixed_one(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(SPEECH)
    long_zh = cached_path(cache_dir, LONG_ZH, "zh", SPEECH)
    speaker.say_parts([(LONG_ZH, "zh"), (SHORT_UG, "ug")])
    player_log.wait_for("start", long_zh, timeout=30.0)

    speaker.say(SHORT_ZH, lang="zh")

    player_log.wait_for("start", cached_path(cache_dir, SHORT_ZH, "zh", SPEECH), timeout=30.0)
    assert speaker.settle(30.0)
    assert player_log.events("stopped", long_zh)
    assert player_log.events("start", cached_path(cache_dir, SHORT_UG, "ug", SPEECH)) == []
