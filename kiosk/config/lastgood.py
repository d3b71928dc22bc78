"""The copy of the last config that loaded, kept in the data folder for a start on a broken file.

It may hold the staff PIN hash and the central server's key, so only the kiosk's user reads it
(0600). It is replaced atomically (temp file, fsync, rename, fsync of the folder) so a power cut
leaves the old copy or the new one, never half of one. Failing to write it (a full disk, a
read-only card) must not stop the kiosk: the failure is logged once, and the kiosk runs on.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.textfile import read_config_text

log = logging.getLogger("kiosk.config")
LAST_GOOD = "last-good-config.yaml"
_MODE = 0o600


class LastGood:
    """`data_dir/last-good-config.yaml`: saved after every good load, read when the file is bad."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LAST_GOOD
        self._failing = False  # a failure was logged; say nothing more until a save works

    def save(self, data: bytes) -> bool:
        """Keep `data` (the bytes that loaded) as the copy; False, logged once, when it failed.
        The same bytes kept already are not written again (a start on an unchanged file)."""
        try:
            if self.path.read_bytes() == data:
                return True
        except OSError:
            pass  # no copy yet, or an unreadable one: write it
        try:
            replace_file(self.path, data)
        except OSError as exc:
            if not self._failing:
                log.error(
                    "could not keep a copy of the good config in %s (%s); the kiosk carries on "
                    "with the config it has",
                    self.path,
                    exc.strerror or exc,
                )
            self._failing = True
            return False
        if self._failing:
            log.info("the copy of the good config is kept again in %s", self.path)
        self._failing = False
        return True

    def load(self, as_path: Path) -> KioskConfig | None:
        """The copy, read as if it stood at `as_path` (relative paths resolve there); None when
        there is no usable copy (its problems are logged, one line each)."""
        if not self.path.is_file():
            return None
        try:
            return load_config(as_path, text=read_config_text(self.path))
        except (ConfigInvalid, ConfigUnreadable) as exc:
            log.error("the last good copy %s cannot be used either: %s", self.path, exc)
        except Exception as exc:  # a bug here must not keep the screen dark
            log.error(
                "the last good copy %s cannot be used: %s: %s", self.path, type(exc).__name__, exc
            )
        return None


def replace_file(path: Path, data: bytes) -> None:
    """`path` holds `data` afterwards, or what it held before (a power cut, a full disk): a
    temporary file written and fsynced, renamed over it, the folder fsynced. Readable by the
    kiosk's user only. Raises OSError."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, _MODE)
        try:
            os.fchmod(fd, _MODE)  # a stale temp file may have had another mode
            write_synced(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_synced(fd: int, data: bytes) -> None:
    """All of `data` to the open file `fd`, on the card before this returns. Raises OSError."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (best effort: not every file system can)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
