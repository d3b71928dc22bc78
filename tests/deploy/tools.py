"""The deploy tests' tools: shellcheck and systemd-analyze must be there (scripts/setup.sh test
installs them); a missing one fails the test with the command that installs it, never a skip."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PI = REPO / "deploy" / "raspberrypi"
INSTALL = PI / "install.sh"
UNITS = PI / "systemd"


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is missing: sudo apt-get install {package} (scripts/setup.sh test does)"
        )
    return path


def install(root: Path, *options: str) -> str:
    """install.sh with --root `root` and `options`; its output (it must succeed)."""
    result = subprocess.run(
        ["bash", str(INSTALL), "--root", str(root), *options],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout
