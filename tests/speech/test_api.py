"""The interface the UI codes against: both speakers fit it, and "speech off" is honest about it."""

from __future__ import annotations

from kiosk.config.model import Speech
from kiosk.speech import EspeakSpeaker, SilentSpeaker, Speaker, voice_for


def as_speaker(speaker: EspeakSpeaker | SilentSpeaker) -> Speaker:
    return speaker  # mypy --strict checks both against the protocol here


def test_the_silent_speaker_does_nothing_and_reports_speech_off() -> None:
    speaker = as_speaker(SilentSpeaker())

    speaker.say("您好", lang="zh")
    speaker.say_prompt("home", "您好", lang="zh")
    speaker.stop()
    speaker.set_volume(0.1)
    speaker.reset_volume()
    speaker.configure(Speech())
    speaker.close()

    assert speaker.state().status == "off"
    assert speaker.state().message


def test_each_kiosk_language_has_its_own_voice_and_others_fall_back_to_mandarin() -> None:
    assert voice_for("zh") != voice_for("ug")
    assert voice_for("ug") == "trk/ug"
    assert voice_for("en") == voice_for("zh")
