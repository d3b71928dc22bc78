"""Staff's file from disk to text, refusing anything that would hang, exhaust or crash the reader.

The file is whatever a text editor, a USB stick or a power cut left behind: a pipe or a folder in
its place, megabytes of pasted text, the wrong encoding. Each becomes a `ConfigUnreadable` or a
`ConfigInvalid` with a line, never a blocked read or a traceback. The file is opened without
blocking and checked on the open descriptor, so what is read is what was checked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.config.errors import ConfigError, ConfigInvalid, ConfigUnreadable

MAX_BYTES = 1024 * 1024  # a year of notices is tens of kilobytes; more is a mistake or an attack

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def _too_big(size: int) -> str:
    return (
        f"the file is {size / MAX_BYTES:.1f} MiB; a config file can be at most 1 MiB "
        "(remove old notices, or check that nothing else was pasted or saved into it)"
    )


def _refusal(mode: int, size: int) -> str | None:
    """Why a file with this stat cannot be the config, or None when it can."""
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "this is not an ordinary file (a pipe, socket or device); give the YAML file itself"
    if size > MAX_BYTES:
        return _too_big(size)
    return None


def _open_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "the file does not exist"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied (the kiosk's user may not read it)"
    if isinstance(exc, NotADirectoryError):
        return "a part of the path is a file, not a folder"
    return exc.strerror or str(exc)


def read_config_bytes(path: Path) -> bytes:
    """The file's bytes, or ConfigUnreadable saying why not in plain words."""
    try:
        before = os.stat(path)  # refuse a pipe or device before even opening it
        reason = _refusal(before.st_mode, before.st_size)
        if reason is not None:
            raise ConfigUnreadable(path, reason)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ConfigUnreadable(path, _open_reason(exc)) from None
    try:
        opened = os.fstat(fd)  # the file may have been replaced since the stat above
        reason = _refusal(opened.st_mode, opened.st_size)
        if reason is not None:
            raise ConfigUnreadable(path, reason)
        with os.fdopen(fd, "rb") as file:
            fd = -1
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigUnreadable(path, _open_reason(exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BYTES:  # it grew while being read
        raise ConfigUnreadable(path, _too_big(len(data)))
    return data


def decode_config(data: bytes, path: Path) -> str:
    """The file's text (UTF-8, with or without a byte-order mark, or UTF-16 with one)."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (
            "the file must be saved as UTF-8 text; the text here is in another encoding "
            "(open the file in an editor that can save as UTF-8, or go back to a good copy)"
        )
        raise ConfigInvalid([ConfigError(path, line, column, "", message)]) from None


def read_config_text(path: Path) -> str:
    """The file's text; ConfigUnreadable or ConfigInvalid (bad encoding) with a line."""
    return decode_config(read_config_bytes(path), path)
