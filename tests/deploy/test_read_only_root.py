"""install.sh --read-only-root DEVICE: which partitions it takes, and that a dry run on the real
system lists every step and changes nothing. Booting with it (overlay, data on its own partition,
power cuts) is deploy/raspberrypi/test-vm.sh's part: it needs a kernel of its own."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.tools import INSTALL, MUTATING, need, noting_stubs

MUTATING_HERE = (*MUTATING, "mkfs.ext4", "mount", "update-initramfs", "sync", "journalctl")


def _install(
    *options: str, path: str = "/usr/bin:/bin:/usr/sbin:/sbin"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(INSTALL), *options],
        capture_output=True,
        text=True,
        env={"PATH": path, "HOME": "/nonexistent"},
        check=False,
        timeout=60,
    )


@pytest.fixture
def partition(tmp_path: Path) -> Iterator[str]:
    """A loop device on a 64 MiB file: a partition with no file system yet."""
    if os.geteuid() != 0:
        pytest.fail("loop devices need root: run the deploy tests as root (CI does)")
    need("losetup", "mount")
    backing = tmp_path / "sd-card-part3.img"
    with backing.open("wb") as file:
        file.truncate(64 << 20)
    device = subprocess.run(
        ["losetup", "--find", "--show", str(backing)], capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        yield device
    finally:
        subprocess.run(["losetup", "--detach", device], check=False)


def _fs_type(device: str) -> str:
    found = subprocess.run(
        ["blkid", "-p", "-o", "value", "-s", "TYPE", device],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip()


def test_it_needs_a_partition_and_names_one_when_not_given():
    for options, said in (
        (["--read-only-root"], "needs the data partition, e.g. --read-only-root /dev/sda1"),
        (["--read-only-root", "--dry-run"], "needs the data partition"),
        (["--read-only-root", "/dev/null", "--dry-run"], "'/dev/null' is not one"),
        (["--read-only-root", "/dev/sda1", "--central"], "no other option than --dry-run"),
        (["--read-write-root", "--central"], "no other option than --dry-run"),
    ):
        result = _install(*options)
        assert result.returncode == 2, (options, result.stdout, result.stderr)
        assert said in result.stderr, (options, result.stderr)


def test_a_partition_holding_another_file_system_is_never_formatted_over(partition: str):
    subprocess.run(["mkfs.ext4", "-q", "-L", "photos", partition], check=True)
    result = _install("--read-only-root", partition, "--dry-run")
    assert result.returncode == 2
    assert (
        "already holds a ext4 file system labelled photos: it is not formatted over"
        in result.stderr
    )
    assert f"sudo wipefs -a {partition}" in result.stderr
    assert (
        subprocess.run(
            ["blkid", "-p", "-o", "value", "-s", "LABEL", partition],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        == "photos"
    )


def test_a_dry_run_on_an_empty_partition_lists_every_step_and_changes_nothing(
    partition: str, tmp_path: Path
):
    calls = tmp_path / "calls"
    stubs = noting_stubs(tmp_path / "bin", calls, MUTATING_HERE)
    # Asking which units are enabled changes nothing: answered "enabled", not noted.
    (stubs / "systemctl").write_text(
        '#!/bin/sh\ncase "$1" in is-enabled) echo enabled; exit 0;; esac\n'
        f'echo "systemctl $*" >> "{calls}"\n'
    )
    result = _install(
        "--read-only-root", partition, "--dry-run", path=f"{stubs}:/usr/bin:/bin:/usr/sbin:/sbin"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not calls.exists(), calls.read_text()
    assert _fs_type(partition) == ""  # still empty
    out = result.stdout
    for expected in (
        f"+ mkfs.ext4 -q -L echo-data {partition}",
        "+ systemctl stop echo-kiosk.service echo-central.service",
        "+ journalctl --relinquish-var",
        "data-partition.conf: RequiresMountsFor=/var/lib/echo-kiosk /etc/echo-kiosk",
        "+ journalctl --flush",
        "+ systemctl start echo-kiosk.service echo-central.service",
        f"+ mount -o data=journal {partition} /srv/echo-data",
        "/srv/echo-data ext4 defaults,noatime,data=journal,errors=remount-ro,nofail,"
        # A slow stick after a power cut is waited for: 30 s left the kiosk dark in the VM test.
        "x-systemd.device-timeout=5min 0 2",
        "/srv/echo-data/kiosk /var/lib/echo-kiosk none bind,nofail,x-systemd.requires-mounts-for=",
        "/srv/echo-data/etc /etc/echo-kiosk none bind",
        "/srv/echo-data/journal /var/log/journal none bind",
        'overlayroot="tmpfs:recurse=0"',
        "+ update-initramfs -u -k all",
        "Now:   sudo reboot",
    ):
        assert expected in out, expected


def test_read_write_root_on_a_machine_never_made_read_only_does_nothing():
    result = _install("--read-write-root", "--dry-run")
    assert result.returncode == 0, result.stderr
    if Path("/etc/overlayroot.local.conf").exists():  # pragma: no cover - not on a test machine
        pytest.fail("this machine has /etc/overlayroot.local.conf: run the test elsewhere")
    assert "the root was never made read-only here; nothing to do" in result.stdout


@pytest.mark.parametrize("options", [["--update"], [], ["--rollback"]])
def test_on_the_read_only_root_install_update_and_rollback_refuse_and_say_the_way(
    tmp_path: Path, options: list[str]
):
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "findmnt").write_text(  # what findmnt says on a Pi booted with overlayroot
        '#!/bin/sh\ncase "$*" in *SOURCE*) echo overlayroot;; *) echo overlay;; esac\n'
    )
    (stubs / "findmnt").chmod(0o755)
    result = _install(*options, path=f"{stubs}:/usr/bin:/bin:/usr/sbin:/sbin")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the SD card's system is read-only (install.sh --read-only-root)" in result.stderr
    assert "--read-write-root and reboot" in result.stderr
