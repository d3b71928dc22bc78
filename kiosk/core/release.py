"""Which kiosk this is: its package version and, on an installed kiosk, its release folder's stamp.

Apart from the heartbeat (kiosk.core.health) so the staff panel shows it without importing the
sync package the heartbeat belongs to.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

RELEASE_FILE = "RELEASE"  # written by deploy/raspberrypi/install.sh into each release folder


@cache
def kiosk_version() -> str:
    """The package version and, on an installed kiosk, its release: "0.1.0 (20261206-071500)".

    The release is the first line of the RELEASE file the installer writes into the virtual
    environment this interpreter runs from (/opt/echo-kiosk/releases/<stamp>). Worked out once,
    at the first call (the sync thread's first heartbeat, a moment after the first frame: kept
    off the first frame, importlib.metadata is ~8 ms of a start): a later switch of the
    `current` link to another release does not change what this running process reports.
    """
    return version_text(_package_version(), release_of(Path(sys.prefix)))


def _package_version() -> str:
    from importlib import metadata  # here: see kiosk_version

    try:
        return metadata.version("echo-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown"


def release_of(prefix: Path) -> str:
    """The release stamp in PREFIX/RELEASE (the `current` link followed), "" without one."""
    try:
        first = (prefix.resolve() / RELEASE_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return first[0].strip()[:30] if first else ""


def version_text(package: str, release: str) -> str:
    return f"{package} ({release})" if release else package
