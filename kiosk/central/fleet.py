"""The kiosk fleet at a glance: which kiosk needs a visit, from its last heartbeat and the clock.

Pure functions over plain values, so every rule is tested with hand-made heartbeats and a fixed
`now`; the staff page (kiosks_page.py) only renders what `warnings` says. A kiosk that stopped
beating keeps its last numbers, aged by the time since: a queue that was 20 hours old when the
kiosk went dark is over a day old three hours later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.wire.printer import FAULTS, PrinterWord

PRINTER_STATES = tuple(word.value for word in PrinterWord)  # what a heartbeat may say
PRINTER_FAULTS = frozenset(word.value for word in FAULTS)
PRINTER_LABELS: dict[str, str] = {
    PrinterWord.OK: "正常",
    PrinterWord.PAPER_LOW: "纸快用完",
    PrinterWord.PAPER_OUT: "缺纸",
    PrinterWord.COVER_OPEN: "纸仓盖未关",
    PrinterWord.OFFLINE: "脱机",
    PrinterWord.NOT_CONNECTED: "未连接",
    PrinterWord.TIMEOUT: "无响应",
    PrinterWord.ERROR: "故障",
    PrinterWord.NONE: "未配置打印机",
    PrinterWord.UNKNOWN: "未知",
}


@dataclass(frozen=True)
class Heartbeat:
    """What a kiosk last reported, and when the centre received it (aware, UTC)."""

    received: datetime
    version: str = ""
    uptime_s: int | None = None
    waiting: int | None = None
    oldest_waiting_s: int | None = None
    printer: str = "unknown"
    config_sha256: str = ""
    config_errors: int = 0
    config_problem: str = ""
    disk_free_bytes: int | None = None


@dataclass(frozen=True)
class Thresholds:
    offline: timedelta = timedelta(hours=1)
    waiting: timedelta = timedelta(days=1)
    low_disk_bytes: int = 500 * 1024 * 1024


@dataclass(frozen=True)
class KioskWarning:
    code: str  # offline, never_seen, paper_out, paper_low, printer, waiting, config, low_disk
    text: str  # for staff, in Chinese like the rest of the staff pages


def warnings(beat: Heartbeat | None, now: datetime, limits: Thresholds) -> list[KioskWarning]:
    """Everything wrong with one kiosk, most urgent first; [] when all is well."""
    if beat is None:
        return [KioskWarning("never_seen", "从未收到心跳：终端未开机、未联网或 API 密钥不对")]
    found: list[KioskWarning] = []
    silent = now - beat.received
    if silent > limits.offline:
        found.append(KioskWarning("offline", f"离线：已 {duration(silent)} 没有心跳"))
    if beat.printer == PrinterWord.PAPER_OUT:
        found.append(KioskWarning("paper_out", "打印机缺纸：居民拿不到回执"))
    elif beat.printer in PRINTER_FAULTS:
        found.append(KioskWarning("printer", f"打印机{PRINTER_LABELS[beat.printer]}"))
    elif beat.printer == PrinterWord.PAPER_LOW:
        found.append(KioskWarning("paper_low", "打印纸快用完"))
    oldest = oldest_waiting(beat, now)
    if oldest is not None and oldest > limits.waiting:
        found.append(
            KioskWarning("waiting", f"{beat.waiting} 件未上传，最早的已等 {duration(oldest)}")
        )
    if beat.config_errors > 0:
        why = f"：{beat.config_problem}" if beat.config_problem else ""
        found.append(
            KioskWarning("config", f"配置有 {beat.config_errors} 处错误，仍在用上次正确的配置{why}")
        )
    if beat.disk_free_bytes is not None and beat.disk_free_bytes < limits.low_disk_bytes:
        found.append(KioskWarning("low_disk", f"存储空间不足：只剩 {size(beat.disk_free_bytes)}"))
    return found


def oldest_waiting(beat: Heartbeat, now: datetime) -> timedelta | None:
    """The oldest unsent item's age now, assuming nothing was sent since the heartbeat."""
    if not beat.waiting or beat.oldest_waiting_s is None:
        return None
    return timedelta(seconds=beat.oldest_waiting_s) + max(now - beat.received, timedelta(0))


def duration(span: timedelta) -> str:
    """'3 分钟', '5 小时 10 分钟', '2 天 4 小时': the two largest units that matter."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    if hours:
        return f"{hours} 小时 {minutes} 分钟" if minutes else f"{hours} 小时"
    return f"{minutes} 分钟"


def ago(span: timedelta) -> str:
    """'刚刚' under a minute, else '12 分钟前'."""
    if span < timedelta(minutes=1):
        return "刚刚"
    return f"{duration(span)}前"


def size(count: int) -> str:
    """Bytes for people: '812 MB', '3.4 GB'."""
    mb = count / (1024 * 1024)
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"
