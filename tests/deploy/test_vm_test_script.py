"""deploy/raspberrypi/test-vm.sh, the arm64 VM test run by hand (it takes many minutes): its
arguments, its skip where it cannot run, and its time limit. The run itself is not part of this
suite (see the Pi README, "The arm64 VM test")."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.deploy.tools import PI

SCRIPT = PI / "test-vm.sh"


def _run(tmp_path: Path, *args: str, stubs: dict[str, str] | None = None, **env: str):
    """The script with `args`; each of `stubs` (name: shell snippet) put first on PATH."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in (stubs or {}).items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n")
        (folder / name).chmod(0o755)
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PATH": f"{folder}:{os.environ['PATH']}",
            "ECHO_KIOSK_VM_CACHE": str(tmp_path / "cache"),
            **env,
        },
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--power-cuts"], "--power-cuts needs a number"),
        (["--power-cuts", "many"], "--power-cuts needs a number"),
        (["--power-cuts", "3", "--seed", "x"], "--seed needs a number"),
        (["--seed", "7"], "--seed is for --power-cuts N"),
        (["--reuse-install"], "--reuse-install is for --power-cuts N"),
        (["--fast"], "unknown option --fast"),
    ],
)
def test_bad_arguments_are_told_at_once(tmp_path: Path, args: list[str], message: str):
    result = _run(tmp_path, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "cache").exists()


def test_help_shows_the_options():
    result = subprocess.run(
        ["bash", str(SCRIPT), "--help"], capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0
    for option in ("--power-cuts N", "--seed", "--reuse-install", "--build-only", "SKIPPED"):
        assert option in result.stdout


def test_without_root_it_skips_with_the_reason(tmp_path: Path):
    result = _run(tmp_path, stubs={"id": "echo 1000", "sudo": "exit 1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("SKIPPED: building and booting the arm64 VM needs root")
    assert not (tmp_path / "cache").exists()


def test_running_over_the_time_limit_fails(tmp_path: Path):
    started = time.monotonic()
    result = _run(tmp_path, stubs={"id": "exec sleep 60"}, ECHO_KIOSK_VM_LIMIT="2")
    assert result.returncode != 0
    assert "FAILED: over the 2 s limit" in result.stderr
    assert time.monotonic() - started < 30
