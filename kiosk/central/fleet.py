"""The kiosk fleet at a glance: which kiosk needs a visit, from its last heartbeat and the clock.

Pure functions over plain values, so every rule is tested with hand-made heartbeats and a fixed
`now`; the staff page (kiosks_page.py) only renders what `warnings` says. A kiosk that stopped
beating keeps its last numbers, aged by the time since: a queue that was 20 hours old when the
kiosk went dark is over a day old three hours later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.central.i18n import staff_text as _w
from kiosk.wire.printer import FAULTS, PrinterWord

PRINTER_STATES = tuple(word.value for word in PrinterWord)  # what a heartbeat may say
PRINTER_FAULTS = frozenset(word.value for word in FAULTS)
# A fault reads as the kiosk's own status line says it (copy review 2026-12-05, fleet.py:31-32).
PRINTER_LABELS: dict[str, str] = {
    PrinterWord.OK: _w("office_ok"),
    PrinterWord.PAPER_LOW: _w("office_printer_paper_low"),
    PrinterWord.PAPER_OUT: _w("printer_paper_out"),
    PrinterWord.COVER_OPEN: _w("printer_cover_open"),
    PrinterWord.OFFLINE: _w("printer_offline"),
    PrinterWord.NOT_CONNECTED: _w("printer_not_connected"),
    PrinterWord.TIMEOUT: _w("printer_timeout"),
    PrinterWord.ERROR: _w("printer_error"),
    PrinterWord.NONE: _w("office_printer_none"),
    PrinterWord.UNKNOWN: _w("office_printer_unknown"),
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
    content_version: int | None = None  # the published content it runs (issue 19)
    content_refused: int | None = None  # a published version it could not use
    content_problem: str = ""  # why


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
        return [KioskWarning("never_seen", _w("office_never_seen"))]
    found: list[KioskWarning] = []
    silent = now - beat.received
    if silent > limits.offline:
        found.append(KioskWarning("offline", _w("office_silent", duration=duration(silent))))
    if beat.printer == PrinterWord.PAPER_OUT:
        found.append(KioskWarning("paper_out", _w("office_paper_out")))
    elif beat.printer in PRINTER_FAULTS:
        found.append(KioskWarning("printer", PRINTER_LABELS[beat.printer]))
    elif beat.printer == PrinterWord.PAPER_LOW:
        found.append(KioskWarning("paper_low", _w("office_paper_low")))
    oldest = oldest_waiting(beat, now)
    if oldest is not None and oldest > limits.waiting:
        found.append(
            KioskWarning(
                "waiting", _w("office_unsent", count=beat.waiting, duration=duration(oldest))
            )
        )
    if beat.config_errors > 0:
        said = _w("office_config_errors", count=beat.config_errors)
        if beat.config_problem:
            said += _w("office_colon") + beat.config_problem
        found.append(KioskWarning("config", said))
    if beat.content_refused is not None:  # the reason is in the content column beside it
        said = _w("office_content_refused_warning", version=beat.content_refused)
        found.append(KioskWarning("content", said))
    if beat.disk_free_bytes is not None and beat.disk_free_bytes < limits.low_disk_bytes:
        found.append(
            KioskWarning("low_disk", _w("office_low_disk", size=size(beat.disk_free_bytes)))
        )
    return found


def oldest_waiting(beat: Heartbeat, now: datetime) -> timedelta | None:
    """The oldest unsent item's age now, assuming nothing was sent since the heartbeat."""
    if not beat.waiting or beat.oldest_waiting_s is None:
        return None
    return timedelta(seconds=beat.oldest_waiting_s) + max(now - beat.received, timedelta(0))


def duration(span: timedelta) -> str:
    """'3 minutes', '5 hours 10 minutes', '2 days 4 hours': the two largest units that matter."""
    minutes = max(int(span.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        if hours:
            return _w("office_days_hours", days=days, hours=hours)
        return _w("office_days", days=days)
    if hours:
        if minutes:
            return _w("office_hours_minutes", hours=hours, minutes=minutes)
        return _w("office_hours", hours=hours)
    return _w("office_minutes", minutes=minutes)


def ago(span: timedelta) -> str:
    """'just now' under a minute, else '12 minutes ago'."""
    if span < timedelta(minutes=1):
        return _w("office_just_now")
    return _w("office_ago", duration=duration(span))


def size(count: int) -> str:
    """Bytes for people: '812 MB', '3.4 GB'."""
    mb = count / (1024 * 1024)
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{mb:.0f} MB"
