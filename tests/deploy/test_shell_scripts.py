"""Every shell script in the project passes shellcheck, warnings and notes included."""

from __future__ import annotations

import subprocess

from tests.deploy.tools import REPO, need


def test_every_shell_script_is_shellcheck_clean():
    scripts = sorted(
        path for folder in ("scripts", "deploy") for path in (REPO / folder).rglob("*.sh")
    )
    assert REPO / "deploy" / "raspberrypi" / "install.sh" in scripts
    assert REPO / "scripts" / "setup.sh" in scripts
    result = subprocess.run(
        [need("shellcheck", "shellcheck"), "--severity=style", *map(str, scripts)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
