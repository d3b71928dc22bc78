"""Chinese and Uyghur at the same slow pace, measured in syllables per second of real espeak-ng
audio (Uyghur came out 44 % faster at the same rate setting: DESIGN.md 5)."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from kiosk.config.model import Speech
from kiosk.domain.messages import message
from kiosk.speech.api import rate_for, voice_for
from kiosk.speech.synth import Synthesizer

PROMPTS = ("say_phone", "fb_phone_hint", "say_done", "idle_question", "sorry", "printed")
UG_VOWELS = frozenset("اەېىوۇۆۈ")


def syllables(text: str, lang: str) -> int:
    """Chinese: one per Han character; Uyghur: one per vowel letter."""
    if lang == "zh":
        return sum("\u4e00" <= c <= "\u9fff" for c in text)
    return sum(c in UG_VOWELS for c in text)


def pace(synth: Synthesizer, speech: Speech, lang: str, out: Path) -> float:
    """Syllables per second of the same prompts spoken in `lang` at `speech`'s rate for it."""
    text = " ".join(message(key, lang) for key in PROMPTS)
    synth.synthesize(text, voice=voice_for(lang), rate=rate_for(speech, lang), volume=1.0, out=out)
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    return float(syllables(text, lang) / seconds)


@pytest.fixture
def synth() -> object:
    synth = Synthesizer()
    yield synth
    synth.close()


def test_chinese_and_uyghur_come_out_at_the_same_pace(synth: Synthesizer, tmp_path: Path):
    speech = Speech(rate=140)
    # Uyghur after Chinese in one worker: the rate must not lag one text behind (it did).
    zh = pace(synth, speech, "zh", tmp_path / "zh.wav")
    ug = pace(synth, speech, "ug", tmp_path / "ug.wav")
    assert ug == pytest.approx(zh, rel=0.10), f"zh {zh:.2f} vs ug {ug:.2f} syllables/s"


def test_a_rate_given_for_a_language_overrides_the_pace(synth: Synthesizer, tmp_path: Path):
    slow = pace(synth, Speech(rate=140, rates={"ug": 90}), "ug", tmp_path / "slow.wav")
    fast = pace(synth, Speech(rate=140, rates={"ug": 180}), "ug", tmp_path / "fast.wav")
    assert fast > slow * 1.4
