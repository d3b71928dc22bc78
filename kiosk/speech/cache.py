"""Synthesised and volume-scaled prompts kept on disk, so a repeated prompt starts at once.

A file's name is a hash of everything that shapes its sound (text, voice, rate, volume, and the
recording's size and time for staff recordings); a changed text or volume is simply another
file. The least recently used files beyond `max_files` are removed when the kiosk starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from kiosk.speech import wavfile

FORMAT = "pyttsx3-espeak-ng-1"  # bump when the way files are made changes
FULL_VOLUME = 0.995  # at or above this a recording is played as it is


class AudioCache:
    def __init__(self, folder: Path, *, max_files: int = 500) -> None:
        self.folder = folder
        self.max_files = max_files

    def synthesised(self, text: str, *, voice: str, rate: int, volume: float) -> Path:
        """Where the synthesis of this text belongs (it may not exist yet)."""
        return self._path("tts", FORMAT, voice, str(rate), f"{volume:.2f}", text)

    def recorded(self, source: Path, volume: float) -> Path:
        """A staff recording at `volume`: the file itself, or a scaled copy made once.

        Raises NotPlayableError for anything but a PCM WAV file, OSError if it is unreadable.
        """
        wavfile.check_playable(source)
        if volume >= FULL_VOLUME:
            return source
        info = source.stat()
        key = (str(source.resolve()), str(info.st_size), str(info.st_mtime_ns), f"{volume:.2f}")
        target = self._path("rec", *key)
        if not self.hit(target):
            wavfile.write_scaled(source, target, volume)
        return target

    def silence(self) -> Path:
        """A tenth of a second of silence, to try the player with when the kiosk starts."""
        target = self.folder / "silence.wav"
        return target if target.is_file() else wavfile.write_silence(target, 0.1)

    @staticmethod
    def hit(path: Path) -> bool:
        """Whether `path` is ready to play; a hit is marked as recently used."""
        try:
            os.utime(path)
        except OSError:
            return False
        return True

    def prepare(self) -> None:
        """Create the folder; remove unfinished files and the least recently used beyond
        `max_files`. Raises OSError when the folder cannot be made."""
        self.folder.mkdir(parents=True, exist_ok=True)
        files = []
        for path in self.folder.iterdir():
            if path.name.endswith(".part"):
                path.unlink(missing_ok=True)
            elif path.suffix == ".wav" and path.name != "silence.wav":
                with contextlib.suppress(FileNotFoundError):
                    files.append((path.stat().st_mtime, path))
        files.sort(reverse=True)
        for _, path in files[self.max_files :]:
            path.unlink(missing_ok=True)

    def _path(self, kind: str, *parts: str) -> Path:
        digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
        return self.folder / f"{kind}-{digest}.wav"
