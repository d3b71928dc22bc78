"""Spoken prompts: pyttsx3 + espeak-ng behind a small interface; interruptible, never blocking.

`Speaker` is what the UI uses; `EspeakSpeaker` is the real one, `SilentSpeaker` the one for
"speech off". `speak_to_file` writes what the kiosk would say to a file (for `kiosk speak`).
The texts themselves come from `kiosk.domain.prompts`.

May import: `kiosk.domain`, `kiosk.config`, and itself.
"""

from __future__ import annotations

from kiosk.speech.api import VOICES, SilentSpeaker, Speaker, SpeechState, rate_for, voice_for
from kiosk.speech.speaker import EspeakSpeaker
from kiosk.speech.synth import EngineError
from kiosk.speech.tofile import speak_to_file

__all__ = [
    "VOICES",
    "EngineError",
    "EspeakSpeaker",
    "SilentSpeaker",
    "Speaker",
    "SpeechState",
    "rate_for",
    "speak_to_file",
    "voice_for",
]
