"""What the heartbeat says about the kiosk itself: the printer word, the config in use, storage."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import shutil
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from kiosk.config.check import log_start_warnings
from kiosk.config.live import LiveConfig
from kiosk.config.loader import load_config
from kiosk.config.paths import REPO_CONFIG
from kiosk.core.health import (
    StorageWatch,
    health_source,
    printer_word,
)
from kiosk.core.release import kiosk_version, release_of, version_text
from kiosk.receipt.status import PrinterFault, PrinterState, PrinterStatus
from tests.fixtures.small_disk import fill, free_space


def test_the_printer_word_is_its_last_state_or_unknown_before_a_print():
    assert printer_word(None, "usb") == "unknown"
    assert printer_word(None, "none") == "none"
    assert printer_word(PrinterState(PrinterStatus.READY, "ok"), "usb") == "ok"
    paper_out = PrinterState.failed(PrinterFault.PAPER_OUT, "no paper")
    assert printer_word(paper_out, "usb") == "paper_out"
    assert printer_word(PrinterState(PrinterStatus.PAPER_LOW, "low"), "usb") == "paper_low"


def test_the_config_in_use_is_hashed_and_a_bad_edit_is_counted(tmp_path: Path):
    config = tmp_path / "kiosk.yaml"
    shutil.copy(REPO_CONFIG, config)
    data = tmp_path / "data"
    data.mkdir()
    live = LiveConfig.open(config, data_dir=data)
    good = hashlib.sha256(config.read_bytes()).hexdigest()
    config.write_text("sync: [broken\n", encoding="utf-8")
    broken = LiveConfig.open(config, data_dir=data)  # runs on the last good copy
    health = health_source(broken, lambda: None, data)()
    assert health.config_sha256 == good
    assert health.config_errors >= 1
    assert health.config_problem
    assert health.disk_free_bytes is not None
    assert health_source(live, lambda: None, data)().config_errors == 0


def test_storage_full_is_logged_once_when_the_card_fills_and_again_only_after_it_had_room(
    small_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.sync")
    watch = StorageWatch(small_disk)

    def full_lines() -> int:
        return len([r for r in caplog.records if "Storage full" in r.getMessage()])

    assert watch.check() == ""
    fill(small_disk)
    for _ in range(3):  # one heartbeat after another on the same full card
        assert watch.check().startswith("Storage full")
    assert full_lines() == 1
    free_space(small_disk)
    assert watch.check() == ""
    assert any("has room again" in r.getMessage() for r in caplog.records)
    fill(small_disk)
    watch.check()
    watch.check()
    assert full_lines() == 2


def test_the_start_up_log_warns_when_phones_cannot_open_the_qr_address(
    caplog: pytest.LogCaptureFixture,
):
    """The sample's public_url is 127.0.0.1: the kiosk runs, the QR code will not open."""
    config = load_config(REPO_CONFIG)
    with caplog.at_level(logging.WARNING, logger="kiosk.config"):
        found = log_start_warnings(config)
    assert len(found) == 1
    assert "central.public_url is http://127.0.0.1:8311/" in caplog.text
    assert "set central.public_url in the kiosk's config file" in caplog.text


def test_the_start_up_log_is_quiet_about_a_public_qr_address(caplog: pytest.LogCaptureFixture):
    config = load_config(REPO_CONFIG)
    public = dataclasses.replace(config.central, public_url="https://echo.ruoqiang.example.cn/")
    with caplog.at_level(logging.WARNING, logger="kiosk.config"):
        assert log_start_warnings(dataclasses.replace(config, central=public)) == []
    assert caplog.text == ""


@pytest.fixture
def installed_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An interpreter run the way the unit runs it: through /opt/echo-kiosk/current, a link to
    releases/<stamp>, whose RELEASE file the installer wrote."""
    release = tmp_path / "releases" / "20261206-071500"
    release.mkdir(parents=True)
    (release / "RELEASE").write_text("20261206-071500\n", encoding="utf-8")
    (tmp_path / "current").symlink_to(release)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "current"))
    kiosk_version.cache_clear()
    yield release
    kiosk_version.cache_clear()


def test_an_installed_kiosk_reports_its_package_version_and_release(installed_release: Path):
    package = metadata.version("echo-kiosk")
    assert kiosk_version() == f"{package} (20261206-071500)"


def test_the_version_stays_that_of_the_release_running_after_current_is_switched(
    installed_release: Path, tmp_path: Path
):
    before = kiosk_version()
    newer = tmp_path / "releases" / "20261207-080000"
    newer.mkdir()
    (newer / "RELEASE").write_text("20261207-080000\n", encoding="utf-8")
    (tmp_path / "current").unlink()
    (tmp_path / "current").symlink_to(newer)
    assert kiosk_version() == before, "this process still runs the old release"
    assert release_of(tmp_path / "current") == "20261207-080000"


def test_a_development_checkout_reports_the_package_version_alone(tmp_path: Path):
    assert release_of(tmp_path) == ""
    assert version_text("0.1.0", "") == "0.1.0"
    assert version_text("0.1.0", "20261206-071500") == "0.1.0 (20261206-071500)"
