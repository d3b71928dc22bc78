"""What the kiosk's heartbeat says about itself: version, printer, config in use, free disk.

Gathered afresh for every heartbeat from the parts that know (the desk's last printer state, the
live config, the data folder), so the sync worker needs none of them. No Kivy, no network.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from kiosk.config.content_store import ContentReport
from kiosk.config.live import LAST_GOOD, LiveConfig
from kiosk.core.release import kiosk_version
from kiosk.receipt.status import PrinterState, PrinterStatus
from kiosk.store.reserve import is_storage_full
from kiosk.sync.heartbeat import Health
from kiosk.wire.printer import PrinterWord

log = logging.getLogger("kiosk.sync")
_PRINTER = {
    PrinterStatus.READY: PrinterWord.OK,
    PrinterStatus.PAPER_LOW: PrinterWord.PAPER_LOW,
    PrinterStatus.UNKNOWN: PrinterWord.UNKNOWN,
    PrinterStatus.NOT_CONFIGURED: PrinterWord.NONE,
}


def printer_word(state: PrinterState | None, printer_type: str) -> str:
    """The heartbeat's word for the printer: its last known state; 'unknown' before a print."""
    if printer_type == "none":
        return PrinterWord.NONE.value
    if state is None:
        return PrinterWord.UNKNOWN.value
    if state.fault is not None:
        return PrinterWord(state.fault.value).value  # a fault's value is its word
    return _PRINTER.get(state.status, PrinterWord.UNKNOWN).value


def config_sha256(live: LiveConfig) -> str:
    """The config in use: the last good copy (the file itself may hold a bad edit)."""
    for path in (live.data_dir / LAST_GOOD, live.path):
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    return ""


def disk_free(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def storage_problem(data_dir: Path) -> str:
    """A sentence for staff when the data folder is (nearly) full, else "".

    Full means writes fail now, or the space reserve is spent and cannot be made again.
    """
    free = disk_free(data_dir)
    if free is None:
        return ""
    if is_storage_full(data_dir, free):
        return (
            f"Storage full: {free // 1024} KiB free in {data_dir}. New reports cannot be "
            "stored; waiting tickets are still sent. Free some space on the SD card."
        )
    return ""


class StorageWatch:
    """Tells the log once when storage fills and once when it has room again, not every check."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problem = ""

    def check(self) -> str:
        problem = storage_problem(self.data_dir)
        if problem and not self.problem:
            log.error("%s", problem)
        elif self.problem and not problem:
            log.info("storage: %s has room again", self.data_dir)
        self.problem = problem
        return problem


def health_source(
    live: LiveConfig,
    printer: Callable[[], PrinterState | None],
    data_dir: Path,
    content: Callable[[], ContentReport] = ContentReport,
) -> Callable[[], Health]:
    """The sync worker's `health` callable for this kiosk; storage is checked at once (the
    log says "storage full" when the kiosk starts on a full disk) and at every heartbeat."""
    storage = StorageWatch(data_dir)
    storage.check()

    def health() -> Health:
        storage.check()
        errors = list(live.errors)
        first = errors[0] if errors else None
        problem = ""
        if first is not None:
            where = f"line {first.line}: " if first.line is not None else ""
            problem = f"{where}{first.key_path + ': ' if first.key_path else ''}{first.message}"
        return Health(
            version=kiosk_version(),
            printer=printer_word(printer(), live.current.printer.type),
            config_sha256=config_sha256(live),
            config_errors=len(errors),
            config_problem=problem[:300],
            disk_free_bytes=disk_free(data_dir),
            content=content(),
        )

    return health
