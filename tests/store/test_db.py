from __future__ import annotations

import contextlib
import sqlite3
import stat
from pathlib import Path

import pytest

from kiosk.store import db
from kiosk.store.db import PAGE_SIZE, SCHEMA_VERSION, connect
from kiosk.store.errors import NewerSchemaError
from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.old_store import OLD_CODE, make_old_store
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, draft


def _user_version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _tables(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_a_new_file_is_migrated_to_the_current_schema_version(db_path: Path):
    TicketBook.open(db_path).close()
    assert _user_version(db_path) == SCHEMA_VERSION >= 1
    assert {"tickets", "joins", "sequences", "outbox"} <= _tables(db_path)


def test_reopening_keeps_the_tickets_and_the_version(db_path: Path):
    book = TicketBook.open(db_path)
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    book.close()
    for _ in range(2):
        again = TicketBook.open(db_path)
        assert again.get(ticket.code) == ticket
        assert again.pragmas().user_version == SCHEMA_VERSION
        again.close()


def _page_size(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])


def test_a_new_store_has_small_pages_and_an_older_one_keeps_its_own(db_path: Path, tmp_path: Path):
    """Each durable commit writes whole pages to the WAL: small pages, fewer bytes (issue 18)."""
    TicketBook.open(db_path).close()
    assert _page_size(db_path) == PAGE_SIZE == 1024
    older = tmp_path / "older.sqlite3"
    make_old_store(older, SCHEMA_VERSION - 1)  # as a release before made it: 4 KiB pages
    assert _page_size(older) == 4096
    book = TicketBook.open(older)
    try:
        assert book.get(OLD_CODE) is not None
        ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
        assert book.get(ticket.code) == ticket
    finally:
        book.close()
    assert _page_size(older) == 4096


def test_every_connection_runs_wal_with_synchronous_full(db_path: Path):
    book = TicketBook.open(db_path)
    outbox = Outbox.open(db_path)
    second_book = TicketBook.open(db_path)  # e.g. `kiosk feedback add` beside the kiosk
    try:
        for settings in (book.pragmas(), outbox.pragmas(), second_book.pragmas()):
            assert settings.journal_mode == "wal"
            assert settings.synchronous == "FULL"
            assert settings.foreign_keys
            assert settings.busy_timeout_ms >= 1000
    finally:
        for closable in (book, outbox, second_book):
            closable.close()


def test_a_new_file_and_its_log_are_readable_by_their_owner_only(db_path: Path):
    book = TicketBook.open(db_path)  # phone numbers inside: not for other users of the Pi
    wal = db_path.with_name(db_path.name + "-wal")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    book.close()


def test_a_file_from_a_newer_release_is_refused_with_a_clear_message(db_path: Path):
    TicketBook.open(db_path).close()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(NewerSchemaError, match=rf"schema version {SCHEMA_VERSION + 5}.*newer"):
        TicketBook.open(db_path)
    with pytest.raises(NewerSchemaError):
        Outbox.open(db_path)
    assert _user_version(db_path) == SCHEMA_VERSION + 5, "the newer file is left as it was"


def test_a_migration_that_fails_half_way_leaves_the_file_at_its_old_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    TicketBook.open(db_path).close()
    broken_step = ("CREATE TABLE extra (id INTEGER PRIMARY KEY)", "THIS IS NOT SQL")
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, broken_step))
    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        connect(db_path)
    assert _user_version(db_path) == SCHEMA_VERSION
    assert "extra" not in _tables(db_path)


def test_a_later_migration_step_runs_once_on_an_existing_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    book = TicketBook.open(db_path)
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    book.close()
    step = ("ALTER TABLE tickets ADD COLUMN rating TEXT",)
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, step))
    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    for _ in range(2):  # a second open must not add the column again
        book = TicketBook.open(db_path)
        assert book.get(ticket.code) == ticket
        book.close()
    assert _user_version(db_path) == SCHEMA_VERSION + 1
