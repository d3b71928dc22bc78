"""A USB stick as a staff member makes it (FAT, from their own computer), mounted by the Pi's own
script the way its udev rule and unit run it: read-only, nothing on it runs, and the kiosk's
stick watcher takes its content (issue 19). A loop device stands in for the USB port; root is
needed to make one, so the test skips without."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.config.live import LiveConfig
from kiosk.core.content import ContentKeeper
from kiosk.core.stick import STICK_FOLDER, StickResult, StickWatcher
from tests.deploy.tools import PI, need
from tests.fixtures.content_files import SAMPLE, png, sample_content, with_notice, write_content

MOUNT = PI / "usb-mount.sh"
# What staff's computers make (FAT), and a Linux stick; each where this kernel can mount it.
MAKE = {
    "vfat": ("mkfs.vfat", "dosfstools", "-n", "STAFF"),
    "ext4": ("mkfs.ext4", "e2fsprogs", "-q"),
}


def _kernel_has(fstype: str) -> bool:
    text = Path("/proc/filesystems").read_text(encoding="ascii")
    return fstype in {line.split()[-1] for line in text.splitlines() if line.strip()}


def _run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, env=env
    )


@pytest.fixture(params=sorted(MAKE))
def stick(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A stick holding the content folder and a script, on a loop device; its device name."""
    fstype = str(request.param)
    if os.geteuid() != 0:
        pytest.skip("needs root for a loop device")
    if not _kernel_has(fstype):
        pytest.skip(f"this kernel cannot mount {fstype} (a Pi's can)")
    tool, package, *options = MAKE[fstype]
    image = tmp_path / "stick.img"
    with image.open("wb") as out:
        out.truncate(8 * 1024 * 1024)
    assert _run(need(tool, package), *options, image).returncode == 0
    attached = _run("losetup", "--find", "--show", image)
    if attached.returncode != 0:
        pytest.skip(f"no loop device here: {attached.stderr.strip()}")
    device = attached.stdout.strip()
    try:
        writable = tmp_path / "writable"
        writable.mkdir()
        assert _run("mount", device, writable).returncode == 0
        text = with_notice(sample_content(), "stick", "U盘来的通知", image="poster.png")
        write_content(writable / STICK_FOLDER, text, {"poster.png": png(320, 200)})
        script = writable / "run-me.sh"
        script.write_text("#!/bin/sh\ntouch /tmp/echo-kiosk-stick-ran\n")
        script.chmod(0o755)
        assert _run("umount", writable).returncode == 0
        yield Path(device).name
    finally:
        _run("losetup", "--detach", device)


def test_a_stick_is_mounted_read_only_runs_nothing_and_its_content_is_taken(
    stick: str, tmp_path: Path
) -> None:
    root = tmp_path / "usb"
    env = {**os.environ, "ECHO_KIOSK_USB_ROOT": str(root), "ECHO_KIOSK_USER": "root"}
    mounted = _run("sh", MOUNT, "mount", stick, env=env)
    assert mounted.returncode == 0, mounted.stderr
    point = root / stick
    try:
        options = _run("findmnt", "--noheadings", "--output", "OPTIONS", point).stdout
        for option in ("ro", "nosuid", "nodev", "noexec"):
            assert option in options.strip().split(","), options
        with pytest.raises(OSError, match="Read-only file system"):
            (point / "new-file").write_text("x")
        with pytest.raises(PermissionError):  # noexec: the kernel will not run it
            _run(point / "run-me.sh")
        assert not Path("/tmp/echo-kiosk-stick-ran").exists()

        shutil.copy(SAMPLE, tmp_path / "kiosk.yaml")
        live = LiveConfig.open(tmp_path / "kiosk.yaml", data_dir=tmp_path / "data")
        keeper = ContentKeeper(live, tmp_path / "data", now=lambda: datetime.now(UTC))
        told: list[StickResult] = []
        StickWatcher(keeper, on_result=told.append, root=root).check_now()
        assert told == [StickResult(problem="", notices=5)]
        assert live.current.content.notices[0].image is not None
    finally:
        _run("sh", MOUNT, "unmount", stick, env=env)
    assert not point.exists()


def test_the_script_refuses_a_name_that_is_not_a_device(tmp_path: Path) -> None:
    env = {**os.environ, "ECHO_KIOSK_USB_ROOT": str(tmp_path)}
    done = _run("sh", MOUNT, "mount", "../../etc", env=env)
    assert done.returncode == 2
    assert "not a device name" in done.stderr
