"""`Services`: everything outside the UI that the screens and the commands are handed.

The composition root (kiosk.cli.compose) fills it once; the UI, the staff commands and the tests
all take this one type, so a newcomer finds every service a screen may use in one place.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config.live import LiveConfig
from kiosk.config.model import KioskConfig
from kiosk.core.content import ContentKeeper
from kiosk.core.office import Later, Office
from kiosk.core.stick import STICK_ROOT
from kiosk.domain.content import Category
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.domain.status import SyncStatus
from kiosk.speech import Speaker

if TYPE_CHECKING:  # the back office's modules are imported when it is made (kiosk.core.office)
    from kiosk.core.desk import Desk
    from kiosk.core.lookup import TicketLookUp
    from kiosk.receipt.status import PrinterState
    from kiosk.store.remote import RemoteStore
    from kiosk.store.ticket_book import TicketBook
    from kiosk.sync import SyncWorker


@dataclass(frozen=True)
class Services:
    """What screens and commands may use; tests build their own."""

    live: LiveConfig  # the staff YAML, reloaded while the kiosk runs
    config: Callable[[], KioskConfig]  # the last good config (the app: the one it has applied)
    data_dir: Path
    now: Callable[[], datetime]  # aware, in the community's time zone
    sync_status: Callable[[], SyncStatus]
    office: Later[Office]  # the book, sync, desk, remote store, look-up: made after the first frame
    form: FeedbackForm  # the report being entered; cleared by the idle reset
    speaker: Speaker  # says each screen's prompt; any touch stops it
    lockdown: bool = True
    keyboard_attached: bool = False
    monotonic: Callable[[], float] = time.monotonic  # the idle timer's clock
    content: ContentKeeper | None = None  # published content from the centre or a stick
    stick_root: Path = STICK_ROOT  # where the system mounts USB sticks (kiosk.core.stick)
    # Fill and draw every screen off the window after start (kiosk.ui.prewarm). Always on in a
    # kiosk; the UI tests that do not look at a first visit's speed leave it off, since drawing
    # 16 screens in software GL adds ~1.5 s to each test's kiosk (tests/ui/conftest.py).
    warm_screens: bool = True

    @property
    def book(self) -> TicketBook:
        return self.office.get().book

    @property
    def sync(self) -> SyncWorker:
        return self.office.get().sync

    @property
    def desk(self) -> Desk:
        return self.office.get().desk

    @property
    def remote(self) -> RemoteStore:
        return self.office.get().remote

    @property
    def lookup(self) -> TicketLookUp:
        return self.office.get().lookup

    def printer_state(self) -> PrinterState | None:
        """What the last print or check found; None before either (and before the desk is made,
        which a screen shown before the first frame must not make)."""
        return self.desk.printer_state if self.office.made else None

    def close(self) -> None:
        """The stores' connections, the last of which checkpoints the WAL into the file; a back
        office never made is not made to be closed."""
        self.speaker.close()
        if self.office.made:
            self.book.close()
            self.remote.close()

    def category(self, code: str | None) -> Category | None:
        categories = self.config().content.categories
        return next((c for c in categories if c.code == code), None)
