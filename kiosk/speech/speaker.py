"""The kiosk's voice: pyttsx3 + espeak-ng in a worker process, played by aplay, cut off by a touch.

Threads: the caller (the UI thread) only records the latest request and signals the player,
so `say()` and `stop()` return at once. One "speech" thread turns requests into WAV files
(staff recording, cache, or the synthesis worker under a watchdog) and starts the player. There
is a single request slot, not a queue: a newer request replaces an older one that has not
started, and a touch cancels both, so nothing plays behind a resident's back. A request may
carry a lead-in sound (a chime, a key click): it plays first, the prompt is made meanwhile and
follows it, and a touch cuts either. A request's words may be in parts of different languages
(a staff answer in the other language): each part is made with its own voice and follows the one
before like the words follow a lead-in, and is cached on its own.
"""

from __future__ import annotations

import logging
import shlex
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.model import Speech
from kiosk.speech.api import SpeechState, rate_for, voice_for
from kiosk.speech.cache import MAX_BYTES, MAX_FILES, AudioCache
from kiosk.speech.health import Health
from kiosk.speech.player import Player
from kiosk.speech.synth import (
    EngineCrashedError,
    EngineError,
    EngineHungError,
    EngineStartError,
    Synthesizer,
)
from kiosk.speech.wavfile import NotPlayableError

log = logging.getLogger("kiosk.speech")


@dataclass(frozen=True)
class _Request:
    generation: int
    parts: tuple[tuple[str, str], ...]  # (text, lang), spoken in order
    recording: Path | None  # instead of all the parts
    lead_in: Path | None = None  # a sound played first (the idle warning's chime, a key click)


class EspeakSpeaker:
    """The real `Speaker`. `player` is the command that plays a WAV file given as last argument."""

    def __init__(
        self,
        speech: Speech,
        *,
        cache_dir: Path,
        player: str | Sequence[str] = "aplay -q",
        synth_timeout: float = 20.0,
        retry_after: float = 30.0,
        cache_files: int = MAX_FILES,
        cache_bytes: int = MAX_BYTES,
    ) -> None:
        self._speech = speech
        self._enabled = speech.enabled
        self._volume = speech.volume
        self._cache = AudioCache(cache_dir, max_files=cache_files, max_bytes=cache_bytes)
        self._player = Player(shlex.split(player) if isinstance(player, str) else player)
        self._synth = Synthesizer(timeout=synth_timeout)
        self._retry_after = retry_after
        self._cond = threading.Condition()
        self._generation = 0
        self._pending: _Request | None = None
        self._busy = True  # until the speech thread has started up
        self._closed = False
        self._restart_wanted = False
        self._health = Health()
        self._engine_down_until = 0.0
        self._bad_recordings: set[Path] = set()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    # -- called by the UI: never blocks ------------------------------------------------------

    def say(self, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        self._request([(text, lang)], None, lead_in)

    def say_prompt(self, name: str, text: str, *, lang: str, lead_in: Path | None = None) -> None:
        files = self._speech.recorded.get(name)
        recording = files.values.get(lang) if files is not None else None  # no other language
        self._request([(text, lang)], Path(recording) if recording else None, lead_in)

    def say_parts(self, parts: Sequence[tuple[str, str]], *, lead_in: Path | None = None) -> None:
        self._request(parts, None, lead_in)

    def stop(self) -> None:
        with self._cond:
            self._generation += 1
            self._pending = None
            self._player.stop()
            self._cond.notify_all()  # a lead-in being waited for is over

    def set_enabled(self, enabled: bool) -> None:
        with self._cond:
            self._enabled = enabled
        if not enabled:
            self.stop()

    def set_volume(self, volume: float) -> None:
        self._volume = min(max(volume, 0.0), 1.0)

    def reset_volume(self) -> None:
        self._volume = self._speech.volume

    def configure(self, speech: Speech) -> None:
        self._speech = speech
        self.reset_volume()
        self.set_enabled(speech.enabled)

    def state(self) -> SpeechState:
        with self._cond:
            restarts = max(0, self._synth.starts - 1)
            if self._closed or not self._enabled:
                return SpeechState("off", "Speech is switched off.", restarts)
            problems = self._health.problems()
        if problems:
            return SpeechState("degraded", " ".join(problems), restarts)
        again = f" The speech engine was restarted {restarts} time(s)." if restarts else ""
        return SpeechState("ok", "Speech is working." + again, restarts)

    def restart(self) -> None:
        """Start the synthesis engine afresh now, even while backing off (a staff action)."""
        with self._cond:
            self._restart_wanted = True
            self._cond.notify_all()

    def settle(self, timeout: float) -> bool:
        """Wait until the latest request has been handled (is playing or was dropped)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending is not None or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    @property
    def engine_pid(self) -> int | None:
        """The synthesis worker's process id, if it is running (for staff diagnostics)."""
        return self._synth.pid

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._pending = None
            self._generation += 1
            self._player.stop()
            self._cond.notify_all()
        self._synth.close()  # ends a synthesis in progress
        self._thread.join(timeout=5.0)
        self._synth.close()
        self._player.finish()
        self._cache.close()

    def _request(
        self, parts: Sequence[tuple[str, str]], recording: Path | None, lead_in: Path | None
    ) -> None:
        words = tuple((text.strip(), lang) for text, lang in parts if text.strip())
        with self._cond:
            self._generation += 1
            self._player.stop()
            wanted = self._enabled and not self._closed and bool(words or recording or lead_in)
            request = _Request(self._generation, words, recording, lead_in)
            self._pending = request if wanted else None
            self._cond.notify_all()

    # -- the speech thread -------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._cache.prepare()
            self._start_player(self._cache.silence(), generation=None)  # a sound device?
        except OSError as exc:
            self._health.set("engine", f"The speech cache {self._cache.folder} is unusable: {exc}.")
        if self._enabled:
            self._start_engine()
        while (request := self._next_request()) is not None:
            try:
                self._handle(request)
            except Exception:  # a bug here must not silence the kiosk for good
                log.exception("speech request failed")

    def _handle(self, request: _Request) -> None:
        with self._cond:
            restart, self._restart_wanted = self._restart_wanted, False
            if restart:
                self._engine_down_until = 0.0
        if restart:
            self._synth.close()
            self._start_engine()
        lead_in = self._playable(request.lead_in) if request.lead_in is not None else None
        playing = lead_in is not None
        if lead_in is not None:
            self._health.note(self._player.finish())  # the one before, already told to stop
            self._start_player(lead_in, generation=request.generation)
        recorded = self._playable(request.recording) if request.recording is not None else None
        pieces: list[tuple[str, str] | Path] = [recorded] if recorded else [*request.parts]
        for piece in pieces:
            if not self._current(request.generation):
                return  # a touch or a newer request: make nothing more
            # made while the lead-in or the part before plays
            path = piece if isinstance(piece, Path) else self._synthesised(*piece)
            if path is None:
                continue
            if playing:
                self._wait_for_player(request.generation)
            self._health.note(self._player.finish())  # the one before, ended or told to stop
            self._start_player(path, generation=request.generation)
            playing = True

    def _current(self, generation: int) -> bool:
        with self._cond:
            return generation == self._generation and not self._closed

    def _wait_for_player(self, generation: int) -> None:
        """Until the current playback ends by itself, or a touch or newer request cuts it."""
        with self._cond:
            while generation == self._generation and not self._closed and self._player.playing:
                self._cond.wait(0.01)

    def _next_request(self) -> _Request | None:
        """Wait for the latest request, watching the player meanwhile; None once closed.

        A staff restart with nothing to say comes back as an empty request.
        """
        with self._cond:
            self._busy = False
            self._cond.notify_all()
            while self._pending is None and not self._restart_wanted and not self._closed:
                self._cond.wait(0.25)
                self._health.note(self._player.poll())
            if self._closed:
                return None
            request = self._pending or _Request(self._generation, (), None)
            self._pending = None
            self._busy = True
            return request

    def _start_player(self, path: Path, *, generation: int | None) -> None:
        with self._cond:
            if self._closed or (generation is not None and generation != self._generation):
                return  # a touch or a newer prompt came first
            try:
                self._player.start(path)
            except OSError as exc:
                name = self._player.argv[0]
                reason = "is not installed" if isinstance(exc, FileNotFoundError) else "cannot run"
                problem = f"No sound: the audio player {name!r} {reason} ({exc.strerror or exc})."
                self._health.set("sound", problem)

    def _playable(self, source: Path) -> Path | None:
        """A staff recording or a lead-in sound at the current volume; None if it cannot play."""
        try:
            return self._cache.recorded(source, self._volume)
        except (NotPlayableError, OSError) as exc:
            if source not in self._bad_recordings:
                self._bad_recordings.add(source)
                log.warning("a recorded prompt or sound cannot be played, left out: %s", exc)
        return None

    def _synthesised(self, text: str, lang: str) -> Path | None:
        """`text` spoken with `lang`'s voice and rate: from the cache, else made now."""
        volume = self._volume
        voice, rate = voice_for(lang), rate_for(self._speech, lang)
        path = self._cache.synthesised(text, voice=voice, rate=rate, volume=volume)
        if self._cache.hit(path) or self._cache.hit(path := self._cache.place(path)):
            return path  # cached, or in RAM when the disk is full
        for _attempt in range(2):
            if not self._engine_may_run():
                return None
            try:
                self._synth.synthesize(text, voice=voice, rate=rate, volume=volume, out=path)
            except EngineCrashedError as exc:
                self._health.set("engine", str(exc))
                continue  # it crashed: one more try with a fresh worker
            except EngineStartError as exc:
                self._back_off(str(exc))
            except (EngineHungError, EngineError) as exc:
                self._health.set("engine", str(exc))
            else:
                self._health.set("engine", "")
                return self._cache.kept(path)
            return None
        self._back_off(self._health.get("engine"))  # crashed twice in a row
        return None

    def _start_engine(self) -> None:
        if not self._engine_may_run():
            return
        try:
            self._synth.start()
        except EngineStartError as exc:
            self._back_off(str(exc))

    def _engine_may_run(self) -> bool:
        with self._cond:
            return not self._closed and time.monotonic() >= self._engine_down_until

    def _back_off(self, problem: str) -> None:
        """The engine cannot work now: prompts not yet cached stay silent for a while."""
        with self._cond:
            self._engine_down_until = time.monotonic() + self._retry_after
        self._health.set("engine", problem)
