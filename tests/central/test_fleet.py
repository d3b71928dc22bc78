"""The kiosk warnings, from hand-made heartbeats and a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from kiosk.central.fleet import Heartbeat, Thresholds, ago, duration, size, warnings

NOW = datetime(2024, 12, 4, 7, 15, tzinfo=UTC)
LIMITS = Thresholds()
HEALTHY = Heartbeat(
    received=NOW - timedelta(minutes=4),
    version="0.1.0",
    uptime_s=3600,
    waiting=0,
    printer="ok",
    config_sha256="a" * 64,
    disk_free_bytes=8 * 1024**3,
)


def codes(beat: Heartbeat | None, now: datetime = NOW) -> list[str]:
    return [w.code for w in warnings(beat, now, LIMITS)]


def test_a_kiosk_that_beats_and_prints_has_no_warning():
    assert codes(HEALTHY) == []


def test_a_kiosk_never_heard_from_says_so():
    assert codes(None) == ["never_seen"]


def test_offline_only_after_the_threshold_without_a_heartbeat():
    beat = replace(HEALTHY, received=NOW - timedelta(minutes=60))
    assert codes(beat) == []
    assert codes(beat, NOW + timedelta(seconds=1)) == ["offline"]
    text = warnings(beat, NOW + timedelta(hours=2), LIMITS)[0].text
    assert "3 小时" in text


def test_printer_paper_out_and_faults_are_told_apart():
    assert codes(replace(HEALTHY, printer="paper_out")) == ["paper_out"]
    assert codes(replace(HEALTHY, printer="offline")) == ["printer"]
    assert codes(replace(HEALTHY, printer="paper_low")) == ["paper_low"]
    assert codes(replace(HEALTHY, printer="none")) == []
    assert codes(replace(HEALTHY, printer="unknown")) == []


def test_items_waiting_over_a_day_count_the_time_since_the_heartbeat():
    beat = replace(HEALTHY, waiting=3, oldest_waiting_s=20 * 3600)
    assert codes(beat) == []
    later = NOW + timedelta(hours=5)
    assert codes(beat, later) == ["offline", "waiting"]
    assert codes(replace(beat, waiting=0), later) == ["offline"]


def test_config_errors_and_low_disk():
    beat = replace(
        HEALTHY,
        config_errors=2,
        config_problem="idle.timeout_seconds: too small",
        disk_free_bytes=100 * 1024**2,
    )
    found = warnings(beat, NOW, LIMITS)
    assert [w.code for w in found] == ["config", "low_disk"]
    assert "idle.timeout_seconds" in found[0].text
    assert "100 MB" in found[1].text


def test_a_full_card_as_the_kiosk_reports_it_is_flagged_low_disk():
    # What kiosk.core.health sends from a full card: 0 bytes, or under the 2 MiB the kiosk's store
    # needs to set its space reserve aside again (kiosk/store/reserve.py PLENTY).
    for free, shown in ((0, "0 MB"), (2 * 1024**2 - 1, "2 MB")):
        found = warnings(replace(HEALTHY, disk_free_bytes=free), NOW, LIMITS)
        assert [w.code for w in found] == ["low_disk"]
        assert f"存储空间不足：只剩 {shown}" == found[0].text


def test_durations_and_sizes_read_naturally():
    assert duration(timedelta(minutes=3, seconds=50)) == "3 分钟"
    assert duration(timedelta(hours=5, minutes=10)) == "5 小时 10 分钟"
    assert duration(timedelta(days=2, hours=4, minutes=1)) == "2 天 4 小时"
    assert ago(timedelta(seconds=20)) == "刚刚"
    assert ago(timedelta(minutes=12)) == "12 分钟前"
    assert size(3 * 1024**3 + 400 * 1024**2) == "3.4 GB"
