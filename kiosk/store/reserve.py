"""A little disk space held back, so a full disk cannot keep waiting tickets from leaving.

Opening the WAL store needs room for its -shm and -wal files, and marking an item sent needs new
pages. When something else fills the SD card, the store gives this reserve back and carries on:
what waits is sent and marked once. The reserve is made again when there is plenty of room.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
from pathlib import Path

log = logging.getLogger("kiosk.store")
RESERVE = "space-reserve"
RESERVE_BYTES = 512 * 1024  # the -shm file (32 KiB) and a few hundred WAL pages
NEARLY_FULL = 64 * 1024  # less than a -shm file and a few WAL pages
PLENTY = 4 * RESERVE_BYTES  # free space above which the reserve is made again


def is_disk_full(error: BaseException, folder: Path) -> bool:
    """Whether `error` means the disk has no room. SQLite reports a -shm file it could not grow
    as a plain I/O error, so that one counts only when `folder` has next to nothing free."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    if not isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    if "full" in text:
        return True
    try:
        return "disk i/o error" in text and shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def keep_reserve(folder: Path) -> None:
    """Make the reserve if it is missing and there is plenty of room; never raises."""
    target = folder / RESERVE
    if target.exists():
        return
    try:
        if shutil.disk_usage(folder).free < PLENTY:
            return
        part = target.with_name(RESERVE + ".part")
        with part.open("wb") as out:
            out.write(bytes(RESERVE_BYTES))  # real blocks: a sparse file would hold nothing back
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, target)
    except OSError as error:
        target.with_name(RESERVE + ".part").unlink(missing_ok=True)
        log.warning("could not set disk space aside in %s: %s", folder, error)


def release_reserve(folder: Path) -> bool:
    """Give the reserve back to the disk; True if there was one to give."""
    try:
        (folder / RESERVE).unlink()
    except FileNotFoundError:
        return False
    log.error("storage full in %s: using the space kept in reserve to keep tickets moving", folder)
    return True


def is_storage_full(data_dir: Path, free: int) -> bool:
    """Whether a new ticket may not fit: less room than one needs, or the space reserve spent
    (or never made) with too little room to make it again."""
    return free < NEARLY_FULL or (free < PLENTY and not (data_dir / RESERVE).exists())
