"""Live reload: staff save the file, the kiosk follows; a bad save never takes it down.

Polling rather than inotify: it works the same on every file system and with every editor
(in-place writes, rename-and-replace, delete-and-recreate). The file's size, mtime and a hash of
its content are compared, so two edits within one mtime tick are still seen. No framework: the
UI hops the callbacks onto its own thread.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path

from kiosk.config.built import Digests, digests_of
from kiosk.config.errors import ConfigError, ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import load_config, referenced_files
from kiosk.config.model import KioskConfig
from kiosk.config.textfile import decode_config, read_config_bytes

log = logging.getLogger(__name__)

_ATTEMPTS = 3  # loads of a file still changing under us before leaving it to the next poll


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class ConfigWatcher:
    """Polls `path` every `interval` seconds and reloads it when it or its calendar file changes.

    `current` is the last good config (None until one loaded), `errors` the problems of the last
    bad load (empty after a good one). `on_change` gets each new good config, `on_error` each new
    list of problems; both are called from the polling thread (or the one calling `check_now`),
    and an exception in them is logged, not raised.
    """

    def __init__(
        self,
        path: Path,
        on_change: Callable[[KioskConfig], None],
        on_error: Callable[[list[ConfigError]], None],
        interval: float = 1.0,
        *,
        settle_seconds: float = 0.1,
    ) -> None:
        self.path = path
        self.interval = interval
        self.settle_seconds = settle_seconds
        self.current: KioskConfig | None = None
        self.current_bytes: bytes | None = None  # the file as it was when `current` loaded
        self.errors: list[ConfigError] = []
        self._on_change = on_change
        self._on_error = on_error
        self._seen: Hashable = None
        self._deps: tuple[Path, ...] = ()
        self._deps_of = ""
        self._assumed: tuple[bytes, Digests] | None = None  # what the kiosk runs on already
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def assume(self, config: KioskConfig, data: bytes, deps: Digests = ()) -> None:
        """The kiosk runs on `config` already, built from the file's `data` and the files it
        names (`deps`: the calendar's path and digest; at a start, often recalled from
        kiosk.config.built without validating). The first poll then loads the file only if it
        or they are no longer so, so a kiosk whose file nobody edits never imports the validator
        (pydantic: ~11 MB resident for good, and ~0.15 s of CPU just after the first frame;
        issue 18)."""
        with self._lock:
            self.current, self.current_bytes, self._assumed = config, data, (data, deps)

    def start(self) -> None:
        """Start polling in a daemon thread; the first poll happens at once, even if `stop`
        comes first (it waits for it)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="config-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling and wait (up to `timeout`) for the thread to end."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        last_failure = ""
        while True:
            try:
                self.check_now()
                last_failure = ""
            except Exception as exc:  # never let the watcher die; the next poll tries again
                failure = f"{type(exc).__name__}: {exc}"
                if failure != last_failure:  # once, not once a second for the rest of the year
                    log.error("config watcher poll failed: %s", failure)
                last_failure = failure
            if self._stopping.wait(self.interval):
                return

    def check_now(self, *, force: bool = False) -> bool:
        """Poll once, synchronously; True when a changed file was loaded and reported.
        `force` loads the file even if it looks unchanged (the staff panel's "reload").

        After a load the file is looked at once more, `settle_seconds` later: if a save was
        still in progress (a half-written file may even be valid YAML), the newer content is
        loaded instead, so staff never see the half-way state.
        """
        with self._lock:
            signature, data, unreadable = self._poll()
            assumed, self._assumed = self._assumed, None  # the first poll's only
            as_assumed = assumed is not None and assumed == (data, digests_of(self._deps))
            unchanged = signature == self._seen or as_assumed
            if unchanged and not force:
                self._seen = signature
                return False
            for _ in range(_ATTEMPTS):
                loaded, result = data, self._load(data, unreadable)
                time.sleep(self.settle_seconds)
                latest, data, unreadable = self._poll()
                if latest == signature:
                    break
                signature = latest
            else:
                return False  # still being written to: the next poll looks again
            self._seen = signature
            self._publish(result, loaded)
            return True

    def _poll(self) -> tuple[Hashable, bytes | None, ConfigUnreadable | None]:
        """(signature, bytes read, why unreadable) for the file as it is now."""
        try:
            stat = _stat(self.path)
            data = read_config_bytes(self.path)
        except ConfigUnreadable as exc:
            return ("unreadable", exc.reason), None, exc
        digest = hashlib.sha256(data).hexdigest()
        if digest != self._deps_of:
            try:
                self._deps = referenced_files(decode_config(data, self.path), self.path)
            except ConfigInvalid:  # reported by the load
                self._deps = ()
            self._deps_of = digest
        deps = tuple((str(p), _stat(p)) for p in self._deps)
        return (stat, digest, deps), data, None

    def _load(
        self, data: bytes | None, unreadable: ConfigUnreadable | None
    ) -> KioskConfig | list[ConfigError]:
        if data is None:
            return [(unreadable or ConfigUnreadable(self.path, "unknown")).error]
        try:
            return load_config(self.path, text=decode_config(data, self.path))
        except ConfigInvalid as exc:
            return exc.errors
        except ConfigUnreadable as exc:  # the calendar file, say, vanished mid-load
            return [exc.error]
        except Exception as exc:  # a bug must not stop the kiosk following good edits
            log.debug("loading %s failed", self.path, exc_info=True)
            message = f"could not load the file ({type(exc).__name__}: {exc}); please report this"
            return [ConfigError(self.path, 1, None, "", message)]

    def _publish(self, result: KioskConfig | list[ConfigError], data: bytes | None) -> None:
        try:
            if isinstance(result, KioskConfig):
                changed = result != self.current or bool(self.errors)
                self.current, self.current_bytes, self.errors = result, data, []
                if changed:
                    self._on_change(result)
            else:
                self.errors = list(result)
                self._on_error(list(result))
        except Exception as exc:
            log.error("config watcher callback failed: %s: %s", type(exc).__name__, exc)
            log.debug("config watcher callback failed", exc_info=True)
