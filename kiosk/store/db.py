"""Opening the kiosk's SQLite file: durable settings on every connection, then migrations.

`synchronous` is a per-connection setting, and WAL with NORMAL may lose committed transactions on
power loss, so every connection is made here and nowhere else. The schema version lives in
`PRAGMA user_version`; migrations run in one write transaction, so two processes opening the same
new file at once (the kiosk and `kiosk feedback add`) migrate it exactly once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from kiosk.store.errors import NewerSchemaError, StorageFullError, StoreError
from kiosk.store.reserve import is_disk_full, release_reserve

TICKETS = "tickets.sqlite3"  # in the data folder: the ticket book, the outbox, the centre's copy
# Every durable commit writes (and fsyncs) each page it changed into the WAL: a ticket and its
# outbox item touch about a dozen pages (the two rows and their indexes). Rows here are a few
# hundred bytes, so 1 KiB pages (SQLite's default is 4 KiB) make that a quarter of the bytes;
# issue 18 measured a submit 27 % faster. A file made with other pages keeps them (changing them
# takes a VACUUM of the whole file; not done at a kiosk's start).
PAGE_SIZE = 1024
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds another writer may hold the file before we give up


# MIGRATIONS[n] brings a file from user_version n to n + 1. Append only: never edit a shipped step.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE tickets (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            kiosk INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            key TEXT NOT NULL UNIQUE,
            draft_id TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            responsible TEXT NOT NULL,
            created TEXT NOT NULL,
            promised TEXT NOT NULL,
            phrases TEXT NOT NULL DEFAULT '[]',
            free_text TEXT NOT NULL DEFAULT '',
            place TEXT,
            phone TEXT NOT NULL DEFAULT '',
            residents INTEGER NOT NULL DEFAULT 1 CHECK (residents >= 1),
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in_progress', 'closed')),
            answer TEXT NOT NULL DEFAULT '',
            UNIQUE (kiosk, sequence)
        )""",
        "CREATE INDEX tickets_open ON tickets (category, place) WHERE status != 'closed'",
        """CREATE TABLE sequences (
            kiosk INTEGER PRIMARY KEY,
            last INTEGER NOT NULL CHECK (last >= 0)
        )""",
        """CREATE TABLE joins (
            id INTEGER PRIMARY KEY,
            draft_id TEXT NOT NULL UNIQUE,
            ticket_code TEXT NOT NULL REFERENCES tickets (code),
            key TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL
        )""",
        "CREATE INDEX joins_ticket ON joins (ticket_code)",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('request', 'join')),
            ticket_code TEXT NOT NULL REFERENCES tickets (code),
            payload TEXT NOT NULL,
            created TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'sent', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            next_attempt_ts REAL,
            last_error TEXT NOT NULL DEFAULT '',
            service_request_id TEXT,
            reason TEXT NOT NULL DEFAULT '',
            finished TEXT
        )""",
        "CREATE INDEX outbox_waiting ON outbox (id) WHERE state = 'waiting'",
        "CREATE INDEX outbox_ticket ON outbox (ticket_code, kind)",
    ),
    (
        # What the sync worker pulls from the centre, so ticket look-up and the Echo Wall work
        # offline (kiosk.store.remote). Public data only: the centre never sends phone numbers.
        """CREATE TABLE sync_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE remote_services (
            code TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            keywords TEXT NOT NULL DEFAULT '',
            group_name TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE remote_requests (
            code TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
            status_notes TEXT NOT NULL DEFAULT '',
            service_code TEXT NOT NULL,
            service_name TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            agency_responsible TEXT NOT NULL DEFAULT '',
            device_id TEXT,
            residents INTEGER NOT NULL DEFAULT 1,
            requested TEXT NOT NULL,
            expected TEXT,
            updated TEXT NOT NULL,
            updated_ts REAL NOT NULL,
            expected_ts REAL
        )""",
        "CREATE INDEX remote_requests_closed ON remote_requests (updated_ts) "
        "WHERE status = 'closed'",
    ),
    (
        # Ratings (issue 7): a resident may rate a ticket from any kiosk, so an outbox item no
        # longer needs a ticket in this book; SQLite changes a constraint by copying the table.
        """CREATE TABLE outbox_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('request', 'join', 'rating')),
            ticket_code TEXT NOT NULL,
            payload TEXT NOT NULL,
            created TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'sent', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT,
            next_attempt_ts REAL,
            last_error TEXT NOT NULL DEFAULT '',
            service_request_id TEXT,
            reason TEXT NOT NULL DEFAULT '',
            finished TEXT
        )""",
        "INSERT INTO outbox_new SELECT * FROM outbox",
        "DROP TABLE outbox",
        "ALTER TABLE outbox_new RENAME TO outbox",
        "CREATE INDEX outbox_waiting ON outbox (id) WHERE state = 'waiting'",
        "CREATE INDEX outbox_ticket ON outbox (ticket_code, kind)",
        # What the foreign key did, for requests and joins only.
        """CREATE TRIGGER outbox_ticket_known BEFORE INSERT ON outbox
        WHEN NEW.kind != 'rating'
            AND NOT EXISTS (SELECT 1 FROM tickets WHERE code = NEW.ticket_code)
        BEGIN SELECT RAISE(ABORT, 'outbox item for a ticket not in this book'); END""",
        # The close time and the latest rating, for the wall's figures (kiosk.domain.figures).
        "ALTER TABLE remote_requests ADD COLUMN closed TEXT",
        "ALTER TABLE remote_requests ADD COLUMN closed_ts REAL",
        "ALTER TABLE remote_requests ADD COLUMN rating TEXT",
        "UPDATE remote_requests SET closed = updated, closed_ts = updated_ts "
        "WHERE status = 'closed'",
        # Pull everything again, so the close times and ratings come in from the centre.
        "DELETE FROM sync_state WHERE name IN ('requests_cursor', 'requests_etag')",
    ),
    (
        # The status line counts refused items every second: an index, not a scan of every item
        # ever sent (the outbox keeps them all).
        "CREATE INDEX outbox_rejected ON outbox (id) WHERE state = 'rejected'",
    ),
    (
        # Issue 17: the resident's language and the status link's secret (kiosk.domain
        # .ticket_secret) stay with each ticket; tickets from before have neither ("").
        "ALTER TABLE tickets ADD COLUMN lang TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE tickets ADD COLUMN secret TEXT NOT NULL DEFAULT ''",
        # The centre's answers and wall summaries per language, as JSON objects {lang: text}.
        "ALTER TABLE remote_requests ADD COLUMN answers TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE remote_requests ADD COLUMN summaries TEXT NOT NULL DEFAULT '{}'",
        # Pull everything again, so the answers in each language come in from the centre.
        "DELETE FROM sync_state WHERE name IN ('requests_cursor', 'requests_after', "
        "'requests_etag')",
    ),
    (
        # Issue 18: a year of answers must not slow the Echo Wall. The wall's order gets an index
        # of its own (the old one on updated_ts could not serve COALESCE), and the monthly figures
        # count in SQL over a range of report times instead of loading every row into Python.
        # julianday() reads the ISO text with its offset to the millisecond; rounding to that
        # takes away the float noise that would put a ticket reported at midnight on the 1st into
        # the month before. _store writes the exact timestamp from now on.
        "DROP INDEX remote_requests_closed",
        "CREATE INDEX remote_requests_wall ON remote_requests "
        "(COALESCE(closed_ts, updated_ts) DESC, code DESC) WHERE status = 'closed'",
        "ALTER TABLE remote_requests ADD COLUMN requested_ts REAL",
        "UPDATE remote_requests "
        "SET requested_ts = ROUND((julianday(requested) - 2440587.5) * 86400.0, 3)",
        "CREATE INDEX remote_requests_requested ON remote_requests (requested_ts)",
        # "The same problem" looks only at tickets reported within the category's deadline: an
        # index that ends in the report time finds them without decoding a year of open tickets.
        "ALTER TABLE tickets ADD COLUMN created_ts REAL",
        "UPDATE tickets SET created_ts = ROUND((julianday(created) - 2440587.5) * 86400.0, 3)",
        "DROP INDEX tickets_open",
        "CREATE INDEX tickets_open ON tickets (category, place, created_ts) "
        "WHERE status != 'closed'",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Pragmas:
    """The settings a connection actually runs with (for tests and diagnostics)."""

    journal_mode: str
    synchronous: str
    foreign_keys: bool
    busy_timeout_ms: int
    user_version: int


_SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def connect(path: Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection in autocommit mode (callers open their own transactions), WAL, FULL, migrated.

    A new file is created readable by its owner only: it holds residents' phone numbers, and SQLite
    gives the -wal and -shm files the same permissions. On a full disk (WAL needs room for its
    -shm file) the space reserve is given back and the store opened again; StorageFullError says
    so in one sentence when even that is not enough.
    """
    try:
        return _connect(path, busy_timeout)
    except (sqlite3.OperationalError, OSError) as error:
        if not is_disk_full(error, path.parent):
            raise
        failure: BaseException = error
    if release_reserve(path.parent):
        try:
            return _connect(path, busy_timeout)
        except (sqlite3.OperationalError, OSError) as error:
            if not is_disk_full(error, path.parent):
                raise
            failure = error
    raise StorageFullError(
        f"Storage full: the disk holding {path.parent} has no room left, so tickets cannot be "
        f"stored ({failure}). Free some space; the waiting tickets are safe."
    ) from failure


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file only: see PAGE_SIZE
        _use_wal(conn, path, busy_timeout)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    """Switching a new file to WAL needs it to itself; a second opener may briefly see it busy."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    if mode.lower() != "wal":
        raise StoreError(f"{path}: cannot use write-ahead logging (journal_mode is {mode})")


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE: take the write lock first, so read-then-write (a sequence) cannot race."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # also when COMMIT itself failed (a full disk)
            conn.execute("ROLLBACK")
        raise


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to SCHEMA_VERSION, all steps in one transaction; refuse a newer file."""
    with write_transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(
                f"{path} has schema version {version}, but this Echo Kiosk only knows versions up "
                f"to {SCHEMA_VERSION}: it was written by a newer release. Install that release "
                "again; do not delete the file, it holds tickets not yet sent."
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        if version != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def pragmas(conn: sqlite3.Connection) -> Pragmas:
    def one(name: str) -> object:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]

    return Pragmas(
        journal_mode=str(one("journal_mode")),
        synchronous=_SYNCHRONOUS.get(int(str(one("synchronous"))), "?"),
        foreign_keys=bool(one("foreign_keys")),
        busy_timeout_ms=int(str(one("busy_timeout"))),
        user_version=int(str(one("user_version"))),
    )


class Handle:
    """One connection to the store, shared by threads: every call holds the lock (sqlite3
    connections must not be used by two threads at once)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.row_factory = sqlite3.Row
        self._conn = conn
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Self:
        """Create or migrate the file; another process may have it open at the same time."""
        return cls(connect(path, busy_timeout=busy_timeout))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def pragmas(self) -> Pragmas:
        with self._lock:
            return pragmas(self._conn)
