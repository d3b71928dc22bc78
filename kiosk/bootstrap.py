"""The composition root: builds the adapters the UI and the commands use, from one config file.

No Kivy here, so commands that need no screen (check-config, sync, receipts) start fast
and headless.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.live import LiveConfig
from kiosk.desk import Desk
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.domain.status import SyncStatus
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook

REPO_CONFIG = Path(__file__).resolve().parents[1] / "config" / "kiosk.yaml"
SYSTEM_CONFIG = Path("/etc/echo-kiosk/kiosk.yaml")
SYSTEM_DATA = Path("/var/lib/echo-kiosk")


def default_config_path() -> Path:
    """The installed config when there is one, else the bundled sample (a development clone)."""
    return SYSTEM_CONFIG if SYSTEM_CONFIG.is_file() else REPO_CONFIG


def default_data_dir() -> Path:
    if SYSTEM_DATA.is_dir() and os.access(SYSTEM_DATA, os.W_OK):
        return SYSTEM_DATA
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "echo-kiosk"


def keyboard_attached() -> bool:
    """A USB keyboard on the kiosk: then free text is offered in feedback (never required)."""
    return any(Path("/dev/input/by-path").glob("*-event-kbd")) or any(
        Path("/dev/input/by-id").glob("*-event-kbd")
    )


@dataclass(frozen=True)
class Wiring:
    """Everything outside the UI that the UI is handed."""

    config: LiveConfig
    data_dir: Path
    now: Callable[[], datetime]
    sync_status: Callable[[], SyncStatus]
    book: TicketBook
    desk: Desk
    form: FeedbackForm
    lockdown: bool = True
    keyboard_attached: bool = False
    monotonic: Callable[[], float] = time.monotonic  # the idle timer's clock


def wire(
    *,
    config_path: Path,
    data_dir: Path,
    lockdown: bool = True,
    clock: Callable[[], datetime] | None = None,
) -> Wiring:
    """`clock` replaces the wall clock (tests, screenshots of a fixed day)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    live = LiveConfig.open(config_path, data_dir=data_dir)

    def now() -> datetime:
        if clock is not None:
            return clock()
        return datetime.now(ZoneInfo(live.current.content.community.timezone))

    book = TicketBook.open(data_dir / "tickets.sqlite3")
    outbox = Outbox.open(data_dir / "tickets.sqlite3")
    desk = Desk(book=book, config=lambda: live.current, now=now)

    def sync_status() -> SyncStatus:
        # No sync worker yet: the kiosk is honestly offline, and says how much is waiting.
        counts = outbox.counts()
        oldest = counts.oldest_waiting
        return SyncStatus(
            online=False,
            waiting=counts.waiting,
            oldest_waiting=now() - oldest if oldest is not None else None,
        )

    return Wiring(
        config=live,
        data_dir=data_dir,
        now=now,
        sync_status=sync_status,
        book=book,
        desk=desk,
        form=FeedbackForm(),
        lockdown=lockdown,
        keyboard_attached=keyboard_attached(),
    )
