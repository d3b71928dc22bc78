"""The centre's ticket sequence as the floor of this kiosk's numbering, and the provisional codes
of a fresh SD card that has not heard it yet (kiosk.domain.ticket_code)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.domain.ticket_code import (
    LONGEST_CODE,
    PROVISIONAL_END,
    PROVISIONAL_FIRST,
    PROVISIONAL_ROOM,
    CodeCheck,
    check_typed,
    is_provisional,
    make_code,
    provisional_block,
)
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, draft, floor_learned


def _code(book: TicketBook, kiosk: int = 1) -> str:
    return book.submit(draft(), category=REPAIR, kiosk_number=kiosk, now=ARTICLE_DAY).code


def _sequence(code: str) -> int:
    return int(code[3:-1])


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[TicketBook]:
    """A new SD card's book: no heartbeat has come back yet."""
    book = TicketBook.open(tmp_path / "new-card.sqlite3")
    yield book
    book.close()


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


def test_a_book_that_never_heard_its_floor_prints_provisional_codes_one_after_another(
    fresh: TicketBook,
):
    codes = [_code(fresh) for _ in range(3)]
    sequences = [_sequence(code) for code in codes]
    assert all(is_provisional(s) for s in sequences), codes
    assert sequences == [sequences[0], sequences[0] + 1, sequences[0] + 2]
    for code in codes:
        assert len(code) == LONGEST_CODE  # the look-up pad takes this many digits
        assert check_typed(code) is CodeCheck.OK
        assert fresh.get(code) is not None


def test_once_the_floor_is_heard_codes_count_above_it_and_miss_the_provisional_block(
    fresh: TicketBook, tmp_path: Path
):
    provisional = [_code(fresh) for _ in range(2)]
    floor_learned(tmp_path / "new-card.sqlite3", 1, floor=41)
    assert _code(fresh) == make_code(1, 42)
    assert _code(fresh) == make_code(1, 43)
    assert all(is_provisional(_sequence(code)) for code in provisional)


def test_a_floor_of_zero_is_heard_too(fresh: TicketBook, tmp_path: Path):
    floor_learned(tmp_path / "new-card.sqlite3", 1, floor=0)
    assert _code(fresh) == make_code(1, 1)
    assert is_provisional(_sequence(_code(fresh, kiosk=2)))  # kiosk 2's floor is still unknown


def test_a_provisional_block_lies_inside_the_range_with_room_for_a_card_offline_for_long():
    assert provisional_block(lambda _n: 0) == PROVISIONAL_FIRST
    last_start = provisional_block(lambda n: n - 1)
    assert last_start + PROVISIONAL_ROOM == PROVISIONAL_END
    assert not is_provisional(PROVISIONAL_FIRST - 1)
    assert not is_provisional(PROVISIONAL_END)
