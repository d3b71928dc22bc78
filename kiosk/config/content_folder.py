"""A content version laid out as files: the content file and what it names, side by side.

The centre lays an upload out to check it, and a kiosk lays out what it received before it
checks and uses it; both then load it with kiosk.config.content_file, so images resolve as they
would beside the staff member's own file. The folder appears whole or not at all (written under a
temporary name, synced, renamed), so a power cut never leaves half a version in use.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from kiosk.config.content_keys import CONTENT_FILE, plain_name
from kiosk.config.lastgood import fsync_folder, write_synced


def version_digest(text: str, files: Mapping[str, bytes]) -> str:
    """SHA-256 of a version: its text and each file by name, so any change makes another."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for name in sorted(files):
        digest.update(b"\0" + name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def lay_out(folder: Path, text: str, files: Mapping[str, bytes]) -> Path:
    """`folder` holding CONTENT_FILE and `files` (plain names only), made whole or not at all;
    the content file's path. An existing `folder` is taken as already laid out. Raises OSError
    (a full disk) and ValueError (a name that is not plain)."""
    for name in files:
        if not plain_name(name):
            raise ValueError(f"{name!r} is not a plain file name")
    target = folder / CONTENT_FILE
    if target.is_file():
        return target
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        for name, data in {**files, CONTENT_FILE: text.encode("utf-8")}.items():
            _write(partial / name, data)
        fsync_folder(partial)
        os.replace(partial, folder)
        fsync_folder(folder.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        write_synced(fd, data)
    finally:
        os.close(fd)
