"""install.sh against a scratch root: --dry-run prints every step and writes nothing; a real run
(system steps such as apt, useradd, pip and systemctl printed, not run, because of --root)
writes the files, and a second run upgrades without touching the town's config or data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.tools import INSTALL, MUTATING, PI, REPO, install, noting_stubs

CMDLINE = "console=serial0,115200 root=PARTUUID=0-02 rootwait"


@pytest.fixture
def pi(tmp_path: Path) -> Path:
    """A scratch root with what Raspberry Pi OS Bookworm has before the installer runs."""
    (tmp_path / "boot" / "firmware").mkdir(parents=True)
    (tmp_path / "boot" / "firmware" / "cmdline.txt").write_text(CMDLINE + "\n")
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "os-release").write_text("ID=debian\nVERSION_CODENAME=bookworm\n")
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_a_dry_run_prints_every_step_and_changes_nothing(pi: Path):
    before = _files(pi)
    out = install(pi, "--dry-run", "--central", "--rotation", "90", "--printer", "0416:5011")
    assert _files(pi) == before
    assert sorted(p.name for p in pi.iterdir()) == ["boot", "etc"]
    for expected in (
        "apt-get install",
        "fonts-ukij-uyghur",
        "useradd --system",
        "--groups video\\,render\\,input\\,lp\\,audio echo-kiosk",
        "python3 -m venv /opt/echo-kiosk/releases/",
        "etc/echo-kiosk/kiosk.yaml",
        "etc/udev/rules.d/60-echo-kiosk-printer.rules",
        'ATTRS{idVendor}=="0416"',
        "etc/systemd/journald.conf.d/echo-kiosk.conf",
        "consoleblank=0",
        "KCFG_GRAPHICS_ROTATION=90",
        "etc/systemd/system/echo-kiosk.service",
        "systemctl enable echo-kiosk.service",
        "systemctl enable --now echo-central.service",
    ):
        assert expected in out, expected


def test_a_real_run_writes_the_files_and_a_second_run_keeps_config_and_data(pi: Path):
    install(pi, "--rotation", "90")
    etc = pi / "etc" / "echo-kiosk"
    assert (etc / "kiosk.yaml").read_text() == (REPO / "config" / "kiosk.yaml").read_text()
    assert (etc / "api-key").stat().st_mode & 0o777 == 0o600
    assert "KCFG_GRAPHICS_ROTATION=90" in (etc / "kiosk.env").read_text()
    for unit in ("system/echo-kiosk.service", "system/echo-central.service"):
        assert (pi / "etc" / "systemd" / unit).is_file()
    assert (pi / "etc" / "systemd" / "user" / "echo-kiosk.service").is_file()
    assert (pi / "etc/udev/rules.d/60-echo-kiosk-printer.rules").is_file()
    assert "SystemMaxUse=" in (pi / "etc/systemd/journald.conf.d/echo-kiosk.conf").read_text()
    readme = REPO / "assets" / "prompts" / "README.md"
    assert (etc / "prompts" / "README.md").read_text() == readme.read_text()

    # The town edits its config, receives its key, records a prompt and the kiosk takes tickets.
    (etc / "kiosk.yaml").write_text("# our own config\n")
    (etc / "prompts" / "home-zh.wav").write_bytes(b"RIFF our voice")
    (etc / "api-key").write_text("the-key\n")
    tickets = pi / "var" / "lib" / "echo-kiosk" / "tickets.sqlite3"
    tickets.write_bytes(b"SQLite format 3\0 tickets")

    install(pi)
    assert (etc / "kiosk.yaml").read_text() == "# our own config\n"
    assert (etc / "api-key").read_text() == "the-key\n"
    assert (etc / "prompts" / "home-zh.wav").read_bytes() == b"RIFF our voice"
    assert "KCFG_GRAPHICS_ROTATION=90" in (etc / "kiosk.env").read_text()
    assert tickets.read_bytes() == b"SQLite format 3\0 tickets"
    backups = list((pi / "var" / "backups" / "echo-kiosk").glob("*/echo-kiosk/tickets.sqlite3"))
    assert [b.read_bytes() for b in backups] == [tickets.read_bytes()]
    cmdline = (pi / "boot" / "firmware" / "cmdline.txt").read_text()
    assert cmdline == CMDLINE + " consoleblank=0\n"  # one line, the option once


def test_rotation_can_be_changed_by_running_it_again(pi: Path):
    install(pi, "--rotation", "90")
    install(pi, "--rotation", "270")
    env = (pi / "etc" / "echo-kiosk" / "kiosk.env").read_text()
    assert re.findall(r"^KCFG_GRAPHICS_ROTATION=.*$", env, re.MULTILINE) == [
        "KCFG_GRAPHICS_ROTATION=270"
    ]


def test_under_a_desktop_the_kiosk_user_logs_in_and_its_session_starts_the_kiosk(pi: Path):
    lightdm = pi / "etc" / "lightdm" / "lightdm.conf"
    lightdm.parent.mkdir(parents=True)
    lightdm.write_text("[LightDM]\n[Seat:*]\nautologin-user=pi\n")
    out = install(pi, "--mode", "desktop")
    assert "autologin-user=echo-kiosk" in lightdm.read_text().splitlines()
    assert "autologin-user=pi" not in lightdm.read_text()
    assert (pi / "etc" / "xdg" / "autostart" / "echo-kiosk.desktop").is_file()
    assert "systemctl disable echo-kiosk.service" in out
    # The user's own systemd reads the key for LoadCredential=, through the group.
    assert (pi / "etc" / "echo-kiosk" / "api-key").stat().st_mode & 0o777 == 0o640


def test_bad_options_are_refused_before_anything_happens(pi: Path):
    for options in (["--rotation", "45"], ["--mode", "x11"], ["--printer", "lp0"], ["--nope"]):
        result = subprocess.run(
            ["bash", str(INSTALL), "--root", str(pi), *options],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr.startswith("install.sh: ")
    assert sorted(p.name for p in pi.iterdir()) == ["boot", "etc"]


def test_it_installs_every_runtime_package_the_development_set_up_needs():
    def packages(text: str, name: str) -> set[str]:
        block = re.search(rf"^{name}=\((.*?)^\)", text, re.MULTILINE | re.DOTALL)
        assert block is not None, name
        return {word for line in block.group(1).splitlines() for word in line.split("#")[0].split()}

    setup = packages((REPO / "scripts" / "setup.sh").read_text(), "runtime_debs")
    assert setup <= packages(INSTALL.read_text(), "debs")


def test_a_dry_run_on_the_real_system_runs_no_command_that_changes_anything(tmp_path: Path):
    """Every command that could change the machine is replaced by one that only notes it was
    called; sed is noted only when editing in place (-i), since it also formats the output."""
    calls = tmp_path / "calls"
    stubs = noting_stubs(tmp_path / "bin", calls, MUTATING)
    # Asking udevd whether it runs changes nothing: answered "yes", not noted.
    (stubs / "udevadm").write_text(
        '#!/bin/sh\ncase "$*" in "control --ping"*) exit 0;; esac\n'
        f'echo "udevadm $*" >> "{calls}"\n'
    )
    result = subprocess.run(
        ["bash", str(INSTALL), "--dry-run", "--central", "--rotation", "90"],
        capture_output=True,
        text=True,
        env={"PATH": f"{stubs}:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(tmp_path)},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not calls.exists(), calls.read_text()
    assert "(not run" not in result.stdout  # the real root: every step is listed as real
    for expected in (
        "+ apt-get update",
        "+ useradd",
        "+ udevadm control --reload",
        "+ systemctl enable echo-kiosk.service",
    ):
        assert expected in result.stdout


def _real_system_dry_run(tmp_path: Path, stubs: dict[str, str], *options: str) -> str:
    """install.sh --dry-run on the real system with the commands in `stubs` (name: sh script)
    in front of the real ones; its output (it must succeed)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, script in stubs.items():
        (folder / name).write_text(f"#!/bin/sh\n{script}\n")
        (folder / name).chmod(0o755)
    result = subprocess.run(
        ["bash", str(INSTALL), "--dry-run", *options],
        capture_output=True,
        text=True,
        env={"PATH": f"{folder}:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(tmp_path)},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_where_udevd_does_not_run_the_udev_reload_is_skipped_with_a_reason(tmp_path: Path):
    out = _real_system_dry_run(tmp_path, {"udevadm": "exit 1"})  # as in a container
    assert "+ udevadm" not in out
    assert "  skipped: udevadm control --reload and trigger (udevd does not run here" in out
    assert "+ systemctl enable echo-kiosk.service" in out  # and the installer carries on


def test_a_failure_inside_a_function_says_the_installer_stopped_half_way(pi: Path):
    # The udev rules folder cannot be made (a file is in its way): `put` fails inside `run`.
    (pi / "etc" / "udev").write_text("not a folder\n")
    result = subprocess.run(
        ["bash", str(INSTALL), "--root", str(pi)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "+ install -D -m 0644" in result.stdout  # it got as far as the udev rule
    assert result.stderr.count("install.sh: stopped half-way") == 1, result.stderr


def test_headless_adds_the_drop_in_and_an_upgrade_without_the_option_keeps_it(pi: Path):
    dropin = pi / "etc/systemd/system/echo-kiosk.service.d/headless.conf"
    install(pi)
    assert not dropin.exists()
    install(pi, "--headless")
    assert dropin.read_text() == (PI / "systemd" / "echo-kiosk-headless.conf").read_text()
    out = install(pi)
    assert dropin.is_file()
    assert "keep " + str(dropin) in out


def test_headless_refuses_the_desktop_mode(pi: Path):
    result = subprocess.run(
        ["bash", str(INSTALL), "--root", str(pi), "--headless", "--mode", "desktop"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr.startswith("install.sh: --headless")) == (2, True)


def test_each_release_names_itself_in_a_release_file(pi: Path):
    install(pi)
    [release] = (pi / "opt" / "echo-kiosk" / "releases").iterdir()
    stamp, source = (release / "RELEASE").read_text().splitlines()
    assert stamp == release.name
    assert source.startswith(f"installed from {REPO}")


def test_an_update_ends_with_the_health_check_and_rollback_goes_to_update_sh(pi: Path):
    out = install(pi, "--update", "--health-timeout", "45")
    assert re.search(r"update\.sh check /opt/echo-kiosk/releases/\S+ '' 0 45", out), out
    refused = subprocess.run(
        ["bash", str(INSTALL), "--rollback", "--root", str(pi)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert "--rollback takes no other option than --restore-data" in refused.stderr
    bad = subprocess.run(
        ["bash", str(INSTALL), "--update", "--health-timeout", "soon", "--root", str(pi)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "--health-timeout is a number of seconds" in bad.stderr
