"""A small real file system to fill, for the tests of a full SD card (store, speech, UI, health).

A 4 MiB tmpfs, or a loop-mounted ext4 file where tmpfs may not be mounted; both need root, so the
tests using it skip without. `fill` writes until the kernel says ENOSPC, as a log or a photo dump
would fill a real card.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "4m"


def _mount(point: Path, image: Path) -> str:
    """Mount a small file system on `point`; the reason it cannot be done, or ""."""
    tmpfs = ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(point)]
    done = subprocess.run(tmpfs, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return ""
    with image.open("wb") as out:
        out.truncate(4 * 1024 * 1024)
    mkfs = subprocess.run(["mkfs.ext4", "-q", str(image)], capture_output=True, check=False)
    loop = subprocess.run(
        ["mount", "-o", "loop", str(image), str(point)], capture_output=True, text=True, check=False
    )
    if mkfs.returncode == 0 and loop.returncode == 0:
        return ""
    return f"cannot mount a small file system (tmpfs: {done.stderr.strip()}; loop: {loop.stderr})"


@contextlib.contextmanager
def small_disk_at(where: Path) -> Iterator[Path]:
    """A freshly mounted small file system under `where` (skips the test if none can be)."""
    point = where / "card"
    point.mkdir()
    reason = _mount(point, where / "card.img")
    if reason:
        pytest.skip(f"needs root to mount a {SIZE} file system: {reason}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk_at(tmp_path) as point:
        yield point


def fill(disk: Path) -> Path:
    """Fill `disk` to its last byte; the filler file, to delete when space is freed."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        for chunk in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while os.write(fd, bytes(chunk)):
                    pass
    finally:
        os.close(fd)
    with pytest.raises(OSError, match="No space left") as full:
        (disk / "one-more-byte").write_bytes(b"x")
    assert full.value.errno == errno.ENOSPC
    return filler


def free_space(disk: Path) -> None:
    """Undo `fill`: remove the filler and the probe files."""
    for name in os.listdir(disk):
        if name == "filler" or name.startswith("one-more-byte"):
            (disk / name).unlink()
