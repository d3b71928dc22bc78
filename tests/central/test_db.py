"""The database: migrations run once and in order, a newer schema is refused, SQLite is durable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, Engine, event, inspect, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import ArgumentError
from sqlalchemy.schema import CreateTable

from kiosk.central import db, ticket_search

LATEST = 1 + len(db.MIGRATIONS)
ISSUE_17_COLUMNS = ("lang", "answers", "summaries", "secret_digest")


@pytest.fixture
def engine(tmp_path):
    engine = db.open_engine(f"sqlite:///{tmp_path / 'nested' / 'central.sqlite3'}")
    yield engine
    engine.dispose()


def _version(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(db.schema_version.c.version)).scalar_one())


def test_a_new_database_gets_every_table_at_the_latest_version(engine):
    assert db.migrate(engine) == LATEST
    assert _version(engine) == LATEST
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {"tickets", "idempotency_keys", "kiosks", "staff", "sessions", "voices"} <= tables


def test_migrating_twice_changes_nothing(engine):
    db.migrate(engine)
    assert db.migrate(engine) == LATEST
    assert _version(engine) == LATEST


def test_an_older_database_runs_the_missing_steps_in_order(engine):
    db.migrate(engine)
    ran: list[int] = []

    def add_column(conn: Connection) -> None:
        ran.append(2)
        conn.execute(text("ALTER TABLE tickets ADD COLUMN stars INTEGER"))

    def add_index(conn: Connection) -> None:
        ran.append(3)
        conn.execute(text("CREATE INDEX tickets_stars ON tickets (stars)"))

    steps = db.MIGRATIONS
    assert db.migrate(engine, steps=(*steps, add_column)) == LATEST + 1
    assert db.migrate(engine, steps=(*steps, add_column, add_index)) == LATEST + 2
    assert ran == [2, 3]
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("tickets")}
    assert "stars" in columns


def test_a_failing_step_leaves_the_database_as_it_was(engine):
    db.migrate(engine)

    def broken(conn: Connection) -> None:
        conn.execute(text("ALTER TABLE tickets ADD COLUMN half_done INTEGER"))
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        db.migrate(engine, steps=(*db.MIGRATIONS, broken))
    assert _version(engine) == LATEST
    with engine.connect() as conn:
        assert "half_done" not in {c["name"] for c in inspect(conn).get_columns("tickets")}


def test_a_database_from_a_newer_version_is_refused(engine):
    db.migrate(engine)
    with engine.begin() as conn:
        conn.execute(db.schema_version.update().values(version=99))
    with pytest.raises(db.NewerSchemaError, match="99"):
        db.migrate(engine)


def test_sqlite_connections_are_durable_and_check_foreign_keys(engine):
    db.migrate(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_counters_never_hand_out_a_number_twice(engine):
    db.migrate(engine)
    with db.writing(engine) as conn:
        numbers = [db.next_number(conn, "t") for _ in range(3)]
    with db.writing(engine) as conn:
        numbers.append(db.next_number(conn, "t"))
    assert numbers == [1, 2, 3, 4]


def test_every_table_compiles_for_postgresql():
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    ddl = "\n".join(
        str(CreateTable(table).compile(dialect=dialect)) for table in db.metadata.sorted_tables
    )
    assert "CONSTRAINT idempotency_keys_once UNIQUE (kiosk_id, key)" in ddl
    assert "active BOOLEAN DEFAULT true NOT NULL" in ddl
    assert "AUTOINCREMENT" not in ddl


def test_a_version_1_database_gets_ratings_and_the_first_staff_action_from_the_log(engine):
    from datetime import datetime

    from sqlalchemy import insert

    db.migrate(engine)
    first, later = datetime(2024, 12, 4, 8, 0), datetime(2024, 12, 5, 9, 0)
    with db.writing(engine) as conn:
        conn.execute(insert(db.staff).values(id=1, name="s", password_hash="x", created=first))
        conn.execute(
            insert(db.tickets).values(
                id=1,
                code="0010000014",
                token="t",
                service_code="sanitation",
                service_name="x",
                requested=first,
                received=first,
                updated=first,
            )
        )
        for at in (later, first):
            conn.execute(insert(db.ticket_log).values(ticket_id=1, staff_id=1, at=at, changes="{}"))
        # Back to the shape version 1 had.
        conn.execute(text("DROP TABLE ratings"))
        conn.execute(text("ALTER TABLE tickets DROP COLUMN rating"))
        conn.execute(text("ALTER TABLE tickets DROP COLUMN first_response"))
        for column in ISSUE_17_COLUMNS:
            conn.execute(text(f"ALTER TABLE tickets DROP COLUMN {column}"))
        conn.execute(db.schema_version.update().values(version=1))
    assert db.migrate(engine) == LATEST
    with engine.connect() as conn:
        assert "ratings" in inspect(conn).get_table_names()
        row = conn.execute(select(db.tickets.c.first_response, db.tickets.c.rating)).one()
    assert row.first_response == first
    assert row.rating is None


def _feed_plan(engine: Engine) -> str:
    """SQLite's plan for a changes-feed page after a keyset cursor, as ticket_search asks it."""
    statements: list[tuple[str, Sequence[object]]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "FROM tickets" in statement:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with db.reading(engine) as conn:
            since = datetime(2026, 1, 1, tzinfo=UTC)
            ticket_search.search(
                conn, ticket_search.Filter(updated_after=since, after=(since, 7), limit=50)
            )
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    statement, parameters = statements[-1]
    raw = engine.raw_connection()
    try:
        rows = raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    finally:
        raw.close()
    return " / ".join(str(row[-1]) for row in rows)


def test_a_feed_page_is_read_from_the_updated_id_index_without_sorting(engine):
    db.migrate(engine)
    plan = _feed_plan(engine)
    assert "USING INDEX ix_tickets_feed" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sort of the whole history per page


def test_a_version_3_database_moves_to_the_feed_index(engine):
    db.migrate(engine, steps=db.MIGRATIONS[:2])
    with db.writing(engine) as conn:  # as a v3 database was made: `updated` indexed alone
        db.feed_index.drop(conn)
        conn.execute(text("CREATE INDEX ix_tickets_updated ON tickets (updated)"))
        for column in ISSUE_17_COLUMNS:
            conn.execute(text(f"ALTER TABLE tickets DROP COLUMN {column}"))
    assert db.migrate(engine) == LATEST
    names = {index["name"] for index in inspect(engine).get_indexes("tickets")}
    assert "ix_tickets_feed" in names
    assert "ix_tickets_updated" not in names


def test_a_version_4_database_gets_languages_and_keeps_its_tickets_answers(engine):
    """A ticket answered before issue 17 keeps its answer (read as the default language's), gets
    lang "" and no secret digest, so its public status page stays shut."""
    from sqlalchemy import insert

    db.migrate(engine)
    day = datetime(2024, 12, 4, 8, 0)
    with db.writing(engine) as conn:
        for column in ISSUE_17_COLUMNS:  # back to the shape version 4 had
            conn.execute(text(f"ALTER TABLE tickets DROP COLUMN {column}"))
        conn.execute(db.schema_version.update().values(version=4))
        conn.execute(
            text(
                "INSERT INTO tickets (code, token, service_code, service_name, requested, "
                "received, updated, status, status_notes) VALUES ('0010000014', 't', "
                "'sanitation', 'x', :day, :day, :day, 'closed', '已清运。')"
            ),
            {"day": day},
        )
    assert db.migrate(engine) == LATEST
    with db.reading(engine) as conn:
        (row,) = ticket_search.search(conn, ticket_search.Filter())
        # a new ticket after the upgrade needs no value for the new columns
        conn.execute(
            insert(db.tickets).values(
                code="0010000022",
                token="u",
                service_code="sanitation",
                service_name="x",
                requested=day,
                received=day,
                updated=day,
            )
        )
    assert (row.lang, row.secret_digest, row.summary_texts()) == ("", None, {})
    assert row.answer_texts("zh") == {"zh": "已清运。"}
    assert not row.lacks_own_answer("zh")


def test_a_url_for_another_database_is_refused_in_words_when_the_engine_opens():
    with pytest.raises(ArgumentError, match=r"mysql is not supported: use sqlite:///FILE"):
        db.open_engine("mysql://staff@db.town/echo")
