from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.store_samples import floor_learned


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tickets.sqlite3"


@pytest.fixture
def book(db_path: Path) -> Iterator[TicketBook]:
    """A kiosk's book after its first heartbeat (the centre held no ticket of kiosks 1 to 9): it
    counts ordinarily. test_sequence_floor.py covers a fresh card that has not heard its floor."""
    floor_learned(db_path, *range(1, 10))
    book = TicketBook.open(db_path)
    yield book
    book.close()


@pytest.fixture
def outbox(db_path: Path, book: TicketBook) -> Iterator[Outbox]:
    """The sync worker's own connection to the same file as `book`."""
    outbox = Outbox.open(db_path)
    yield outbox
    outbox.close()
