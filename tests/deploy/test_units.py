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


@pytest.mark.parametrize("name", SYSTEM_UNITS + USER_UNITS)
def test_a_stop_that_hangs_is_cut_short_long_before_systemds_default_90_s(name: str):
    assert int(_service(name)["TimeoutStopSec"]) <= 15


@pytest.mark.parametrize("name", ["echo-kiosk.service", "echo-kiosk-desktop.service"])
def test_sigterm_goes_to_the_kiosk_alone_which_ends_its_own_helpers(name: str):
    assert _service(name)["KillMode"] == "mixed"


HEADLESS = UNITS / "echo-kiosk-headless.conf"


def _with_headless_dropin(folder: Path) -> Path:
    unit = _scratch_copy("echo-kiosk.service", folder)
    dropin = folder / "echo-kiosk.service.d" / "headless.conf"
    dropin.parent.mkdir()
    dropin.write_text(HEADLESS.read_text())
    return unit


def test_the_headless_dropin_frees_the_tty_and_draws_off_screen():
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(HEADLESS, encoding="utf-8")
    assert parser.sections() == ["Service"]
    dropin = dict(parser["Service"])
    assert dropin == {
        "StandardInput": "null",
        "TTYPath": "",
        "TTYReset": "no",
        "TTYVHangup": "no",
        "Environment": "SDL_VIDEODRIVER=offscreen",
    }  # and nothing of the hardening


def _verify(unit: Path) -> tuple[int, str]:
    """`systemd-analyze verify` of a system unit: its exit status and all it printed."""
    result = subprocess.run(
        [need("systemd-analyze", "systemd"), "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_systemd_analyze_verify_has_nothing_to_say_about_the_headless_kiosk(tmp_path: Path):
    assert _verify(_with_headless_dropin(tmp_path)) == (0, "")


def _exposure(unit: Path) -> float:
    result = subprocess.run(
        [need("systemd-analyze", "systemd"), "security", "--offline=yes", "--no-pager", str(unit)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert found is not None, result.stdout + result.stderr
    return float(found.group(1))


def test_the_headless_dropin_keeps_the_kiosks_exposure_score(tmp_path: Path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "headless").mkdir()
    plain = _exposure(_scratch_copy("echo-kiosk.service", tmp_path / "plain"))
    headless = _exposure(_with_headless_dropin(tmp_path / "headless"))
    assert headless <= plain <= 3.5  # systemd-analyze security: 0 safest, 10 exposed


def test_systemd_analyze_verify_has_nothing_to_say_about_the_usb_stick_unit(tmp_path: Path):
    """The template (echo-kiosk-usb@.service) as its udev rule starts it, for stick sda1."""
    script = tmp_path / "usb-mount"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    text = (UNITS / "echo-kiosk-usb@.service").read_text(encoding="utf-8")
    assert "/usr/local/lib/echo-kiosk/usb-mount" in text  # where install.sh puts the script
    unit = tmp_path / "echo-kiosk-usb@sda1.service"
    unit.write_text(text.replace("/usr/local/lib/echo-kiosk/usb-mount", str(script)))
    assert _verify(unit) == (0, "")
