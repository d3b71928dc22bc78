"""The config a running kiosk uses: last good file kept, bad edits reported, restarts survive them.

A start on the file the kiosk last ran on takes the config it built then (kiosk.config.built)
instead of validating it again; the watcher's first look, after the first frame, loads the file
in full all the same.

A power cut right after a bad edit must not leave the kiosk dark: every good load is copied to the
data folder, and a start on a broken file falls back to that copy (read as if it stood where the
real file stands, so relative paths still resolve) while the errors go to staff. That holds for
every way the file can fail: invalid, unreadable, or even a bug in the loader.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.config.built import BuiltCopy
from kiosk.config.errors import ConfigError, ConfigInvalid, ConfigUnreadable, errors_of
from kiosk.config.lastgood import LAST_GOOD, LastGood
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.reload import ConfigWatcher
from kiosk.config.textfile import decode_config, read_config_bytes

__all__ = ["LAST_GOOD", "LiveConfig"]
log = logging.getLogger("kiosk.config")


def _load(path: Path) -> tuple[bytes, KioskConfig]:
    """The file's bytes and the config they make; any failure as ConfigInvalid/Unreadable."""
    try:
        data = read_config_bytes(path)
        return data, load_config(path, text=decode_config(data, path))
    except (ConfigInvalid, ConfigUnreadable):
        raise
    except Exception as exc:  # a loader bug: staff get a line, the kiosk its last good copy
        log.debug("loading %s failed", path, exc_info=True)
        message = f"could not load the file ({type(exc).__name__}: {exc}); please report this"
        raise ConfigInvalid([ConfigError(path, 1, None, "", message)]) from None


def _recall(path: Path, built: BuiltCopy) -> tuple[bytes, KioskConfig] | None:
    """The file's bytes and the config they built before, when nothing changed since."""
    try:
        data = read_config_bytes(path)
    except ConfigUnreadable:
        return None  # _load says why
    config = built.recall(path, data)
    return None if config is None else (data, config)


class LiveConfig:
    """The current good config, its errors, and a watcher that reloads it on every save."""

    def __init__(
        self, path: Path, data_dir: Path, current: KioskConfig, errors: list[ConfigError]
    ) -> None:
        self.path = path
        self.data_dir = data_dir
        self.current = current
        self.errors = errors
        self._last_good = LastGood(data_dir)
        self._built = BuiltCopy(data_dir)
        self._first_report = True  # the watcher's first look repeats what open() found
        self._watcher: ConfigWatcher | None = None

    @classmethod
    def open(cls, path: Path, *, data_dir: Path) -> LiveConfig:
        """Load `path`; if it cannot be used and a last good copy can, run on that copy instead.

        Raises ConfigInvalid or ConfigUnreadable (the file's own problems) when neither can."""
        last_good = LastGood(data_dir)
        built = BuiltCopy(data_dir)
        recalled = _recall(path, built)
        if recalled is not None:
            live = cls(path, data_dir, recalled[1], [])
            live._last_good.save(recalled[0])  # written only if it is not that file already
            return live
        try:
            data, config = _load(path)
        except (ConfigInvalid, ConfigUnreadable) as failure:
            backup = last_good.load(path)
            if backup is None:
                raise
            log.error("config %s cannot be used; running on the last good copy", path)
            errors = errors_of(failure)
            for error in errors:
                log.error("%s", error)
            return cls(path, data_dir, backup, errors)
        live = cls(path, data_dir, config, [])
        live._last_good.save(data)
        built.keep(path, data, config)
        return live

    def start(
        self,
        *,
        on_change: Callable[[KioskConfig], None],
        on_error: Callable[[list[ConfigError]], None],
    ) -> None:
        def changed(config: KioskConfig) -> None:
            if config == self.current and not self.errors:
                return  # the watcher's first look at the file we already run on: no redraw
            self._first_report = False
            self.current = config
            self.errors = []
            if watcher.current_bytes is not None:
                self._last_good.save(watcher.current_bytes)
                self._built.keep(self.path, watcher.current_bytes, config)
            on_change(config)

        def failed(errors: list[ConfigError]) -> None:
            repeat = self._first_report and errors == self.errors
            self._first_report = False
            self.errors = list(errors)
            if not repeat:  # staff were told at start; once per change of the file is enough
                on_error(errors)

        if self.errors:  # before the watcher can report a newer state of the file
            on_error(self.errors)
        watcher = ConfigWatcher(self.path, on_change=changed, on_error=failed)
        self._watcher = watcher
        watcher.start()

    def reload_now(self) -> list[ConfigError]:
        """Read the file again at once (staff asked); the errors it has, [] when it is good.

        Blocks for the load (and its settle check): call it off the UI thread. The usual
        callbacks report a change, exactly as when the watcher notices an edit itself.
        """
        if self._watcher is None:
            try:
                _load(self.path)
            except (ConfigInvalid, ConfigUnreadable) as failure:
                self.errors = errors_of(failure)
            else:
                self.errors = []
            return list(self.errors)
        self._watcher.check_now(force=True)
        return list(self.errors)

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
