"""The systemd units: `systemd-analyze verify` finds nothing to say, and what they start is a
command line the real `kiosk` accepts, with the key, restart and watchdog settings in place."""

from __future__ import annotations

import configparser
import itertools
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.main import build_parser
from tests.deploy.tools import UNITS, need

INSTALLED = "/opt/echo-kiosk/current"
SYSTEM_UNITS = ["echo-kiosk.service", "echo-central.service"]
USER_UNITS = ["echo-kiosk-desktop.service"]


def _service(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNITS / name, encoding="utf-8")
    return parser["Service"]


def _scratch_copy(name: str, folder: Path) -> Path:
    """The unit with its program moved to `folder`, where a stand-in `kiosk` exists: verify
    checks that ExecStart's program is there and executable."""
    stub = folder / "bin" / "kiosk"
    stub.parent.mkdir(parents=True, exist_ok=True)
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    unit = folder / name
    unit.write_text((UNITS / name).read_text().replace(INSTALLED, str(folder)))
    return unit


@pytest.mark.parametrize("name", SYSTEM_UNITS + USER_UNITS)
def test_systemd_analyze_verify_has_nothing_to_say(name: str, tmp_path: Path):
    analyze = need("systemd-analyze", "systemd")
    unit = _scratch_copy(name, tmp_path)
    scope = ["--user"] if name in USER_UNITS else []
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}  # a user manager needs one
    result = subprocess.run(
        [analyze, *scope, "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    # verify exits 0 even for unknown keys and bad values: it must also print nothing.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_a_misspelt_option_is_caught_by_the_same_check(tmp_path: Path):
    analyze = need("systemd-analyze", "systemd")
    unit = _scratch_copy("echo-kiosk.service", tmp_path)
    unit.write_text(unit.read_text().replace("ProtectSystem=strict", "ProtectSystem=strikt"))
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(unit)], capture_output=True, text=True, check=False
    )
    assert "strikt" in result.stdout + result.stderr


@pytest.mark.parametrize("name", SYSTEM_UNITS + USER_UNITS)
def test_each_unit_restarts_always_under_a_watchdog_and_logs_to_the_journal(name: str):
    service = _service(name)
    assert service["Type"] == "notify"
    assert service["Restart"] == "always"
    assert int(service["WatchdogSec"]) > 0
    assert service["StandardOutput"] == service["StandardError"] == "journal"


@pytest.mark.parametrize("name", ["echo-kiosk.service", "echo-kiosk-desktop.service"])
def test_the_kiosk_gets_its_key_as_the_credential_its_config_names(name: str):
    assert _service(name)["LoadCredential"] == "ECHO_KIOSK_API_KEY:/etc/echo-kiosk/api-key"
    sample = (UNITS.parents[2] / "config" / "kiosk.yaml").read_text()
    assert "api_key_env: ECHO_KIOSK_API_KEY" in sample


@pytest.mark.parametrize("name", SYSTEM_UNITS + USER_UNITS)
def test_the_command_each_unit_starts_is_one_kiosk_accepts(name: str):
    command = shlex.split(_service(name)["ExecStart"])
    assert command[0] == f"{INSTALLED}/bin/kiosk"
    values = {"${CENTRAL_HOST}": "127.0.0.1", "${CENTRAL_PORT}": "8311"}
    args = build_parser().parse_args([values.get(word, word) for word in command[1:]])
    assert str(args.config) == "/etc/echo-kiosk/kiosk.yaml"
    if args.command == "run":
        assert str(args.data_dir) == "/var/lib/echo-kiosk"
        assert not args.windowed


def test_the_kms_kiosk_draws_on_kmsdrm_and_writes_only_its_data_folder():
    service = _service("echo-kiosk.service")
    assert "SDL_VIDEODRIVER=kmsdrm" in service["Environment"]
    assert service["ProtectSystem"] == "strict"
    assert service["StateDirectory"] == "echo-kiosk"
    assert "PrivateDevices" not in service  # display, touch, sound and printer devices


HARDENING = re.compile(
    r"^(Protect\w+|Private\w+|NoNewPrivileges|Restrict\w+|CapabilityBoundingSet|"
    r"AmbientCapabilities|LockPersonality|MemoryDenyWriteExecute|SystemCall\w+|UMask|"
    r"StateDirectory\w*|ReadWritePaths|Device\w+)="
)


@pytest.mark.parametrize("name", SYSTEM_UNITS + USER_UNITS)
def test_every_hardening_option_has_a_comment_saying_why_right_above_it(name: str):
    lines = (UNITS / name).read_text().splitlines()
    bare = [
        line
        for before, line in itertools.pairwise(lines)
        if HARDENING.match(line) and not before.startswith("#")
    ]
    assert bare == []
    assert sum(bool(HARDENING.match(line)) for line in lines) >= 2
