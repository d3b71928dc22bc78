"""The back office's making (kiosk.core.office): the ticket book, the sync worker, the desk, the
centre's answers and the look-up, wired to each other and to what the composition root made
before them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kiosk.config.live import LiveConfig
from kiosk.core.content import ContentKeeper
from kiosk.core.desk import Desk
from kiosk.core.health import health_source
from kiosk.core.lookup import TicketLookUp
from kiosk.core.office import Office, OfficeUnavailableError
from kiosk.store.db import TICKETS
from kiosk.store.errors import StoreError
from kiosk.store.remote import RemoteStore
from kiosk.store.reserve import keep_reserve
from kiosk.store.ticket_book import TicketBook
from kiosk.sync import SyncWorker


def open_office(
    *,
    live: LiveConfig,
    content: ContentKeeper,
    data_dir: Path,
    now: Callable[[], datetime],
) -> Office:
    """Raises OfficeUnavailableError, with the store's own sentence, when the store refuses."""
    try:
        return _open(live=live, content=content, data_dir=data_dir, now=now)
    except StoreError as error:
        raise OfficeUnavailableError(str(error)) from error
    except sqlite3.Error as error:  # a file that is not a database, a card that went read-only
        raise OfficeUnavailableError(f"{data_dir / TICKETS}: {error}") from error


def _open(
    *,
    live: LiveConfig,
    content: ContentKeeper,
    data_dir: Path,
    now: Callable[[], datetime],
) -> Office:
    book = TicketBook.open(data_dir / TICKETS)  # gives the space reserve back on a full disk
    keep_reserve(data_dir)
    sync = SyncWorker.open(
        data_dir / TICKETS,
        config=lambda: live.current,
        now=now,
        # the desk is made next (it wakes the worker); the heartbeat reads it only later
        health=health_source(live, lambda: desk.printer_state, data_dir, content.report),
        content=content,
    )
    desk = Desk(book=book, config=lambda: live.current, now=now, stored=sync.wake)
    remote = RemoteStore.open(data_dir / TICKETS)
    lookup = TicketLookUp(
        book=book,
        remote=remote,
        categories=lambda: live.current.content.categories,
        zone=lambda: now().tzinfo or UTC,
        ask_centre=sync.look_up,
    )
    return Office(book=book, sync=sync, desk=desk, remote=remote, lookup=lookup)
