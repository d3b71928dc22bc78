"""What the kiosk reads from a USB stick (issue 19): the content file and the pictures it names,
as plain files only; a link on the stick is never followed, whatever it points at."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config.live import LiveConfig
from kiosk.core.content import ContentKeeper
from kiosk.core.stick import STICK_FOLDER, StickResult, StickWatcher
from tests.fixtures.content_files import SAMPLE, png, sample_content, with_notice, write_content


def _watcher(tmp_path: Path, told: list[StickResult]) -> tuple[LiveConfig, StickWatcher]:
    shutil.copy(SAMPLE, tmp_path / "kiosk.yaml")
    live = LiveConfig.open(tmp_path / "kiosk.yaml", data_dir=tmp_path / "data")
    keeper = ContentKeeper(live, tmp_path / "data", now=lambda: datetime.now(UTC))
    return live, StickWatcher(keeper, on_result=told.append, root=tmp_path / "usb")


def test_a_picture_that_is_a_link_on_the_stick_is_not_followed(tmp_path: Path) -> None:
    told: list[StickResult] = []
    live, watcher = _watcher(tmp_path, told)
    secret = tmp_path / "elsewhere.png"  # a file of the kiosk's own, outside the stick
    secret.write_bytes(png(40, 30))
    folder = tmp_path / "usb" / "sda1" / STICK_FOLDER
    text = with_notice(sample_content(), "link", "链接图片", image="poster.png")
    write_content(folder, text)
    (folder / "poster.png").symlink_to(secret)
    before = live.current
    watcher.check_now()
    assert told == [StickResult(problem=f"{STICK_FOLDER}/poster.png: not a plain file, or too big")]
    assert live.current == before


def test_a_content_file_that_is_a_link_is_not_read_at_all(tmp_path: Path) -> None:
    told: list[StickResult] = []
    live, watcher = _watcher(tmp_path, told)
    real = write_content(tmp_path / "elsewhere", with_notice(sample_content(), "x", "别处的文件"))
    folder = tmp_path / "usb" / "sda1" / STICK_FOLDER
    folder.mkdir(parents=True)
    (folder / "content.yaml").symlink_to(real)
    assert watcher.check_now() == []
    assert told == []
    assert all(n.id != "x" for n in live.current.content.notices)


def test_the_same_stick_is_read_once_and_again_when_plugged_in_again(tmp_path: Path) -> None:
    told: list[StickResult] = []
    _live, watcher = _watcher(tmp_path, told)
    stick = tmp_path / "usb" / "sdb1"
    write_content(stick / STICK_FOLDER, with_notice(sample_content(), "s", "U盘"))
    assert watcher.check_now() == [StickResult(problem="", notices=5)]
    assert watcher.check_now() == []  # still plugged in: nothing new
    shutil.rmtree(stick)  # pulled out (the mount point goes with it)
    assert watcher.check_now() == []
    write_content(stick / STICK_FOLDER, with_notice(sample_content(), "s", "U盘"))
    assert watcher.check_now() == [StickResult(problem="", notices=5)]
    assert len(told) == 2
