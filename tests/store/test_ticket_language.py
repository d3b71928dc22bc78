"""Each new ticket keeps the resident's language and its status link's secret, committed with the
ticket and its outbox item; a joined resident's receipt opens the same page; a file from before
issue 17 upgrades in place, its tickets and waiting items unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kiosk.domain.ticket_secret import is_secret
from kiosk.store import db
from kiosk.store.outbox import Outbox
from kiosk.store.remote import REQUESTS_CURSOR, RemoteStore
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.old_store import OLD_CODE, OLD_KEY, OLD_PAYLOAD, make_old_store
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, draft, later


def test_a_ticket_keeps_its_language_and_secret_across_a_reopen(db_path: Path, book: TicketBook):
    ug = book.submit(draft(lang="ug"), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    zh = book.submit(draft(lang="zh"), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    assert (ug.lang, zh.lang) == ("ug", "zh")
    assert is_secret(ug.secret)
    assert is_secret(zh.secret)
    assert ug.secret != zh.secret

    again = TicketBook.open(db_path)
    try:
        assert again.get(ug.code) == ug
        assert again.get(zh.code) == zh
    finally:
        again.close()


def test_the_secret_sent_is_the_secret_kept(book: TicketBook, outbox: Outbox):
    ticket = book.submit(draft(lang="ug"), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    [item] = outbox.due(later(), 10)
    assert item.fields()["ticket_secret"] == ticket.secret
    assert item.fields()["lang"] == "ug"


def test_a_double_submit_keeps_the_first_secret(book: TicketBook):
    mine = draft(lang="ug")
    first = book.submit(mine, category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    second = book.submit(mine, category=REPAIR, kiosk_number=1, now=later(minutes=1))
    assert second.secret == first.secret


def test_a_joined_resident_gets_the_same_ticket_with_the_same_secret(
    db_path: Path, book: TicketBook
):
    """Both residents reported one problem: one ticket, one status page, one link to it."""
    first = book.submit(draft(lang="zh"), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    joined = book.join(first.code, draft_id="second-resident", now=later(minutes=5))
    assert (joined.code, joined.secret) == (first.code, first.secret)
    assert joined.residents == 2
    with sqlite3.connect(db_path) as conn:  # waits behind the ticket's own item, so not yet due
        [(payload,)] = conn.execute("SELECT payload FROM outbox WHERE kind = 'join'").fetchall()
    conn.close()
    assert "ticket_secret" not in json.loads(payload)  # the centre has it from the ticket


def test_a_file_from_before_upgrades_in_place_and_its_waiting_item_goes_out_as_it_was(
    db_path: Path,
):
    make_old_store(db_path, 4)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO remote_requests (code, status, service_code, requested, updated, "
            "updated_ts, status_notes) VALUES ('0070000035', 'closed', 'sanitation', ?, ?, ?, "
            "'垃圾已清运')",
            (ARTICLE_DAY.isoformat(), ARTICLE_DAY.isoformat(), ARTICLE_DAY.timestamp()),
        )
        conn.execute("INSERT INTO sync_state (name, value) VALUES ('requests_cursor', 'x')")
    conn.close()

    book = TicketBook.open(db_path)
    outbox = Outbox.open(db_path)
    remote = RemoteStore.open(db_path)
    try:
        assert book.pragmas().user_version == db.SCHEMA_VERSION
        old = book.get(OLD_CODE)
        assert old is not None
        assert (old.lang, old.secret) == ("", "")
        [item] = outbox.due(later(1), 10)
        assert (item.key, item.ticket_code) == (OLD_KEY, OLD_CODE)
        assert item.fields() == OLD_PAYLOAD  # no language or secret added afterwards
        assert json.loads(item.payload) == OLD_PAYLOAD
        old_remote = remote.request("0070000035")
        assert old_remote is not None
        assert (dict(old_remote.answers), old_remote.status_notes) == ({}, "垃圾已清运")
        assert remote.state(REQUESTS_CURSOR) is None  # pulled again, answers in each language
        new = book.submit(draft(lang="ug"), category=REPAIR, kiosk_number=1, now=later(1))
        assert new.lang == "ug"
        assert is_secret(new.secret)
        assert new.code != OLD_CODE
    finally:
        remote.close()
        outbox.close()
        book.close()
