"""Reading test results out of WAV files with the standard library only."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def rms(path: Path) -> float:
    """Root mean square of 16-bit mono samples: about 0 for silence, thousands for speech."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        samples = array("h", wav.readframes(wav.getnframes()))
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def write_tone(path: Path, *, seconds: float, amplitude: int = 8000, rate: int = 22050) -> Path:
    """A 440 Hz tone, standing in for a staff recording."""
    samples = array(
        "h",
        (
            int(amplitude * math.sin(2 * math.pi * 440 * i / rate))
            for i in range(int(rate * seconds))
        ),
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path
