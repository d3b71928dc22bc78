"""The centre's ticket sequence as the floor of this kiosk's numbering (a fresh SD card)."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.ticket_code import make_code
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook

from .samples import ARTICLE_DAY, REPAIR, draft


def _code(book: TicketBook, kiosk: int = 1) -> str:
    return book.submit(draft(), category=REPAIR, kiosk_number=kiosk, now=ARTICLE_DAY).code


def test_a_fresh_book_continues_after_the_floor(book: TicketBook, db_path: Path):
    remote = RemoteStore.open(db_path)
    try:
        assert remote.raise_sequence_floor(1, 41)
    finally:
        remote.close()
    assert _code(book) == make_code(1, 42)
    assert _code(book, kiosk=2) == make_code(2, 1)  # another kiosk number keeps its own


def test_the_floor_never_lowers_the_counter(book: TicketBook, db_path: Path):
    for _ in range(5):
        _code(book)
    remote = RemoteStore.open(db_path)
    try:
        assert not remote.raise_sequence_floor(1, 3)
        assert not remote.raise_sequence_floor(1, 5)
    finally:
        remote.close()
    assert _code(book) == make_code(1, 6)
