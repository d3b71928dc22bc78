"""The central database: SQLAlchemy Core tables, the engine, write transactions and migrations.

SQLite by default, PostgreSQL by URL (`postgresql+psycopg://user@host/db`); no other database
(a URL for one is refused when the engine is opened). Portable Core constructs are used, save the
ticket insert's ON CONFLICT, written for each of the two (tickets.py). The two engines differ in
how a write transaction starts, which is handled here, and in where a kiosk POST's transaction
runs (kiosk_lane.write_work). On SQLite a write begins with BEGIN IMMEDIATE, so two writers
queue on the file lock instead of failing halfway (a deferred BEGIN that later upgrades to a
write lock can fail at once with "database is locked"); on PostgreSQL two writers meet at the
unique constraints instead.

Migrations: a new database gets the current tables and is stamped with the latest version; an
older one runs `MIGRATIONS` from its version on, in one transaction (PostgreSQL under an advisory
lock, SQLite under its write lock), so two servers starting together migrate once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

metadata = MetaData()

kiosks = Table(
    "kiosks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", String(3), nullable=False, unique=True),  # "001": starts its ticket codes
    Column("name", String(200), nullable=False, server_default=""),
    Column("key_hash", String(64), nullable=False, unique=True),  # sha256 of the api_key
    Column("created", DateTime, nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False, unique=True),  # = service_request_id
    Column("token", String(64), nullable=False, unique=True),
    Column("device_id", String(3)),  # None: made at the centre, not at a kiosk
    Column("service_code", String(100), nullable=False, index=True),
    Column("service_name", String(200), nullable=False),  # as it was named when reported
    Column("description", Text, nullable=False, server_default=""),  # staff only: free text
    Column("public_description", Text, nullable=False, server_default=""),  # preset phrases only
    Column("attributes", Text, nullable=False, server_default="{}"),  # JSON
    Column("phone", String(32), nullable=False, server_default=""),  # staff only, never published
    Column("address_id", String(100)),
    Column("requested", DateTime, nullable=False, index=True),
    Column("expected", DateTime),
    Column("agency_responsible", String(200), nullable=False, server_default=""),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("status_notes", Text, nullable=False, server_default=""),
    Column("residents", Integer, nullable=False, server_default="1"),
    Column("received", DateTime, nullable=False),
    Column("updated", DateTime, nullable=False),  # indexed with the id: ix_tickets_feed
    Column("closed", DateTime),
    Column("rating", String(16)),  # the latest resident's rating (ratings has them all)
    Column("first_response", DateTime),  # the first staff action: the 12345 response rate
    # Issue 17: the resident's language ("" before it was sent), the answer and the Echo Wall
    # summary per language (JSON {lang: text}, non-empty only; status_notes keeps the default
    # language's answer, else the other one, for GeoReport clients), and the digest of the
    # receipt's secret (kiosk.domain.ticket_secret) that opens the public status page.
    Column("lang", String(8), nullable=False, server_default=""),
    Column("answers", Text, nullable=False, server_default="{}"),
    Column("summaries", Text, nullable=False, server_default="{}"),
    Column("secret_digest", String(64)),
    CheckConstraint("status IN ('open', 'in_progress', 'closed')", name="tickets_status"),
    CheckConstraint("residents >= 1", name="tickets_residents"),
)
# The changes feed's keyset (updated, id): one index serves its cursor and its order on SQLite and
# PostgreSQL alike, so a page costs the same however long the history.
feed_index = Index("ix_tickets_feed", tickets.c.updated, tickets.c.id)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kiosk_id", Integer, ForeignKey("kiosks.id"), nullable=False),
    Column("key", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),  # sha256 of the operation and its fields
    Column("status_code", Integer, nullable=False),
    Column("body", Text, nullable=False),  # the answer, byte for byte, for every replay
    Column("ticket_id", Integer, ForeignKey("tickets.id")),
    Column("created", DateTime, nullable=False),
    UniqueConstraint("kiosk_id", "key", name="idempotency_keys_once"),  # kept for good
)

voices = Table(
    "voices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("device_id", String(3), nullable=False),
    Column("joined", DateTime, nullable=False),
    Column("residents_reported", Integer),  # the kiosk's own count, kept for checking
    Column("received", DateTime, nullable=False),
)

ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("device_id", String(3), nullable=False),  # the kiosk the resident tapped
    Column("rating", String(16), nullable=False),
    Column("rated", DateTime, nullable=False),  # the kiosk's time of the tap
    Column("received", DateTime, nullable=False),
    Column("reopened", Boolean, nullable=False),  # "not satisfied" re-opened the ticket
    CheckConstraint("rating IN ('satisfied', 'so_so', 'not_satisfied')", name="ratings_rating"),
)

staff = Table(
    "staff",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # the cookie is never stored
    Column("staff_id", Integer, ForeignKey("staff.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created", DateTime, nullable=False),
    Column("expires", DateTime, nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, index=True),
    Column("client", String(100), nullable=False, index=True),
    Column("at", DateTime, nullable=False, index=True),
)

ticket_log = Table(
    "ticket_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("staff_id", Integer, ForeignKey("staff.id")),
    Column("at", DateTime, nullable=False),
    Column("changes", Text, nullable=False),  # JSON {field: [old, new]}: who changed what (定责)
)

sequences = Table(
    "sequences",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("last", Integer, nullable=False),
)

kiosk_health = Table(  # the latest heartbeat of each kiosk (issue 8): replaced, never appended
    "kiosk_health",
    metadata,
    Column("kiosk_id", Integer, ForeignKey("kiosks.id"), primary_key=True),
    Column("received", DateTime, nullable=False),
    Column("version", String(50), nullable=False, server_default=""),
    Column("uptime_s", Integer),
    Column("waiting", Integer),
    Column("oldest_waiting_s", Integer),
    Column("printer", String(20), nullable=False, server_default="unknown"),
    Column("config_sha256", String(64), nullable=False, server_default=""),
    Column("config_errors", Integer, nullable=False, server_default="0"),
    Column("config_problem", String(300), nullable=False, server_default=""),
    Column("disk_free_bytes", BigInteger),
    # issue 19: the published content the kiosk runs, one it refused, and why
    Column("content_version", Integer),
    Column("content_refused", Integer),
    Column("content_problem", String(300), nullable=False, server_default=""),
)

# Issue 19: content files published to the kiosks (kiosk.central.content). A version is one
# upload, kept for good; a publication puts a version in force for every kiosk or for some.
content_versions = Table(
    "content_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),  # of the text and the files: the ETag
    Column("file_name", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("files", Text, nullable=False),  # JSON: [{"name", "sha256", "size"}]
    Column("uploaded_by", String(100), nullable=False),
    Column("uploaded", DateTime, nullable=False),
)
content_files = Table(  # what the versions' files hold, once each whatever names them
    "content_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)
content_publications = Table(
    "content_publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("content_versions.id"), nullable=False),
    Column("kiosks", String(4000), nullable=False, server_default=""),  # "": all; "001,002"
    Column("published_by", String(100), nullable=False),
    Column("published", DateTime, nullable=False),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)


class NewerSchemaError(RuntimeError):
    """The database was written by a newer Echo Kiosk; running on it could damage it."""


Step = Callable[[Connection], None]


def _add_column(conn: Connection, table: Table, name: str) -> None:
    """ALTER TABLE ... ADD COLUMN as the table declares it; a text default fills the old rows,
    so a NOT NULL column can be added to a table that has some (SQLite and PostgreSQL alike)."""
    column = table.c[name]
    kind = column.type.compile(dialect=conn.dialect)
    default = getattr(column.server_default, "arg", None)
    if isinstance(default, str):
        quoted = default.replace("'", "''")
        kind += f" DEFAULT '{quoted}'" + ("" if column.nullable else " NOT NULL")
    conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}"))


def add_ratings(conn: Connection) -> None:
    """v1 -> v2: residents' ratings, and what the figures need (first staff action, rating)."""
    ratings.create(conn)
    _add_column(conn, tickets, "rating")
    _add_column(conn, tickets, "first_response")
    conn.execute(
        text(
            "UPDATE tickets SET first_response = (SELECT MIN(l.at) FROM ticket_log l "
            "WHERE l.ticket_id = tickets.id AND l.staff_id IS NOT NULL)"
        )
    )


def add_kiosk_health(conn: Connection) -> None:
    """v2 -> v3 (issue 8): the kiosks' last heartbeats, for the staff page's kiosk list."""
    kiosk_health.create(conn, checkfirst=True)


def add_feed_index(conn: Connection) -> None:
    """v3 -> v4 (issue 14): the feed pages by (updated, id); the index on `updated` alone goes."""
    feed_index.create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_tickets_updated"))


def add_languages(conn: Connection) -> None:
    """v4 -> v5 (issue 17): the resident's language, answers and summaries per language, and the
    status link's secret digest. Old tickets keep lang "" and no digest (their status page stays
    shut); their status_notes is read as the default language's answer (answers.py)."""
    present = {column["name"] for column in inspect(conn).get_columns("tickets")}
    for name in ("lang", "answers", "summaries", "secret_digest"):
        if name not in present:  # a database stamped at v4 but made from newer tables has them
            _add_column(conn, tickets, name)


def add_content(conn: Connection) -> None:
    """v5 -> v6 (issue 19): published content, and what each kiosk's heartbeat says of it."""
    for table in (content_versions, content_files, content_publications):
        table.create(conn, checkfirst=True)
    present = {column["name"] for column in inspect(conn).get_columns("kiosk_health")}
    for name in ("content_version", "content_refused", "content_problem"):
        if name not in present:
            _add_column(conn, kiosk_health, name)


# MIGRATIONS[n] brings a database from version n + 1 to n + 2. Append only; the tables above are
# always the latest shape (a new database is created from them, not by replaying the steps).
MIGRATIONS: tuple[Step, ...] = (
    add_ratings,
    add_kiosk_health,
    add_feed_index,
    add_languages,
    add_content,
)
_PG_MIGRATION_LOCK = 3110311


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy, not the driver, says when to BEGIN
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    writes = conn.get_execution_options().get("echo_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


BACKENDS = ("sqlite", "postgresql")


def open_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created when missing. A URL for another
    database is refused here, in words, rather than failing at the first kiosk's POST."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in BACKENDS:
        raise ArgumentError(
            f"{backend} is not supported: use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"
        )
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30.0}}
    if not database or database == ":memory:":
        kwargs["poolclass"] = StaticPool  # one shared in-memory database, for trying things out
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: commits when the block ends, rolls back on an exception."""
    with engine.connect() as conn:
        conn.execution_options(echo_write=True)
        with conn.begin():
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A consistent read (one snapshot), never holding the write lock."""
    with engine.connect() as conn, conn.begin():
        yield conn


def migrate(engine: Engine, steps: Sequence[Step] = MIGRATIONS) -> int:
    """Bring the database to the latest version; returns that version."""
    latest = 1 + len(steps)
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        if not inspect(conn).has_table("schema_version"):
            metadata.create_all(conn)
            conn.execute(insert(schema_version).values(version=latest))
            return latest
        version = int(conn.execute(select(schema_version.c.version)).scalar_one())
        if version > latest:
            raise NewerSchemaError(
                f"the database is at schema version {version}, this server knows up to {latest}; "
                "upgrade Echo Kiosk instead"
            )
        for step in steps[version - 1 :]:
            step(conn)
        if version != latest:
            conn.execute(update(schema_version).values(version=latest))
        return latest


def next_number(conn: Connection, name: str) -> int:
    """The next number of a named counter, inside the caller's write transaction (the UPDATE
    comes first, so on PostgreSQL it locks the row before anyone reads it)."""
    bumped = conn.execute(
        update(sequences).where(sequences.c.name == name).values(last=sequences.c.last + 1)
    )
    if bumped.rowcount == 0:  # the counter's first use
        conn.execute(insert(sequences).values(name=name, last=1))
        return 1
    return int(conn.execute(select(sequences.c.last).where(sequences.c.name == name)).scalar_one())
