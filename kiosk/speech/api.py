"""What the UI may ask of speech, independent of the engine behind it.

Every method but `close()` returns at once: the UI thread calls `stop()` on every touch and
`say()` on every screen change, and must never wait for audio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from kiosk.config.model import Speech

Status = Literal["ok", "degraded", "off"]

VOICES: dict[str, str] = {
    # espeak-ng 1.51 (Debian 12, Raspberry Pi OS bookworm) reads most Han characters with the
    # plain `sit/cmn` voice as pinyin followed by English tone numbers ("nin two hao three");
    # `sit/cmn-Latn-pinyin` is the same Mandarin voice and dictionary with Latin read as pinyin,
    # and it reads Chinese text correctly (espeak-ng issues #1236 and #1370).
    "zh": "sit/cmn-Latn-pinyin",
    "ug": "trk/ug",
}
DEFAULT_LANG = "zh"
# espeak-ng's rate is words per minute, and a "word" is not the same length in every voice: at
# the same setting trk/ug speaks 3.42 syllables/s and cmn 2.37 (tests/speech/test_pace.py). The
# kiosk paces every language like Chinese at the configured rate: Uyghur at 102 of 140.
PACE: dict[str, float] = {"ug": 102 / 140}


def voice_for(lang: str) -> str:
    """The espeak-ng voice for a kiosk language; unknown languages get the default one."""
    return VOICES.get(lang, VOICES[DEFAULT_LANG])


def rate_for(speech: Speech, lang: str) -> int:
    """The rate for `lang`: staff's `speech.rates` entry, else `rate` at the language's pace."""
    return speech.rates.get(lang, round(speech.rate * PACE.get(lang, 1.0)))


@dataclass(frozen=True)
class SpeechState:
    """What staff see about speech: a status and one plain sentence saying why."""

    status: Status
    message: str
    restarts: int = 0  # how often the synthesis engine had to be started again


class Speaker(Protocol):
    def say(self, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        """Stop whatever is playing and speak `text` instead; nothing is queued behind it.

        `lead_in`, a WAV file (a chime, a key click), plays first at the same volume; `stop()`
        cuts it and the words alike. With an empty `text` only the lead-in plays.
        """

    def say_prompt(self, name: str, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        """Like `say`, but a staff recording configured for prompt `name` and `lang` wins."""

    def say_parts(self, parts: Sequence[tuple[str, str]], *, lead_in: Path | None = None) -> None:
        """Like `say`, for one utterance whose parts, (text, lang), are in different languages
        (a staff answer only in the other language): each part is spoken with its language's
        voice and rate, in order. Still one request: a touch cuts all of it, a newer one
        replaces all of it."""

    def stop(self) -> None:
        """Silence now (a touch)."""

    def set_enabled(self, enabled: bool) -> None:
        """Turn speech on or off; off also stops what is playing."""

    def set_volume(self, volume: float) -> None:
        """Volume for the next prompts, 0..1 (a resident's louder/quieter button)."""

    def reset_volume(self) -> None:
        """Back to the configured volume (the idle reset, after each session)."""

    def configure(self, speech: Speech) -> None:
        """Apply a reloaded config: rate, volume, recordings, enabled."""

    def state(self) -> SpeechState:
        """ok, degraded or off, with the reason."""

    def close(self) -> None:
        """Stop and release everything (app exit)."""


class SilentSpeaker:
    """Speech switched off: the kiosk works the same, silently."""

    def __init__(self, reason: str = "Speech is switched off in the settings.") -> None:
        self._reason = reason

    def say(self, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        pass

    def say_prompt(self, name: str, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        pass

    def say_parts(self, parts: Sequence[tuple[str, str]], *, lead_in: Path | None = None) -> None:
        pass

    def stop(self) -> None:
        pass

    def set_enabled(self, enabled: bool) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def reset_volume(self) -> None:
        pass

    def configure(self, speech: Speech) -> None:
        pass

    def state(self) -> SpeechState:
        return SpeechState("off", self._reason)

    def close(self) -> None:
        pass
