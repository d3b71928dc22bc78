"""The last good copy: private, whole, and a start on any broken file runs on it."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from kiosk.config.built import BUILT
from kiosk.config.errors import ConfigInvalid, ConfigUnreadable
from kiosk.config.live import LAST_GOOD, LiveConfig
from tests.config.helpers import ConfigFolder, line_of


def test_good_start_keeps_a_private_copy_of_exactly_what_loaded(
    config: ConfigFolder, tmp_path: Path
) -> None:
    config.write(config.sample)
    data = tmp_path / "data"
    data.mkdir()
    (data / (LAST_GOOD + ".tmp")).write_text("stale")  # left by a power cut
    os.chmod(data / (LAST_GOOD + ".tmp"), 0o644)
    LiveConfig.open(config.path, data_dir=data)
    copy = data / LAST_GOOD
    assert copy.read_text(encoding="utf-8") == config.sample
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / BUILT).stat().st_mode) == 0o600  # the same PIN hash is in it
    assert sorted(p.name for p in data.iterdir()) == [BUILT, LAST_GOOD]


@pytest.mark.parametrize(
    "breakage",
    ["nul", "latin1", "fifo", "folder", "huge", "empty"],
)
def test_start_on_a_broken_file_runs_on_the_last_good_copy(
    config: ConfigFolder, tmp_path: Path, breakage: str
) -> None:
    config.write(config.sample)
    data = tmp_path / "data"
    data.mkdir()
    LiveConfig.open(config.path, data_dir=data)
    config.path.unlink()
    if breakage == "nul":
        config.path.write_bytes(config.sample.replace("kiosk_number: 1", "\0").encode())
    elif breakage == "latin1":
        config.path.write_text(config.sample.encode().decode("latin-1"), encoding="utf-8")
    elif breakage == "fifo":
        os.mkfifo(config.path)
    elif breakage == "folder":
        config.path.mkdir()
    elif breakage == "huge":
        config.path.write_text(config.sample + "#" * 2_000_000)
    else:
        config.path.write_bytes(b"")
    live = LiveConfig.open(config.path, data_dir=data)
    assert live.current.content.community.kiosk_number == 1
    assert len(live.errors) == 1
    assert str(live.errors[0]).startswith(f"{config.path}:")
    assert live.errors[0].line is not None


def test_broken_file_without_a_copy_is_one_error(config: ConfigFolder, tmp_path: Path) -> None:
    config.path.write_bytes(b"community:\0\n")
    with pytest.raises(ConfigInvalid):
        LiveConfig.open(config.path, data_dir=tmp_path / "empty")
    config.path.unlink()
    os.mkfifo(config.path)
    with pytest.raises(ConfigUnreadable):
        LiveConfig.open(config.path, data_dir=tmp_path / "empty")


def test_broken_copy_is_not_used_and_the_file_itself_is_reported(
    config: ConfigFolder, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / LAST_GOOD).write_bytes(b"\0")
    text = config.edited(("kiosk_number: 1", "kiosk_number: one"))
    with pytest.raises(ConfigInvalid) as caught:
        LiveConfig.open(config.path, data_dir=data)
    assert caught.value.errors[0].line == line_of(text, "kiosk_number: one")


def test_full_disk_when_keeping_the_copy_is_one_log_line_and_no_temp_file(
    config: ConfigFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A temp file that is a link to /dev/full makes every write fail with ENOSPC, for real."""
    config.write(config.sample)
    data = tmp_path / "data"
    data.mkdir()
    (data / LAST_GOOD).write_text("the old copy")
    tmp = data / (LAST_GOOD + ".tmp")
    tmp.symlink_to("/dev/full")
    with caplog.at_level(logging.INFO, logger="kiosk.config"):
        live = LiveConfig.open(config.path, data_dir=data)
    assert live.current.content.community.kiosk_number == 1
    assert [r.getMessage() for r in caplog.records] == [
        f"could not keep a copy of the good config in {data / LAST_GOOD} (No space left on "
        "device); the kiosk carries on with the config it has"
    ]
    assert not tmp.is_symlink()
    assert (data / LAST_GOOD).read_text() == "the old copy"


def test_copy_that_cannot_be_replaced_is_logged_once_while_edits_still_apply(
    config: ConfigFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config.write(config.sample)
    data = tmp_path / "data"
    (data / LAST_GOOD).mkdir(parents=True)  # rename onto a folder fails (EISDIR)
    on_error: list[object] = []
    with caplog.at_level(logging.ERROR, logger="kiosk.config"):
        live = LiveConfig.open(config.path, data_dir=data)
        live.start(on_change=lambda c: None, on_error=on_error.append)
        try:
            for number in (2, 3):
                config.edited(("kiosk_number: 1", f"kiosk_number: {number}"))
                live.reload_now()
        finally:
            live.stop()
    assert live.current.content.community.kiosk_number == 3
    failures = [r for r in caplog.records if "could not keep a copy" in r.getMessage()]
    assert len(failures) == 1  # said once, not once per save
    assert sorted(p.name for p in data.iterdir()) == [BUILT, LAST_GOOD]
    assert on_error == []
