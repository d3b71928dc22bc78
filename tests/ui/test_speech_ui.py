"""Every screen can be heard: a prompt on arrival, one tap to repeat, any touch to stop.

The loudspeaker is replaced by RecordingSpeaker (tests/ui/helpers.py); real espeak-ng synthesis,
playback and its interruption are tested in tests/speech/."""

from __future__ import annotations

import pytest

from kiosk.domain.prompts import phone_prompt
from kiosk.ui.app import SCREENS
from kiosk.ui.screenshot import prepare_screen
from tests.fixtures.residents import report_a_repair
from tests.ui.helpers import Kiosk

SILENT = {"attract"}  # signage plays to an empty hall: it must not talk to nobody


@pytest.mark.parametrize("lang", ["zh", "ug"])
@pytest.mark.parametrize("screen", [s for s in SCREENS if s not in SILENT])
def test_every_screen_says_a_prompt_in_both_languages(kiosk: Kiosk, screen: str, lang: str):
    kiosk.app.set_language(lang)
    prepare_screen(kiosk.app, kiosk.app.services, screen)
    kiosk.app.go(screen)
    kiosk.driver.frames(3)
    kiosk.speaker.said.clear()
    kiosk.app.repeat_prompt()
    assert kiosk.speaker.said, f"{screen} has no prompt"
    parts = kiosk.speaker.utterances[-1]
    assert parts[0][1] == lang, "it begins in the resident's language"
    assert all(text.strip() for text, _lang in parts)
    if len(parts) == 1:  # one language: a staff recording for the screen may stand in
        assert kiosk.speaker.said[-1][0] == screen


def test_signage_is_silent(kiosk: Kiosk):
    kiosk.app.go("attract")
    kiosk.driver.frames(3)
    kiosk.app.speak_screen()
    assert [name for name, _text, _lang in kiosk.speaker.said if name == "attract"] == []


def test_the_title_bar_repeats_the_prompt_and_a_touch_stops_speech(kiosk: Kiosk):
    kiosk.driver.tap(kiosk.screen("home").ids["door_red_post"])
    assert kiosk.speaker.said[-1][0] == "red_post"
    assert "现在开放" in kiosk.speaker.said[-1][1]
    stops = kiosk.speaker.stops
    count = len(kiosk.speaker.said)
    repeat = next(w for w in kiosk.screen("red_post").walk() if getattr(w, "icon", "") == "repeat")
    kiosk.driver.tap(repeat)
    assert kiosk.speaker.stops > stops, "the touch itself cut the old prompt off"
    assert len(kiosk.speaker.said) == count + 1
    assert kiosk.speaker.said[-1][0] == "red_post"


def test_the_speaker_button_turns_speech_off_for_this_session(kiosk: Kiosk):
    home = kiosk.screen("home")
    kiosk.driver.tap(home.ids["speech"])
    assert not kiosk.app.speech_on
    count = len(kiosk.speaker.said)
    kiosk.driver.tap(home.ids["door_notices"])
    assert len(kiosk.speaker.said) == count, "nothing said while speech is off"
    kiosk.app.reset_session()
    assert kiosk.app.speech_on, "the next person starts with speech on"


def test_typed_phone_digits_are_never_spoken(kiosk: Kiosk):
    report_a_repair(kiosk, phone="13912345678")
    texts = " ".join(text for _name, text, _lang in kiosk.speaker.said)
    for digits in ("1391234", "5678", "一三九"):
        assert digits not in texts
    assert "十一" in texts, "how many digits were typed is said instead"


def test_each_phone_key_clicks_before_the_digit_count(kiosk: Kiosk):
    report_a_repair(kiosk, phone="13912345678")
    clicks = [text for sound, text in kiosk.speaker.sounds if sound == "click.wav"]
    assert clicks == [phone_prompt(n, "zh") for n in range(1, 12)]


def test_the_ticket_code_is_read_digit_by_digit_after_submitting(kiosk: Kiosk):
    report_a_repair(kiosk)
    kiosk.driver.tap(kiosk.screen("feedback_confirm").ids["submit"])
    ticket = kiosk.screen("feedback_done").ticket
    assert ticket is not None
    name, text, _lang = kiosk.speaker.said[-1]
    assert name == "feedback_done"
    assert "零零幺" in text  # 001…: digits as words, 幺 for one
    assert "物业公司维修部" in text


def test_idle_reset_restores_the_volume_and_stays_quiet(kiosk: Kiosk):
    volumes = []
    kiosk.speaker.reset_volume = lambda: volumes.append("reset")  # type: ignore[method-assign]
    kiosk.driver.tap(_button_home(kiosk))
    kiosk.clock.advance(61)
    assert kiosk.app.idle is not None
    kiosk.app.idle.tick()
    assert "还在使用吗" in kiosk.speaker.said[-1][1] or "您还在使用吗" in kiosk.speaker.said[-1][1]
    count = len(kiosk.speaker.said)
    kiosk.clock.advance(21)
    kiosk.app.idle.tick()
    kiosk.driver.frames(3)
    assert volumes == ["reset"]
    assert len(kiosk.speaker.said) == count, "an empty hall is not talked to after the reset"


def _button_home(kiosk: Kiosk):
    return kiosk.screen("home").ids["door_notices"]
