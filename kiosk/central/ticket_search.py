"""Searching the tickets table: GET /requests.json, the changes feed and the staff list.

Runs inside the caller's read transaction. The changes feed pages by the keyset (updated, id),
served by one index (db.feed_index) on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, and_, or_, select

from kiosk.central import db, times
from kiosk.central.tickets import TicketRow, row_of

DEFAULT_LIMIT = 1000  # GeoReport v2: "first 1000 requests returned"


@dataclass(frozen=True)
class Filter:
    """What GET /requests.json and the staff list ask for; empty means "any"."""

    codes: Sequence[str] = ()
    service_code: str | None = None
    statuses: Collection[str] = ()
    device_id: str | None = None
    start: datetime | None = None  # requested on or after
    end: datetime | None = None  # requested on or before
    updated_after: datetime | None = None  # updated on or after: a cursor, oldest first
    after: tuple[datetime, int] | None = None  # keyset: strictly after (updated, id), see position
    overdue_at: datetime | None = None  # only tickets past their promise at this instant
    not_satisfied: bool = False  # only tickets a resident re-opened as "not satisfied"
    closed_only: bool = False  # the public view: what the Echo Wall publishes (even by code)
    lacking_answer: str | None = None  # only residents of this language without an answer in it
    limit: int = DEFAULT_LIMIT


def _where(query: Select[tuple[object, ...]], flt: Filter) -> Select[tuple[object, ...]]:
    t = db.tickets.c
    if flt.closed_only:
        query = query.where(t.status == "closed")
    if flt.codes:
        return query.where(t.code.in_(list(flt.codes)))  # GeoReport: overrides everything else
    if flt.service_code:
        query = query.where(t.service_code == flt.service_code)
    if flt.statuses:
        query = query.where(t.status.in_(list(flt.statuses)))
    if flt.device_id:
        query = query.where(t.device_id == flt.device_id)
    if flt.start is not None:
        query = query.where(t.requested >= times.to_db(flt.start))
    if flt.end is not None:
        query = query.where(t.requested <= times.to_db(flt.end))
    if flt.updated_after is not None:
        query = query.where(t.updated >= times.to_db(flt.updated_after))
    if flt.after is not None:
        updated, ticket_id = flt.after
        query = query.where(
            t.updated >= updated,  # a plain range on the index's first column, for the planner
            or_(t.updated > updated, and_(t.updated == updated, t.id > ticket_id)),
        )
    if flt.overdue_at is not None:
        query = query.where(t.status != "closed", t.expected < times.to_db(flt.overdue_at))
    if flt.not_satisfied:
        query = query.where(t.status != "closed", t.rating == "not_satisfied")
    if flt.lacking_answer:
        # answers.dump writes sorted JSON whose keys are the only places a `"xx":` can appear
        # (a quote inside a text is escaped), so this finds tickets without that language.
        wanted = flt.lacking_answer
        query = query.where(t.lang == wanted, t.answers.not_like(f'%"{wanted}":%'))
    return query


def search(conn: Connection, flt: Filter) -> list[TicketRow]:
    """Newest report first; with `updated_after`, oldest change first, so it pages as a cursor."""
    return list(stream(conn, flt))


def stream(conn: Connection, flt: Filter) -> Iterator[TicketRow]:
    """`search` row by row, read from the database as they are taken: a caller that stops early
    (a page full by bytes) reads no more rows than it sends. The (updated, id) index serves both
    the cursor and its order, so a page costs the same however long the history."""
    t = db.tickets.c
    query: Select[tuple[object, ...]] = select(db.tickets)
    query = _where(query, flt)
    if flt.updated_after is not None or flt.after is not None:
        query = query.order_by(t.updated, t.id)
    else:
        query = query.order_by(t.requested.desc(), t.id.desc())
    result = conn.execute(query.limit(flt.limit).execution_options(yield_per=100))
    try:
        for row in result:
            yield row_of(row)
    finally:
        result.close()


def position(row: TicketRow) -> str:
    """Where a row stands in the changes feed, exactly (the wire's `updated_datetime` has only
    seconds): the opaque `after` token a reader sends back for the next page. A ticket changed
    since it was read gets a later `updated`, so it comes after every token handed out before."""
    return f"{row.updated.isoformat(timespec='microseconds')}~{row.id}"


def parse_position(token: str) -> tuple[datetime, int]:
    """`position`'s token back; ValueError when it is not one."""
    stamp, _, ticket_id = token.strip().partition("~")
    return datetime.fromisoformat(stamp).replace(tzinfo=None), int(ticket_id)
