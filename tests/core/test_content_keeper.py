"""The content keeper (issue 19): a published version is checked as this kiosk can use it, shown
at once, kept across a restart; one it cannot use leaves the last good on the screen and says
why; a stick and the centre take turns by who published last."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.content_folder import version_digest
from kiosk.config.content_store import ContentReport, ContentStore
from kiosk.config.live import LiveConfig
from kiosk.config.model import KioskConfig
from kiosk.core.content import ContentKeeper
from tests.fixtures.content_files import SAMPLE, offer, png, sample_content, with_notice
from tests.fixtures.small_disk import fill, free_space

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=ZONE)


class Kiosk:
    """One kiosk's own file and data folder, opened as the kiosk opens them at start."""

    def __init__(self, folder: Path, data_dir: Path | None = None) -> None:
        self.config = folder / "kiosk.yaml"
        if not self.config.exists():
            shutil.copy(SAMPLE, self.config)
        self.data_dir = data_dir or folder / "data"
        self.start()

    def start(self) -> None:
        self.live = LiveConfig.open(self.config, data_dir=self.data_dir)
        self.keeper = ContentKeeper(self.live, self.data_dir, now=lambda: NOW)

    def shown(self) -> str:
        return self.live.current.content.notices[0].title.get("zh")

    def publish(
        self,
        version: int,
        title: str,
        files: dict[str, bytes] | None = None,
        *,
        at: str = "2026-12-06T09:00:00+08:00",
    ) -> str:
        files = files or {}
        image = next(iter(files), None)
        text = with_notice(sample_content(), f"n{version}", title, image=image)
        return offer(self.keeper, version, text, files, at=at)


@pytest.fixture
def kiosk(tmp_path: Path) -> Kiosk:
    return Kiosk(tmp_path)


def test_a_published_version_is_shown_at_once_and_after_a_restart(kiosk: Kiosk) -> None:
    seen: list[KioskConfig] = []
    kiosk.live.start(on_change=seen.append, on_error=lambda _e: None)
    try:
        assert kiosk.publish(3, "周五停水", {"poster.png": png(800, 600)}) == ""
    finally:
        kiosk.live.stop()
    assert kiosk.shown() == "周五停水"
    assert [c.content.notices[0].title.get("zh") for c in seen] == ["周五停水"]
    assert kiosk.keeper.report() == ContentReport(version=3)
    kiosk.start()  # the power is cut and comes back
    assert kiosk.shown() == "周五停水"
    assert kiosk.live.current.content.notices[0].image is not None


def test_a_version_this_kiosk_cannot_show_leaves_the_last_good_and_says_why(kiosk: Kiosk) -> None:
    assert kiosk.publish(1, "小海报") == ""
    problem = kiosk.publish(2, "大海报", {"wide.png": png(5000, 20)})
    assert "wide.png is 5000x20 pixels" in problem
    assert kiosk.shown() == "小海报"
    assert kiosk.keeper.report() == ContentReport(version=1, refused=2, problem=problem)
    assert kiosk.keeper.etag() == f'"{ContentStore(kiosk.data_dir).state().seen}"'
    kiosk.start()
    assert kiosk.shown() == "小海报"
    assert kiosk.keeper.report().refused == 2  # the kiosks page keeps saying why


def test_a_picture_that_does_not_decode_is_refused(kiosk: Kiosk) -> None:
    broken = png(300, 200)[:200]  # the header is whole, the pixels are cut off
    assert "cannot be shown" in kiosk.publish(1, "坏图", {"cut.png": broken})
    assert kiosk.shown() != "坏图"


def test_a_stick_stays_until_the_centre_publishes_something_newer(kiosk: Kiosk) -> None:
    text = with_notice(sample_content(), "stick", "U盘通知")
    assert kiosk.keeper.offer_stick(text, {}) == ""
    assert kiosk.shown() == "U盘通知"
    assert kiosk.publish(4, "旧的中心版", at="2026-12-06T09:59:00+08:00") == ""
    assert kiosk.shown() == "U盘通知"
    assert kiosk.publish(5, "新的中心版", at="2026-12-06T10:01:00+08:00") == ""
    assert kiosk.shown() == "新的中心版"


def test_a_version_half_written_at_a_power_cut_is_written_again(kiosk: Kiosk) -> None:
    text = with_notice(sample_content(), "n1", "停电之后")
    half = kiosk.data_dir / "content" / f"v1-{version_digest(text, {})[:12]}.partial"
    half.mkdir(parents=True)
    (half / "content.yaml").write_text(text[:100], encoding="utf-8")
    kiosk.start()
    assert kiosk.shown() != "停电之后"  # nothing half written is ever used
    assert kiosk.publish(1, "停电之后") == ""
    assert kiosk.shown() == "停电之后"
    assert not half.exists()


def test_a_full_disk_keeps_what_is_shown_and_says_so(small_disk: Path, tmp_path: Path) -> None:
    kiosk = Kiosk(tmp_path, data_dir=small_disk / "data")
    assert kiosk.publish(1, "第一版") == ""
    filler = fill(small_disk)
    problem = kiosk.publish(2, "第二版", {"big.png": png(1200, 900, "#123456")})
    assert "could not be stored on this kiosk" in problem
    assert kiosk.shown() == "第一版"
    filler.unlink()
    free_space(small_disk)
    kiosk.start()
    assert kiosk.shown() == "第一版"
    second = {"big.png": png(1200, 900, "#123456")}
    unsent = version_digest(with_notice(sample_content(), "n2", "第二版", image="big.png"), second)
    assert kiosk.keeper.etag() != f'"{unsent}"'  # so the next round fetches it again
    assert kiosk.publish(2, "第二版", second) == ""
    assert kiosk.shown() == "第二版"


def test_a_version_another_process_put_in_use_reaches_the_running_kiosks_screen(
    kiosk: Kiosk,
) -> None:
    running = kiosk.live  # the kiosk on the screen
    once = Kiosk(kiosk.config.parent, data_dir=kiosk.data_dir)  # `kiosk sync --once` beside it
    assert once.publish(7, "命令行同步来的") == ""
    assert running.current.content.notices[0].title.get("zh") != "命令行同步来的"
    kiosk.keeper.etag()  # the running kiosk's next round starts here
    assert running.current.content.notices[0].title.get("zh") == "命令行同步来的"
