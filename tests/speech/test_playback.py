"""Playing prompts through a real player process: a touch cuts it off, a new prompt replaces it.

There is no sound card here, so the player is a stand-in script that sleeps for the file's length
and logs when it started, finished or was stopped.
"""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.config.model import Speech
from kiosk.domain.text import Text
from tests.speech.audio import duration, rms, write_tone
from tests.speech.helpers import (
    LONG_ZH,
    SHORT_UG,
    SHORT_ZH,
    MakeSpeaker,
    PlayerLog,
    cached_path,
    wait_until,
)


def test_a_prompt_is_played_to_its_end(make_speaker: MakeSpeaker, player_log: PlayerLog) -> None:
    speaker = make_speaker()

    speaker.say("ياخشىمۇسىز", lang="ug")

    start = player_log.wait_for("start")
    finished = player_log.wait_for("finished", timeout=start["duration"] + 10)
    assert start["duration"] > 0.5
    assert finished["pid"] == start["pid"]
    assert speaker.state().status == "ok"


def test_a_touch_stops_a_long_prompt_before_its_end(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker()
    speaker.say(LONG_ZH, lang="zh")
    start = player_log.wait_for("start")

    speaker.stop()

    stopped = player_log.wait_for("stopped")
    assert stopped["pid"] == start["pid"]
    assert stopped["t"] < start["t"] + start["duration"]
    assert player_log.events("finished") == []


def test_a_new_prompt_replaces_the_one_playing_with_one_player_alive(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker()
    first = cached_path(cache_dir, LONG_ZH, "zh", Speech())
    second = cached_path(cache_dir, SHORT_ZH, "zh", Speech())
    speaker.say(LONG_ZH, lang="zh")
    player_log.wait_for("start", first)

    speaker.say(SHORT_ZH, lang="zh")

    started = player_log.wait_for("start", second)
    stopped = player_log.wait_for("stopped", first)
    assert stopped["t"] <= started["t"]  # the old player was gone before the new one began
    assert player_log.events("finished", first) == []


def test_a_burst_of_prompts_plays_only_the_last(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speaker = make_speaker()
    texts = ["第一条提示，很长很长的一句话。", "第二条提示，也是很长的一句话。", SHORT_ZH]

    for text in texts:
        speaker.say(text, lang="zh")

    last = cached_path(cache_dir, SHORT_ZH, "zh", Speech())
    player_log.wait_for("start", last)
    assert speaker.settle(10.0)
    for text in texts[:-1]:
        earlier = cached_path(cache_dir, text, "zh", Speech())
        assert player_log.events("finished", earlier) == []
        assert len(player_log.events("start", earlier)) == len(
            player_log.events("stopped", earlier)
        )


def test_a_touch_during_synthesis_means_nothing_is_played(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker()

    speaker.say(LONG_ZH, lang="zh")
    speaker.stop()

    assert speaker.settle(10.0)
    time.sleep(0.3)
    assert player_log.events("start") == []


def test_a_staff_recording_is_played_instead_of_synthesis(
    make_speaker: MakeSpeaker, player_log: PlayerLog, tmp_path: Path
) -> None:
    recording = write_tone(tmp_path / "home-zh.wav", seconds=1.3)
    speaker = make_speaker(Speech(volume=1.0, recorded={"home": Text({"zh": str(recording)})}))

    speaker.say_prompt("home", SHORT_ZH, lang="zh")

    start = player_log.wait_for("start")
    assert start["file"] == str(recording)


def test_a_staff_recording_is_played_at_the_residents_volume(
    make_speaker: MakeSpeaker, player_log: PlayerLog, tmp_path: Path
) -> None:
    recording = write_tone(tmp_path / "home-zh.wav", seconds=1.3)
    speaker = make_speaker(Speech(volume=0.5, recorded={"home": Text({"zh": str(recording)})}))

    speaker.say_prompt("home", SHORT_ZH, lang="zh")

    played = Path(player_log.wait_for("start")["file"])
    assert duration(played) == duration(recording)
    assert rms(played) < 0.6 * rms(recording)


def test_a_recording_in_another_language_is_not_used(
    make_speaker: MakeSpeaker, player_log: PlayerLog, tmp_path: Path, cache_dir: Path
) -> None:
    recording = write_tone(tmp_path / "home-zh.wav", seconds=1.3)
    speech = Speech(recorded={"home": Text({"zh": str(recording)})})
    speaker = make_speaker(speech)

    speaker.say_prompt("home", SHORT_UG, lang="ug")

    player_log.wait_for("start", cached_path(cache_dir, SHORT_UG, "ug", speech))


def test_a_recording_that_is_not_a_wav_file_falls_back_to_synthesis(
    make_speaker: MakeSpeaker, player_log: PlayerLog, tmp_path: Path, cache_dir: Path
) -> None:
    recording = tmp_path / "home-zh.mp3"
    recording.write_bytes(b"ID3 not a wave file")
    speech = Speech(recorded={"home": Text({"zh": str(recording)})})
    speaker = make_speaker(speech)

    speaker.say_prompt("home", SHORT_ZH, lang="zh")

    player_log.wait_for("start", cached_path(cache_dir, SHORT_ZH, "zh", speech))


def test_reset_volume_returns_to_the_configured_level(
    make_speaker: MakeSpeaker, player_log: PlayerLog, cache_dir: Path
) -> None:
    speech = Speech(volume=0.9)
    speaker = make_speaker(speech)
    speaker.set_volume(0.2)
    speaker.say(SHORT_ZH, lang="zh")
    quiet = Path(player_log.wait_for("start")["file"])

    speaker.reset_volume()
    speaker.say(SHORT_ZH, lang="zh")

    configured = cached_path(cache_dir, SHORT_ZH, "zh", speech)
    player_log.wait_for("start", configured)
    assert rms(quiet) < 0.5 * rms(configured)


def test_switched_off_speech_plays_nothing_and_says_so(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker()

    speaker.set_enabled(False)
    speaker.say(SHORT_ZH, lang="zh")

    assert speaker.settle(10.0)
    time.sleep(0.3)
    assert player_log.events("start") == []
    assert speaker.state().status == "off"


def test_switching_speech_off_silences_the_prompt_playing(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker()
    speaker.say(LONG_ZH, lang="zh")
    start = player_log.wait_for("start")

    speaker.set_enabled(False)

    assert player_log.wait_for("stopped")["pid"] == start["pid"]


def test_closing_stops_the_player_and_the_engine(
    make_speaker: MakeSpeaker, player_log: PlayerLog
) -> None:
    speaker = make_speaker()
    speaker.say(LONG_ZH, lang="zh")
    player_log.wait_for("start")
    assert speaker.engine_pid is not None

    speaker.close()

    player_log.wait_for("stopped")
    assert speaker.engine_pid is None
    assert wait_until(lambda: speaker.state().status == "off")
