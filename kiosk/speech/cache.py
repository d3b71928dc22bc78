"""Synthesised and volume-scaled prompts kept on disk, so a repeated prompt starts at once.

A file's name is a hash of everything that shapes its sound (text, voice, rate, volume, and the
recording's size and time for staff recordings); a changed text or volume is simply another
file. Some prompts are said once: a ticket's receipt read aloud (~1.5 MB, 35 s) and a look-up's
answer. So the cache is kept within `max_files` and `max_bytes` as it fills, not only when the
kiosk starts: the least recently used files go first (a kiosk that runs for months between
restarts filled its card with them, issue 18).

On a (nearly) full disk prompts are not cached: each is made in a private folder in RAM
(/dev/shm) that holds only the latest one, so the kiosk keeps speaking and leaves the last of
the card to the ticket store.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from kiosk.speech import wavfile

FORMAT = "pyttsx3-espeak-ng-1"  # bump when the way files are made changes
FULL_VOLUME = 0.995  # at or above this a recording is played as it is
# Below this much free space prompts are not cached: a long prompt is about 1 MiB, and the
# ticket store needs its 2 MiB to make its space reserve again (kiosk/store/reserve.py).
ROOM_TO_CACHE = 4 * 1024 * 1024
# The screens' prompts in both languages at the three volumes are ~100 files of 0.1-0.5 MB; this
# keeps them, the notices' and the last few dozen receipts read aloud: a small share of a card.
MAX_BYTES = 128 * 1024 * 1024
MAX_FILES = 500
KEPT_ALWAYS = "silence.wav"  # the sound-device check at every start
RAM = Path("/dev/shm")
log = logging.getLogger("kiosk.speech")


class AudioCache:
    def __init__(
        self, folder: Path, *, max_files: int = MAX_FILES, max_bytes: int = MAX_BYTES
    ) -> None:
        self.folder = folder
        self.max_files = max_files
        self.max_bytes = max_bytes
        self._ram: Path | None = None  # made on the first prompt that cannot be cached
        self.caching = True
        # name -> (last used, size) of the prompts in the folder, read by `prepare`
        self._files: dict[str, tuple[float, int]] = {}
        self._bytes = 0

    def place(self, path: Path) -> Path:
        """Where to make the missing file `path`: itself while the disk has room, else the same
        name in RAM (the one before it there removed). Logs once when caching stops and starts."""
        try:
            room = shutil.disk_usage(self.folder).free >= ROOM_TO_CACHE
        except OSError:
            room = False
        if room != self.caching:
            self.caching = room
            if room:
                log.info("speech: %s has room again; prompts are cached", self.folder)
            else:
                log.warning(
                    "speech: the disk holding %s is full; prompts are spoken without caching",
                    self.folder,
                )
        if room:
            return path
        ram = self._ram_folder()
        for old in ram.iterdir():  # unlinking a file being played is safe on Linux
            if old.name != path.name:
                old.unlink(missing_ok=True)
        return ram / path.name

    def _ram_folder(self) -> Path:
        if self._ram is None or not self._ram.is_dir():
            parent = RAM if RAM.is_dir() and os.access(RAM, os.W_OK) else None
            self._ram = Path(tempfile.mkdtemp(prefix="echo-kiosk-speech-", dir=parent))
        return self._ram

    def close(self) -> None:
        """Remove the RAM folder (the kiosk is closing)."""
        if self._ram is not None:
            shutil.rmtree(self._ram, ignore_errors=True)
            self._ram = None

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
        if self.hit(target):
            return target
        return self.kept(wavfile.write_scaled(source, self.place(target), volume))

    def silence(self) -> Path:
        """A tenth of a second of silence, to try the player with when the kiosk starts."""
        target = self.folder / KEPT_ALWAYS
        return target if target.is_file() else wavfile.write_silence(self.place(target), 0.1)

    def hit(self, path: Path) -> bool:
        """Whether `path` is ready to play; a hit is marked as recently used."""
        try:
            os.utime(path)
        except OSError:
            return False
        if path.name in self._files and path.parent == self.folder:
            self._files[path.name] = (time.time(), self._files[path.name][1])
        return True

    def kept(self, path: Path) -> Path:
        """`path`, just made: counted in the cache, which then lets go of its least recently
        used prompts beyond the limits (never `path` itself). A file in RAM is not counted."""
        if path.parent != self.folder or path.name == KEPT_ALWAYS:
            return path
        try:
            size = path.stat().st_size
        except OSError:
            return path
        self._bytes += size - self._files.pop(path.name, (0.0, 0))[1]
        self._files[path.name] = (time.time(), size)
        self._let_go(keep=path.name)
        return path

    def prepare(self) -> None:
        """Create the folder; remove unfinished files and the least recently used beyond the
        limits. Raises OSError when the folder cannot be made."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._files.clear()
        for path in self.folder.iterdir():
            if path.name.endswith(".part"):
                path.unlink(missing_ok=True)
            elif path.suffix == ".wav" and path.name != KEPT_ALWAYS:
                with contextlib.suppress(FileNotFoundError):
                    info = path.stat()
                    self._files[path.name] = (info.st_mtime, info.st_size)
        self._bytes = sum(size for _, size in self._files.values())
        self._let_go(keep="")

    def _let_go(self, *, keep: str) -> None:
        if len(self._files) <= self.max_files and self._bytes <= self.max_bytes:
            return
        for name, (_, size) in sorted(self._files.items(), key=lambda item: item[1][0]):
            if len(self._files) <= self.max_files and self._bytes <= self.max_bytes:
                return
            if name != keep:
                with contextlib.suppress(OSError):  # safe while it plays (Linux)
                    (self.folder / name).unlink(missing_ok=True)
                del self._files[name]
                self._bytes -= size

    def _path(self, kind: str, *parts: str) -> Path:
        digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
        return self.folder / f"{kind}-{digest}.wav"
