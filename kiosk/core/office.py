"""The back office: the services no screen needs before the kiosk's first frame, made on first use.

The ticket book, sending and pulling (`kiosk.sync`), storing tickets and printing receipts (the
desk), the centre's answers (the remote store) and the look-up together cost a cold start ~30
ms of imports and opening three SQLite connections before the home screen could show (issue
18, benchmark 1). The kiosk makes them when its first frame is on the window (it starts the sync
thread there); a command makes them when it first asks for one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # only the types: importing the modules is what is put off
    from kiosk.core.desk import Desk
    from kiosk.core.lookup import TicketLookUp
    from kiosk.store.remote import RemoteStore
    from kiosk.store.ticket_book import TicketBook
    from kiosk.sync import SyncWorker

T = TypeVar("T")


class OfficeUnavailableError(Exception):
    """Its store cannot be opened (a full card with no reserve left, a file from a newer release):
    said to staff in one line. A kiosk stops then, as it did when the store was opened before
    its first frame, and systemd starts it again."""


@dataclass(frozen=True)
class Office:
    book: TicketBook  # the tickets and their outbox, in one SQLite file
    sync: SyncWorker  # started by the kiosk app, not by one-off commands
    desk: Desk  # stores tickets and prints receipts
    remote: RemoteStore  # what the centre sent: the Echo Wall and its figures
    lookup: TicketLookUp  # finds tickets for the look-up and the Echo Wall


class Later(Generic[T]):
    """Made once, by whichever thread asks first (the UI's and the sync worker's may ask at
    the same moment); every copy of the services shares the one made."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._made: T | None = None

    @classmethod
    def ready(cls, thing: T) -> Later[T]:
        later = cls(lambda: thing)
        later._made = thing
        return later

    @property
    def made(self) -> bool:
        return self._made is not None

    def get(self) -> T:
        made = self._made
        if made is None:
            with self._lock:
                if self._made is None:
                    self._made = self._make()
                made = self._made
        return made
