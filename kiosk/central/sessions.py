"""Staff log-in state: server-side sessions, CSRF tokens and the log-in rate limit.

The cookie holds a random token; the database holds only its hash, with the staff id, the
session's CSRF token and when it expires, so logging out (or a password reset) ends a session
for real. Every staff form carries the CSRF token and a POST without the right one is refused;
the log-in form, before any session exists, uses a double-submit cookie instead. Failed log-ins
are counted per staff name and per client address in the database, so the limit holds across
restarts and several server processes. An attempt is counted (reserved) before its password is
checked, in the same write transaction that looks at the count, so parallel guesses cannot all
slip under the limit; a right password then clears the name's count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, case, delete, func, insert, or_, select, text

from kiosk.central import db, times
from kiosk.central.passwords import new_secret, secret_hash
from kiosk.central.settings import Settings

_PG_LOGIN_LOCK = 3110312  # serialises reservations on PostgreSQL (SQLite writes are serial)
COOKIE = "echo_staff"
LOGIN_CSRF_COOKIE = "echo_login_csrf"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    name: str
    csrf: str


def start(conn: Connection, staff_id: int, *, now: datetime, hours: float) -> str:
    """A new session; returns the cookie value (shown to the browser only, never stored)."""
    token = new_secret()
    conn.execute(
        insert(db.sessions).values(
            token_hash=secret_hash(token),
            staff_id=staff_id,
            csrf=new_secret(),
            created=times.to_db(now),
            expires=times.to_db(now + timedelta(hours=hours)),
        )
    )
    return token


def find(conn: Connection, token: str | None, *, now: datetime) -> StaffSession | None:
    if not token:
        return None
    s, staff = db.sessions.c, db.staff.c
    row = conn.execute(
        select(s.staff_id, s.csrf, staff.name)
        .select_from(db.sessions.join(db.staff, s.staff_id == staff.id))
        .where(s.token_hash == secret_hash(token), s.expires > times.to_db(now), staff.active)
    ).first()
    return None if row is None else StaffSession(row.staff_id, row.name, row.csrf)


def end(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(delete(db.sessions).where(db.sessions.c.token_hash == secret_hash(token)))


def locked_out(
    conn: Connection, name: str, client: str, *, now: datetime, settings: Settings
) -> bool:
    """True while this name or this client has failed too often within the window."""
    f = db.login_failures.c
    since = times.to_db(now - timedelta(seconds=settings.login_window_seconds))
    by_name, by_client = conn.execute(
        select(
            func.coalesce(func.sum(case((f.name == name, 1), else_=0)), 0),
            func.coalesce(func.sum(case((f.client == client, 1), else_=0)), 0),
        ).where(f.at >= since, or_(f.name == name, f.client == client))
    ).one()
    return (
        int(by_name) >= settings.login_max_failures_per_name
        or int(by_client) >= settings.login_max_failures_per_client
    )


def record_failure(conn: Connection, name: str, client: str, *, now: datetime) -> int:
    """Count one failed (or not yet checked) attempt; returns its id."""
    failure = insert(db.login_failures).values(
        name=name[:100], client=client[:100], at=times.to_db(now)
    )
    return int(conn.execute(failure.returning(db.login_failures.c.id)).scalar_one())


def reserve_attempt(
    conn: Connection, name: str, client: str, *, now: datetime, settings: Settings
) -> int | None:
    """Count an attempt as failed before its password is checked; None when locked out.

    Run inside `db.writing`: the count and the new row are one step, whatever runs in parallel."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOGIN_LOCK})
    if locked_out(conn, name, client, now=now, settings=settings):
        return None
    return record_failure(conn, name, client, now=now)


def release_attempt(conn: Connection, attempt: int) -> None:
    """Take back a reserved attempt whose password was never checked (the server was busy)."""
    conn.execute(delete(db.login_failures).where(db.login_failures.c.id == attempt))


def forget_failures(conn: Connection, name: str) -> None:
    conn.execute(delete(db.login_failures).where(db.login_failures.c.name == name))


def prune(conn: Connection, *, now: datetime, settings: Settings) -> None:
    """Drop expired sessions and failures older than the window (called on each log-in)."""
    stamp = times.to_db(now)
    since = times.to_db(now - timedelta(seconds=settings.login_window_seconds))
    conn.execute(delete(db.sessions).where(db.sessions.c.expires <= stamp))
    conn.execute(delete(db.login_failures).where(db.login_failures.c.at < since))
