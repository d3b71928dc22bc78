"""deploy/raspberrypi/test-nspawn.sh, the system test CI runs beside this suite: it skips (exit 0,
"SKIPPED: ...") only where no container can be made, and its time limit is a failure. The run
itself boots a container and takes a minute or more: .ci/run runs it, not this suite."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.deploy.tools import PI

SCRIPT = PI / "test-nspawn.sh"


def _run(tmp_path: Path, unshare: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The script with `unshare` (its probe for namespaces) replaced by a shell snippet."""
    if os.geteuid() != 0:
        pytest.skip("the script needs root (CI runs as root)")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "unshare").write_text(f"#!/bin/sh\n{unshare}\n")
    (stubs / "unshare").chmod(0o755)
    return subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PATH": f"{stubs}:{os.environ['PATH']}",
            "ECHO_KIOSK_NSPAWN_CACHE": str(tmp_path / "cache"),
            **env,
        },
        check=False,
        timeout=60,
    )


def test_a_machine_that_cannot_make_namespaces_skips_with_the_reason(tmp_path: Path):
    result = _run(tmp_path, "echo 'unshare: unshare failed: Operation not permitted' >&2; exit 1")
    assert result.returncode == 0, result.stderr
    reason = "SKIPPED: this machine cannot make the namespaces a container needs"
    assert result.stdout.startswith(reason), result.stdout
    assert "Operation not permitted" in result.stdout
    assert not (tmp_path / "cache").exists()  # nothing built


def test_running_over_the_time_limit_fails(tmp_path: Path):
    started = time.monotonic()
    result = _run(tmp_path, "exec sleep 60", ECHO_KIOSK_NSPAWN_LIMIT="2")
    assert result.returncode != 0
    assert "FAILED: over the 2 s limit" in result.stderr
    assert time.monotonic() - started < 30
