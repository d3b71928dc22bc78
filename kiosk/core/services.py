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

from kiosk.config.live import LiveConfig
from kiosk.config.model import KioskConfig
from kiosk.core.content import ContentKeeper
from kiosk.core.desk import Desk
from kiosk.core.lookup import TicketLookUp
from kiosk.core.stick import STICK_ROOT
from kiosk.domain.content import Category
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.domain.status import SyncStatus
from kiosk.speech import Speaker
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
    book: TicketBook
    remote: RemoteStore  # what the centre sent: the Echo Wall and its figures
    lookup: TicketLookUp  # finds tickets for the look-up and the Echo Wall
    sync: SyncWorker  # started by the kiosk app, not by one-off commands
    desk: Desk  # stores tickets and prints receipts
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

    def category(self, code: str | None) -> Category | None:
        categories = self.config().content.categories
        return next((c for c in categories if c.code == code), None)
