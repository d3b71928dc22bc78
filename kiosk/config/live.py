"""The config a running kiosk uses: last good file kept, bad edits reported, restarts survive them.

A power cut right after a bad edit must not leave the kiosk dark: every good load is copied to the
data folder, and a start on a broken file falls back to that copy (read as if it stood where the
real file stands, so relative paths still resolve) while the errors go to staff.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.reload import ConfigWatcher

log = logging.getLogger("kiosk.config")
LAST_GOOD = "last-good-config.yaml"


def _save_last_good(path: Path, data_dir: Path) -> None:
    target = data_dir / LAST_GOOD
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(path.read_bytes())
    os.replace(tmp, target)


class LiveConfig:
    """The current good config, its errors, and a watcher that reloads it on every save."""

    def __init__(
        self, path: Path, data_dir: Path, current: KioskConfig, errors: list[ConfigError]
    ) -> None:
        self.path = path
        self.data_dir = data_dir
        self.current = current
        self.errors = errors
        self._watcher: ConfigWatcher | None = None

    @classmethod
    def open(cls, path: Path, *, data_dir: Path) -> LiveConfig:
        """Load `path`; if it is invalid and a last good copy exists, run on that copy instead."""
        try:
            config = load_config(path)
        except ConfigInvalid as invalid:
            backup = data_dir / LAST_GOOD
            if not backup.is_file():
                raise
            log.error("config %s is invalid; running on the last good copy %s", path, backup)
            for error in invalid.errors:
                log.error("%s", error)
            config = load_config(path, text=backup.read_text(encoding="utf-8"))
            return cls(path, data_dir, config, invalid.errors)
        _save_last_good(path, data_dir)
        return cls(path, data_dir, config, [])

    def start(
        self,
        *,
        on_change: Callable[[KioskConfig], None],
        on_error: Callable[[list[ConfigError]], None],
    ) -> None:
        def changed(config: KioskConfig) -> None:
            if config == self.current and not self.errors:
                return  # the watcher's first look at the file we already run on: no redraw
            self.current = config
            self.errors = []
            try:
                _save_last_good(self.path, self.data_dir)
            except OSError:
                log.exception("could not keep a copy of the good config")
            on_change(config)

        def failed(errors: list[ConfigError]) -> None:
            self.errors = list(errors)
            on_error(errors)

        self._watcher = ConfigWatcher(self.path, on_change=changed, on_error=failed)
        self._watcher.start()
        if self.errors:
            on_error(self.errors)

    def reload_now(self) -> list[ConfigError]:
        """Read the file again at once (staff asked); the errors it has, [] when it is good.

        Blocks for the load (and its settle check): call it off the UI thread. The usual
        callbacks report a change, exactly as when the watcher notices an edit itself.
        """
        if self._watcher is None:
            try:
                load_config(self.path)
            except ConfigInvalid as invalid:
                self.errors = list(invalid.errors)
            else:
                self.errors = []
            return list(self.errors)
        self._watcher.check_now(force=True)
        return list(self.errors)

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
