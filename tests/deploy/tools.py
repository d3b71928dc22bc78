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


# Every command the installer could change the machine with; a dry run must call none of them.
MUTATING = (
    "apt-get", "useradd", "usermod", "groupadd", "systemctl", "udevadm", "python3",
    "raspi-config", "ln", "install", "chmod", "chown", "rm", "mkdir", "cp", "mv", "tar", "env",
)  # fmt: skip


def noting_stubs(folder: Path, calls: Path, names: tuple[str, ...]) -> Path:
    """In `folder`, a command for each of `names` that only notes its call in `calls`; and sed,
    noted only when editing in place (-i), since it also formats output. Returns `folder`."""
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{calls}"\n')
        (folder / name).chmod(0o755)
    (folder / "sed").write_text(
        "#!/bin/sh\n"
        f'case " $* " in *" -i "*) echo "sed $*" >> "{calls}"; exit 0;; esac\n'
        'exec /usr/bin/sed "$@"\n'
    )
    (folder / "sed").chmod(0o755)
    return folder
