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

from kiosk.config.errors import ConfigError, ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import decode_config, load_config, read_config_bytes, referenced_files
from kiosk.config.model import KioskConfig

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
        self.errors: list[ConfigError] = []
        self._on_change = on_change
        self._on_error = on_error
        self._seen: Hashable = None
        self._deps: tuple[Path, ...] = ()
        self._deps_of = ""
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling in a daemon thread; the first poll happens at once."""
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
        while not self._stopping.is_set():
            try:
                self.check_now()
            except Exception:  # never let the watcher die; the next poll tries again
                log.exception("config watcher poll failed")
            self._stopping.wait(self.interval)

    def check_now(self, *, force: bool = False) -> bool:
        """Poll once, synchronously; True when a changed file was loaded and reported.
        `force` loads the file even if it looks unchanged (the staff panel's "reload").

        After a load the file is looked at once more, `settle_seconds` later: if a save was
        still in progress (a half-written file may even be valid YAML), the newer content is
        loaded instead, so staff never see the half-way state.
        """
        with self._lock:
            signature, data, unreadable = self._poll()
            if signature == self._seen and not force:
                return False
            for _ in range(_ATTEMPTS):
                result = self._load(data, unreadable)
                time.sleep(self.settle_seconds)
                latest, data, unreadable = self._poll()
                if latest == signature:
                    break
                signature = latest
            else:
                return False  # still being written to: the next poll looks again
            self._seen = signature
            self._publish(result)
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
            except ConfigInvalid:
                self._deps = ()
            self._deps_of = digest
        deps = tuple((str(p), _stat(p)) for p in self._deps)
        return (stat, digest, deps), data, None

    def _load(
        self, data: bytes | None, unreadable: ConfigUnreadable | None
    ) -> KioskConfig | list[ConfigError]:
        if data is None:
            reason = unreadable.reason if unreadable is not None else "unknown"
            return [ConfigError(self.path, None, None, "", f"cannot read the file: {reason}")]
        try:
            return load_config(self.path, text=decode_config(data, self.path))
        except ConfigInvalid as exc:
            return exc.errors
        except ConfigUnreadable as exc:  # the calendar file, say, vanished mid-load
            return [ConfigError(self.path, None, None, "", f"cannot read: {exc.reason}")]
        except Exception as exc:  # a bug must not stop the kiosk following good edits
            log.exception("loading %s failed", self.path)
            return [ConfigError(self.path, None, None, "", f"could not load the file: {exc}")]

    def _publish(self, result: KioskConfig | list[ConfigError]) -> None:
        try:
            if isinstance(result, KioskConfig):
                changed = result != self.current or bool(self.errors)
                self.current, self.errors = result, []
                if changed:
                    self._on_change(result)
            else:
                self.errors = list(result)
                self._on_error(list(result))
        except Exception:
            log.exception("config watcher callback failed")
