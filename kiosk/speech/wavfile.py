"""Small WAV helpers: volume scaling, silence, duration.

The player (aplay) has no volume option, so a recorded prompt is played at the resident's
volume by writing a scaled copy. Standard library only (`wave`, `array`): `audioop` is gone
from Python 3.13.
"""

from __future__ import annotations

import os
import sys
import wave
from array import array
from pathlib import Path

_TYPECODES = {2: "h", 4: "i"}  # signed little-endian PCM sample widths we can scale


class NotPlayableError(ValueError):
    """The file is not an uncompressed PCM WAV file (aplay and our volume scaling need one)."""


def duration(path: Path) -> float:
    """Length in seconds."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (wave.Error, EOFError) as exc:
        raise NotPlayableError(f"{path}: {exc}") from exc


def check_playable(path: Path) -> None:
    """Raise NotPlayableError unless `path` is a PCM WAV file with 8, 16 or 32-bit samples."""
    try:
        with wave.open(str(path), "rb") as wav:
            width = wav.getsampwidth()
    except (wave.Error, EOFError) as exc:
        raise NotPlayableError(f"{path}: {exc}") from exc
    if width not in (1, *_TYPECODES):
        raise NotPlayableError(f"{path}: {width * 8}-bit samples are not supported")


def write_scaled(source: Path, target: Path, volume: float) -> Path:
    """Copy `source` to `target` with every sample multiplied by `volume` (0..1); atomic."""
    gain = min(max(volume, 0.0), 1.0)
    try:
        with wave.open(str(source), "rb") as wav:
            params = wav.getparams()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise NotPlayableError(f"{source}: {exc}") from exc
    part = target.with_name(target.name + ".part")
    with wave.open(str(part), "wb") as out:
        out.setparams(params)
        out.writeframes(_scale(frames, params.sampwidth, gain))
    os.replace(part, target)
    return target


def write_silence(target: Path, seconds: float, *, rate: int = 22050) -> Path:
    """A mono 16-bit silent WAV: what the player is tried with when the kiosk starts."""
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(rate * seconds))
    return target


def _scale(frames: bytes, width: int, gain: float) -> bytes:
    if width == 1:  # 8-bit WAV is unsigned, centred on 128
        return bytes(128 + int((b - 128) * gain) for b in frames)
    code = _TYPECODES.get(width)
    if code is None:
        raise NotPlayableError(f"{width * 8}-bit samples are not supported")
    samples = array(code)
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    scaled = array(code, (int(s * gain) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    return scaled.tobytes()
