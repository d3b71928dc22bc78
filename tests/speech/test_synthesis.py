"""Real pyttsx3 + espeak-ng synthesis: audible WAV files in both languages, as the kiosk speaks."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.speak import add_speak_arguments, cmd_speak
from kiosk.config.loader import load_config
from kiosk.config.model import Speech
from kiosk.domain.prompts import home_prompt
from kiosk.speech import speak_to_file, voice_for
from tests.speech.audio import duration, rms, write_tone
from tests.speech.helpers import SAMPLE_CONFIG, SHORT_UG, SHORT_ZH

AUDIBLE = 300.0  # RMS of 16-bit samples: silence is 0, espeak-ng speech is in the thousands


@pytest.mark.parametrize(("lang", "text"), [("zh", SHORT_ZH), ("ug", SHORT_UG)])
def test_a_sentence_is_synthesised_to_an_audible_wav(tmp_path: Path, lang: str, text: str) -> None:
    out = speak_to_file(text, lang=lang, out=tmp_path / f"{lang}.wav", speech=Speech())

    assert duration(out) > 0.5
    assert rms(out) > AUDIBLE


def test_a_lower_volume_gives_quieter_speech(tmp_path: Path) -> None:
    loud = speak_to_file(SHORT_ZH, lang="zh", out=tmp_path / "loud.wav", speech=Speech(volume=1.0))
    quiet = speak_to_file(
        SHORT_ZH, lang="zh", out=tmp_path / "quiet.wav", speech=Speech(volume=0.3)
    )

    assert rms(quiet) < 0.6 * rms(loud)
    assert rms(quiet) > 0


def test_a_faster_rate_gives_shorter_speech(tmp_path: Path) -> None:
    slow = speak_to_file(SHORT_ZH, lang="zh", out=tmp_path / "slow.wav", speech=Speech(rate=100))
    fast = speak_to_file(SHORT_ZH, lang="zh", out=tmp_path / "fast.wav", speech=Speech(rate=250))

    assert duration(fast) < duration(slow)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs the espeak-ng command")
def test_the_mandarin_voice_reads_chinese_as_mandarin_not_as_english_pinyin() -> None:
    # espeak-ng 1.51's plain sit/cmn voice switches to English for most characters ("(en)" in
    # its phoneme output) and reads tone numbers aloud; the voice we use must not.
    text = home_prompt(load_config(SAMPLE_CONFIG).content, "zh")
    phonemes = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice_for("zh"), text],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert phonemes.strip()
    assert "(en)" not in phonemes


def test_a_staff_recording_is_written_at_the_configured_volume(tmp_path: Path) -> None:
    recording = write_tone(tmp_path / "home-zh.wav", seconds=1.0)

    out = speak_to_file(
        "ignored",
        lang="zh",
        out=tmp_path / "out.wav",
        speech=Speech(volume=0.5),
        recorded=recording,
    )

    assert duration(out) == pytest.approx(duration(recording))
    assert rms(out) == pytest.approx(0.5 * rms(recording), rel=0.02)


def _speak_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk speak")
    add_speak_arguments(parser)
    return parser.parse_args([*argv, "--config", str(SAMPLE_CONFIG)])


def test_kiosk_speak_writes_what_the_kiosk_would_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "said.wav"

    assert cmd_speak(_speak_args(SHORT_UG, "--lang", "ug", "--out", str(out))) == 0

    assert duration(out) > 0.5
    assert rms(out) > AUDIBLE
    assert str(out) in capsys.readouterr().out


def test_kiosk_speak_says_plainly_when_there_is_nothing_to_say(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.wav"

    assert cmd_speak(_speak_args("  ", "--out", str(out))) == 1

    assert "no text" in capsys.readouterr().err
    assert not out.exists()
