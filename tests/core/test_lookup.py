"""Finding a ticket: own tickets offline with their promise, others from the feed or the centre."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.lookup import TicketLookUp
from kiosk.domain.lookup import CentreUnreachableError
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import RemoteRequest, RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.errors import SyncError
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, SANITATION, SHANGHAI, draft


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[TicketBook, RemoteStore]]:
    book = TicketBook.open(tmp_path / "tickets.sqlite3")
    remote = RemoteStore.open(tmp_path / "tickets.sqlite3")
    yield book, remote
    remote.close()
    book.close()


def _lookup(stores, ask=None) -> TicketLookUp:
    book, remote = stores
    return TicketLookUp(
        book=book,
        remote=remote,
        categories=lambda: (REPAIR, SANITATION),
        zone=lambda: SHANGHAI,
        ask_centre=ask,
    )


def _closed(code: str, *, days: float, agency: str = "", service: str = "sanitation"):
    return RemoteRequest(
        code=code,
        status=TicketStatus.CLOSED,
        service_code=service,
        requested=ARTICLE_DAY.astimezone(SHANGHAI),
        updated=ARTICLE_DAY + timedelta(days=days),
        expected=ARTICLE_DAY + timedelta(days=2),
        status_notes="垃圾已清运",
        agency_responsible=agency,
        residents=3,
    )


def test_an_own_ticket_is_found_offline_with_its_promised_person_and_date(stores):
    book, _remote = stores
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    found = _lookup(stores).local(ticket.code)
    assert found is not None
    assert found.status is TicketStatus.OPEN
    assert found.responsible.get("ug") == "مۈلۈك شىركىتى رېمونت بۆلۈمى"
    assert found.promised == ticket.promised
    assert found.on_time is None


def test_the_centres_answer_and_close_time_are_merged_into_an_own_ticket(stores):
    book, remote = stores
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    late = _closed(ticket.code, days=5, service=REPAIR.code)
    remote.apply_requests([late], cursor="c1", etag=None)
    found = _lookup(stores).local(ticket.code)
    assert found is not None
    assert (found.status, found.answer, found.residents) == (TicketStatus.CLOSED, "垃圾已清运", 3)
    assert found.solved is not None
    assert found.solved.tzinfo is not None
    assert found.on_time is False  # promised in 3 days, closed after 5


def test_another_kiosks_ticket_in_the_feed_copy_uses_the_configs_bilingual_person(stores):
    _book, remote = stores
    code = make_code(2, 7)
    remote.apply_requests([_closed(code, days=1, agency="社区环卫组")], cursor="c", etag=None)
    found = _lookup(stores).local(code)
    assert found is not None
    assert found.responsible is SANITATION.responsible
    assert found.on_time is True
    assert found.received.tzinfo == SHANGHAI


def test_an_unknown_code_is_asked_of_the_centre_which_may_know_it_or_not(stores):
    code, other = make_code(3, 1), make_code(3, 2)
    asked: list[str] = []

    def ask(c: str):
        asked.append(c)
        return _closed(c, days=1, agency="街道办") if c == code else None

    lookup = _lookup(stores, ask)
    assert lookup.local(code) is None
    found = lookup.ask(code)
    assert found is not None
    assert found.responsible.get("ug") == "街道办"
    assert lookup.ask(other) is None
    assert asked == [code, other]


def test_an_unreachable_centre_says_so_instead_of_not_found(stores):
    def ask(_code: str):
        raise SyncError("connection refused")

    with pytest.raises(CentreUnreachableError, match="refused"):
        _lookup(stores, ask).ask(make_code(3, 1))
    with pytest.raises(CentreUnreachableError):
        _lookup(stores, None).ask(make_code(3, 1))
