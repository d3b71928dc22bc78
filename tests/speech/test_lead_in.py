"""A request's lead-in sound (the idle warning's chime, a number pad's click): played before the
words, at the resident's volume, and cut off by a touch like the words themselves.

The player is the logging stand-in (tests/speech/stand_in_player.py); the sounds are the ones the
kiosk ships.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.config.files import asset
from kiosk.config.model import Speech
from tests.speech.audio import duration, rms
from tests.speech.helpers import LONG_ZH, SHORT_ZH, MakeSpeaker, PlayerLog, cached_path

CHIME = asset("sounds", "chime.wav")
CLICK = asset("sounds", "click.wav")
LOUD = Speech(volume=1.0)  # at full volume the shipped file itself is played


def test_the_chime_plays_to_its_end_then_the_prompt(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(LOUD)
    words = cached_path(cache_dir, SHORT_ZH, "zh", LOUD)

    speaker.say(SHORT_ZH, lang="zh", lead_in=CHIME)

    prompt = player_log.wait_for("start", words)
    chime = player_log.wait_for("finished", CHIME)
    assert chime["t"] <= prompt["t"]
    assert [e["file"] for e in player_log.events("start")] == [str(CHIME), str(words)]


def test_a_screens_prompt_takes_a_lead_in_too(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(LOUD)
    words = cached_path(cache_dir, SHORT_ZH, "zh", LOUD)

    speaker.say_prompt("home", SHORT_ZH, lang="zh", lead_in=CHIME)

    player_log.wait_for("start", words)
    assert [e["file"] for e in player_log.events("start")] == [str(CHIME), str(words)]


def test_a_touch_during_the_chime_cuts_it_and_the_prompt_never_starts(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(LOUD)
    speaker.say(LONG_ZH, lang="zh", lead_in=CHIME)
    start = player_log.wait_for("start", CHIME)

    speaker.stop()

    stopped = player_log.wait_for("stopped", CHIME)
    assert stopped["pid"] == start["pid"]
    assert speaker.settle(30.0), "the request was not finished with"
    assert player_log.events("finished", CHIME) == []
    assert player_log.events("start", cached_path(cache_dir, LONG_ZH, "zh", LOUD)) == []


def test_a_touch_after_the_chime_cuts_the_prompt(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker(LOUD)
    words = cached_path(cache_dir, LONG_ZH, "zh", LOUD)
    speaker.say(LONG_ZH, lang="zh", lead_in=CHIME)
    start = player_log.wait_for("start", words)

    speaker.stop()

    stopped = player_log.wait_for("stopped", words)
    assert stopped["pid"] == start["pid"]
    assert player_log.events("finished", words) == []


def test_the_chime_follows_the_residents_volume(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker(Speech(volume=0.5))

    speaker.say("", lang="zh", lead_in=CHIME)

    played = Path(player_log.wait_for("start")["file"])
    assert played != CHIME
    assert duration(played) == duration(CHIME)
    assert rms(played) < 0.6 * rms(CHIME)


def test_a_click_alone_plays_without_words(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker(LOUD)

    speaker.say("", lang="zh", lead_in=CLICK)

    player_log.wait_for("finished", CLICK)
    assert speaker.settle(20.0)
    assert [e["file"] for e in player_log.events("start")] == [str(CLICK)]


def test_with_speech_switched_off_no_chime_plays_either(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker(Speech(volume=1.0, enabled=False))

    speaker.say(SHORT_ZH, lang="zh", lead_in=CHIME)

    assert speaker.settle(20.0)
    assert player_log.events() == []
