"""Where the config and the data live by default, for the kiosk and the central server alike.

An installed kiosk has its config in /etc and its data in /var/lib; a development clone uses the
bundled sample and the user's data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_CONFIG = Path(__file__).resolve().parents[2] / "config" / "kiosk.yaml"
SYSTEM_CONFIG = Path("/etc/echo-kiosk/kiosk.yaml")
SYSTEM_DATA = Path("/var/lib/echo-kiosk")


def default_config_path() -> Path:
    """The installed config when there is one, else the bundled sample (a development clone)."""
    return SYSTEM_CONFIG if SYSTEM_CONFIG.is_file() else REPO_CONFIG


def default_data_dir() -> Path:
    if SYSTEM_DATA.is_dir() and os.access(SYSTEM_DATA, os.W_OK):
        return SYSTEM_DATA
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "echo-kiosk"
