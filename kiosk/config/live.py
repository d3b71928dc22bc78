"""The config a running kiosk uses: last good file kept, bad edits reported, restarts survive them.

A start on the file the kiosk last ran on takes the config it built then (kiosk.config.built)
instead of validating it again; the watcher, started after the first frame, loads the file only
once it or its calendar file differs from what the kiosk runs on, so an unedited kiosk never
imports the validator.

A power cut right after a bad edit must not leave the kiosk dark: every good load is copied to the
data folder, and a start on a broken file falls back to that copy (read as if it stood where the
real file stands, so relative paths still resolve) while the errors go to staff. That holds for
every way the file can fail: invalid, unreadable, or even a bug in the loader.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.config.built import BuiltCopy, Digests
from kiosk.config.content_file import load_content, with_content
from kiosk.config.content_store import ContentStore
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
    """The file's bytes and the config they built before, when nothing changed since (what
    else it was built from: `built.deps`)."""
    try:
        data = read_config_bytes(path)
    except ConfigUnreadable:
        return None  # _load says why
    config = built.recall(path, data)
    return None if config is None else (data, config)


def _content_in_use(data_dir: Path) -> KioskConfig | None:
    """The published content this kiosk used last (issue 19), loaded and checked again."""
    store = ContentStore(data_dir)
    applied = store.state().in_use
    if applied is None:
        return None
    path = store.path_of(applied)
    built = BuiltCopy(path.parent)  # a start on the same version skips the validator (issue 18)
    try:
        data = read_config_bytes(path)
        config = built.recall(path, data)
        if config is None:
            config = load_content(path, text=decode_config(data, path))
            built.keep(path, data, config)
        return config
    except (ConfigInvalid, ConfigUnreadable) as failure:
        log.error("the published content in use cannot be loaded; the kiosk's own file is used")
        for error in errors_of(failure):
            log.error("%s", error)
        return None


class LiveConfig:
    """The current good config, its errors, and a watcher that reloads it on every save.

    `current` is the kiosk's own file (`device`) with the published content in place of its
    content sections once a version was received from the centre or a stick (issue 19); a
    standalone kiosk runs on its own file alone."""

    def __init__(
        self,
        path: Path,
        data_dir: Path,
        current: KioskConfig,
        errors: list[ConfigError],
        built_from: tuple[bytes, Digests] | None = None,
    ) -> None:
        self.path = path
        self.data_dir = data_dir
        self.device = current
        self.content: KioskConfig | None = None
        self.current = current
        self.errors = errors
        self._on_change: Callable[[KioskConfig], None] | None = None
        # the watcher's thread (an edit of the file) and the sync thread (published content)
        # both make `current`: one at a time, so neither undoes the other
        self._merging = threading.Lock()
        self._last_good = LastGood(data_dir)
        self._built = BuiltCopy(data_dir)
        self._first_report = True  # the watcher's first look repeats what open() found
        # the file's bytes `current` came from, and the calendar's digest; None: a backup
        self._built_from = built_from
        self._watcher: ConfigWatcher | None = None

    @classmethod
    def open(cls, path: Path, *, data_dir: Path) -> LiveConfig:
        """Load `path`; if it cannot be used and a last good copy can, run on that copy instead.

        Raises ConfigInvalid or ConfigUnreadable (the file's own problems) when neither can."""
        last_good = LastGood(data_dir)
        built = BuiltCopy(data_dir)
        recalled = _recall(path, built)
        if recalled is not None:
            live = cls(path, data_dir, recalled[1], [], (recalled[0], built.deps))
            live._last_good.save(recalled[0])  # written only if it is not that file already
            return live._with_content_in_use()
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
            return cls(path, data_dir, backup, errors)._with_content_in_use()
        built.keep(path, data, config)
        live = cls(path, data_dir, config, [], (data, built.deps))
        live._last_good.save(data)
        return live._with_content_in_use()

    def _with_content_in_use(self) -> LiveConfig:
        self.content = _content_in_use(self.data_dir)
        self.current = self._merged(self.device)
        return self

    def _merged(self, device: KioskConfig) -> KioskConfig:
        return device if self.content is None else with_content(device, self.content)

    def use_content(self, content: KioskConfig | None) -> KioskConfig:
        """Show `content` (checked already) in place of the file's content sections, at once
        and like a local edit; None: the file's own again. The config now in use."""
        with self._merging:
            self.content = content
            self.current = self._merged(self.device)
        if self._on_change is not None:
            self._on_change(self.current)
        return self.current

    def start(
        self,
        *,
        on_change: Callable[[KioskConfig], None],
        on_error: Callable[[list[ConfigError]], None],
    ) -> None:
        def changed(config: KioskConfig) -> None:
            if config == self.device and not self.errors:
                return  # the watcher's first look at the file we already run on: no redraw
            self._first_report = False
            with self._merging:
                self.device = config
                self.current = self._merged(config)
            self.errors = []
            if watcher.current_bytes is not None:
                self._last_good.save(watcher.current_bytes)
                self._built.keep(self.path, watcher.current_bytes, config)
            on_change(self.current)

        def failed(errors: list[ConfigError]) -> None:
            repeat = self._first_report and errors == self.errors
            self._first_report = False
            self.errors = list(errors)
            if not repeat:  # staff were told at start; once per change of the file is enough
                on_error(errors)

        self._on_change = on_change
        if self.errors:  # before the watcher can report a newer state of the file
            on_error(self.errors)
        watcher = ConfigWatcher(self.path, on_change=changed, on_error=failed)
        if self._built_from is not None and not self.errors:
            watcher.assume(self.device, *self._built_from)  # no second load of what it runs on
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
