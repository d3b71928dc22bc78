from __future__ import annotations

import contextlib
import logging
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain.text import Text
from kiosk.domain.ticket_code import is_valid, make_code
from kiosk.domain.tickets import Draft, Ticket, TicketStatus
from kiosk.store.db import SCHEMA_VERSION
from kiosk.store.outbox import Outbox, OutboxKind
from kiosk.store.ticket_book import TicketBook, UnknownTicketError
from tests.fixtures.old_store import OLD_CODE, make_old_store
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, SANITATION, draft, later

_WRITE = [sys.executable, str(Path(__file__).with_name("crash_writer.py"))]


def _submit(book: TicketBook, mine: Draft | None = None) -> Ticket:
    return book.submit(mine or draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)


def _set_status(path: Path, code: str, status: TicketStatus) -> None:
    """As the sync worker will when the centre answers (another issue)."""
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE tickets SET status = ? WHERE code = ?", (status.value, code))


def test_a_submitted_ticket_has_a_code_the_fixed_person_and_the_fixed_deadline(book: TicketBook):
    mine = draft(phrases=(0, 2), free_text="晚上很黑", phone="13912345678")
    ticket = book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    assert ticket.code == make_code(1, 1)
    assert is_valid(ticket.code)
    assert ticket.responsible == REPAIR.responsible
    assert ticket.promised == date(2024, 12, 7)  # 3 days after 4 December
    assert ticket.created == ARTICLE_DAY
    assert ticket.created.utcoffset() == timedelta(hours=8)
    assert (ticket.category, ticket.phrases, ticket.place) == (REPAIR.code, (0, 2), "compound-2")
    assert (ticket.free_text, ticket.phone) == ("晚上很黑", "13912345678")
    assert (ticket.residents, ticket.status) == (1, TicketStatus.OPEN)
    assert book.get(ticket.code) == ticket


def test_sequences_count_up_separately_for_each_kiosk_number(book: TicketBook):
    codes = [
        book.submit(draft(), category=REPAIR, kiosk_number=kiosk, now=ARTICLE_DAY).code
        for kiosk in (1, 1, 2, 1, 2)
    ]
    assert codes == [
        make_code(1, 1),
        make_code(1, 2),
        make_code(2, 1),
        make_code(1, 3),
        make_code(2, 2),
    ]


def test_a_double_submit_returns_the_same_ticket_and_stores_one(book: TicketBook, outbox: Outbox):
    mine = draft()
    first = book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    second = book.submit(mine, category=REPAIR, kiosk_number=1, now=later(hours=1))
    assert second == first
    assert book.recent(10) == [first]
    assert outbox.counts().waiting == 1


def test_each_ticket_gets_its_own_idempotency_key(book: TicketBook):
    keys = {_submit(book).key for _ in range(3)}
    assert len(keys) == 3


def test_the_responsible_person_is_kept_as_it_was_when_reported(db_path: Path):
    book = TicketBook.open(db_path)
    ticket = _submit(book)
    book.close()
    reassigned = replace(REPAIR, responsible=Text({"zh": "新的负责人"}, default_lang="zh"))
    book = TicketBook.open(db_path)
    book.submit(draft(), category=reassigned, kiosk_number=1, now=ARTICLE_DAY)
    stored = book.get(ticket.code)
    book.close()
    assert stored is not None
    assert stored.responsible == REPAIR.responsible
    assert stored.responsible.get("ug") == "مۈلۈك شىركىتى رېمونت بۆلۈمى"


def test_a_time_without_zone_or_the_wrong_category_is_refused(book: TicketBook):
    with pytest.raises(ValueError, match="time zone"):
        book.submit(draft(), category=REPAIR, kiosk_number=1, now=datetime(2024, 12, 4, 15))
    with pytest.raises(ValueError, match="category"):
        book.submit(draft(), category=SANITATION, kiosk_number=1, now=ARTICLE_DAY)
    assert book.recent(5) == []


def test_a_bad_kiosk_number_stores_nothing_and_uses_no_sequence(book: TicketBook):
    with pytest.raises(ValueError, match="kiosk number"):
        book.submit(draft(), category=REPAIR, kiosk_number=1000, now=ARTICLE_DAY)
    assert book.recent(5) == []
    assert _submit(book).code == make_code(1, 1)


def test_recent_lists_the_newest_first_up_to_the_limit(book: TicketBook):
    codes = [_submit(book).code for _ in range(4)]
    assert [t.code for t in book.recent(3)] == codes[::-1][:3]
    assert book.get("999999999") is None


def test_the_phone_number_never_reaches_the_log(book: TicketBook, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    ticket = _submit(book, draft(phone="13912345678"))
    book.join(ticket.code, draft_id="another", now=ARTICLE_DAY)
    assert "13912345678" not in caplog.text


@pytest.mark.parametrize(
    ("again", "found"),
    [
        (draft(), True),
        (draft(phrases=(0, 1)), True),  # one phrase in common is enough
        (draft(phrases=(1,)), False),  # nothing in common: another problem
        (draft(phrases=(), free_text="充电桩坏了"), False),  # free text alone never matches
        (draft(place="compound-1"), False),
        (draft(place=None), False),
    ],
    ids=[
        "same",
        "one-phrase-shared",
        "no-phrase-shared",
        "free-text-only",
        "other-place",
        "no-place",
    ],
)
def test_the_same_problem_needs_the_same_place_and_a_shared_phrase(
    book: TicketBook, again: Draft, found: bool
):
    first = _submit(book, draft(phrases=(0, 2)))
    same = book.find_same_problem(again, category=REPAIR, now=later(1))
    assert same == (first if found else None)


def test_the_same_problem_needs_the_same_category(book: TicketBook):
    book.submit(draft(SANITATION), category=SANITATION, kiosk_number=1, now=ARTICLE_DAY)
    assert book.find_same_problem(draft(), category=REPAIR, now=ARTICLE_DAY) is None


def test_the_same_problem_is_only_looked_for_within_the_deadline(book: TicketBook):
    first = _submit(book)
    assert book.find_same_problem(draft(), category=REPAIR, now=later(3)) == first
    assert book.find_same_problem(draft(), category=REPAIR, now=later(3, hours=1)) is None


def test_the_same_problem_is_found_among_a_year_of_tickets_left_open(book: TicketBook):
    """A kiosk whose answers never came back (offline for a year): old open tickets pile up,
    yet only those within the deadline are the same problem, and the newest is offered."""
    for day in range(365, 3, -1):
        book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY - timedelta(day))
    recent = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    assert book.find_same_problem(draft(), category=REPAIR, now=later(2)) == recent
    assert book.find_same_problem(draft(), category=REPAIR, now=later(4)) is None


def test_a_ticket_stored_by_the_release_before_is_still_the_same_problem(tmp_path: Path):
    path = tmp_path / "tickets.sqlite3"
    make_old_store(path, SCHEMA_VERSION - 1)
    old = TicketBook.open(path)
    try:
        found = old.find_same_problem(draft(place=None), category=REPAIR, now=later(3))
        assert found is not None
        assert found.code == OLD_CODE
        assert old.find_same_problem(draft(place=None), category=REPAIR, now=later(4)) is None
    finally:
        old.close()


def test_closed_tickets_are_not_offered_but_tickets_in_progress_are(
    book: TicketBook, db_path: Path
):
    first = _submit(book)
    _set_status(db_path, first.code, TicketStatus.IN_PROGRESS)
    assert book.find_same_problem(draft(), category=REPAIR, now=later(1)) == book.get(first.code)
    _set_status(db_path, first.code, TicketStatus.CLOSED)
    assert book.find_same_problem(draft(), category=REPAIR, now=later(1)) is None


def test_the_newest_matching_ticket_is_offered(book: TicketBook):
    _submit(book)
    newer = book.submit(draft(), category=REPAIR, kiosk_number=1, now=later(hours=2))
    assert book.find_same_problem(draft(), category=REPAIR, now=later(1)) == newer


def test_a_draft_already_stored_is_not_offered_its_own_ticket(book: TicketBook):
    mine = draft()
    book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)  # the first of two taps
    assert book.find_same_problem(mine, category=REPAIR, now=ARTICLE_DAY) is None


def test_joining_raises_the_count_and_queues_its_own_outbox_item(book: TicketBook, outbox: Outbox):
    first = _submit(book)
    joined = book.join(first.code, draft_id="second-resident", now=later(hours=1))
    assert joined.code == first.code
    assert joined.residents == 2
    assert book.recent(10) == [joined], "no second ticket"
    items = [outbox.get(i) for i in (1, 2)]
    assert [item.kind if item else None for item in items] == [OutboxKind.REQUEST, OutboxKind.JOIN]
    assert items[1] is not None
    assert items[1].ticket_code == first.code
    assert items[1].key not in (first.key, "second-resident")
    assert items[1].fields()["residents"] == 2


def test_joining_twice_with_one_draft_counts_one_voice(book: TicketBook, outbox: Outbox):
    first = _submit(book)
    for _ in range(3):
        joined = book.join(first.code, draft_id="second-resident", now=later(hours=1))
    assert joined.residents == 2
    assert outbox.counts().waiting == 2  # the ticket and one join


def test_joining_an_unknown_ticket_raises_and_counts_nothing(book: TicketBook, outbox: Outbox):
    with pytest.raises(UnknownTicketError, match="001000017"):
        book.join("001000017", draft_id="lost", now=ARTICLE_DAY)
    assert outbox.counts().waiting == 0


def test_a_draft_that_joined_is_not_stored_again_by_a_later_submit(book: TicketBook):
    first = _submit(book)
    mine = draft()
    book.join(first.code, draft_id=mine.draft_id, now=ARTICLE_DAY)
    again = book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    assert again.code == first.code
    assert again.residents == 2
    assert len(book.recent(10)) == 1


def test_a_draft_stored_as_its_own_ticket_does_not_also_join(book: TicketBook):
    first = _submit(book)
    mine = draft()
    own = book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    assert book.join(first.code, draft_id=mine.draft_id, now=ARTICLE_DAY) == own
    assert book.get(first.code) == first, "not counted twice"


def test_the_book_can_be_used_from_a_worker_thread(book: TicketBook):
    results: list[Ticket] = []
    threads = [threading.Thread(target=lambda: results.append(_submit(book))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(t.code for t in results) == sorted(make_code(1, n) for n in range(1, 9))


def test_two_processes_submitting_at_once_get_distinct_sequences(db_path: Path):
    """Both start on a file that does not exist yet: the schema is also created exactly once."""
    writers = [
        subprocess.Popen(
            [*_WRITE, str(db_path), "--seed", str(seed), "--count", "60", "--kiosk", "5"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    outputs = [writer.communicate(timeout=60) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], [err for _, err in outputs]
    acked = [
        line.split()[2]
        for out, _ in outputs
        for line in out.splitlines()
        if line.startswith("ack ")
    ]
    sequences = sorted(int(code[3:-1]) for code in acked)  # a fresh book: provisional codes
    assert sorted(acked) == sorted(make_code(5, n) for n in sequences)
    assert sequences == list(range(sequences[0], sequences[0] + 120))
    book = TicketBook.open(db_path)
    assert len(book.recent(200)) == 120
    book.close()
