"""The tickets table: storing a kiosk's ticket, adding voices, searching, and staff changes.

Every function runs inside the caller's transaction (`db.writing` / `db.reading`), so a ticket,
its idempotency record and its log entry commit together. `updated` moves on every change a
reader of the Echo Wall should see; for a closed ticket it is when it was closed or last rated
(`closed` keeps the closing time).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Select, and_, insert, or_, select, update

from kiosk.central import db, times
from kiosk.central.errors import Open311Error
from kiosk.central.intake import NewTicket, NewVoice
from kiosk.central.passwords import new_secret
from kiosk.domain.ticket_code import damm_digit

STATUSES = ("open", "in_progress", "closed")
CENTRE_PREFIX = "000"  # codes the centre makes itself: no kiosk has number 0
DEFAULT_LIMIT = 1000  # GeoReport v2: "first 1000 requests returned"


@dataclass(frozen=True)
class TicketRow:
    id: int
    code: str
    token: str
    device_id: str | None
    service_code: str
    service_name: str
    description: str
    public_description: str
    attributes: str
    phone: str
    address_id: str | None
    requested: datetime
    expected: datetime | None
    agency_responsible: str
    status: str
    status_notes: str
    residents: int
    received: datetime
    updated: datetime
    closed: datetime | None
    rating: str | None = None  # the latest resident's rating (kiosk.domain.rating values)
    first_response: datetime | None = None  # the first staff action

    @property
    def not_satisfied(self) -> bool:
        """The resident said "not satisfied" and the case is open again: staff must look."""
        return self.rating == "not_satisfied" and self.status != "closed"

    def overdue(self, now: datetime) -> bool:
        return (
            self.status != "closed"
            and self.expected is not None
            and times.from_db(self.expected) < now
        )


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
    limit: int = DEFAULT_LIMIT


def _row(mapping: object) -> TicketRow:
    return TicketRow(**dict(mapping._mapping))  # type: ignore[attr-defined]


def centre_code(number: int) -> str:
    body = f"{CENTRE_PREFIX}{number:05d}"
    return body + str(damm_digit(body))


def insert_ticket(conn: Connection, new: NewTicket, *, now: datetime) -> TicketRow:
    code = new.code or centre_code(db.next_number(conn, "centre-tickets"))
    stamp = times.to_db(now)
    conn.execute(
        insert(db.tickets).values(
            code=code,
            token=new_secret(),
            device_id=new.device_id,
            service_code=new.category.code,
            service_name=new.category.name.get(new.category.name.default_lang),
            description=new.description,
            public_description=new.public_description,
            attributes=json.dumps(new.attributes, ensure_ascii=False, sort_keys=True),
            phone=new.phone,
            address_id=new.address_id,
            requested=times.to_db(new.requested),
            expected=times.to_db(new.expected),
            agency_responsible=new.agency_responsible,
            status="open",
            status_notes="",
            residents=1,
            received=stamp,
            updated=stamp,
        )
    )
    found = get(conn, code)
    assert found is not None
    return found


def get(conn: Connection, code: str) -> TicketRow | None:
    row = conn.execute(select(db.tickets).where(db.tickets.c.code == code)).first()
    return None if row is None else _row(row)


def existing(conn: Connection, code: str) -> TicketRow:
    """The ticket a POST on /requests/{code}/... concerns; an unknown code is a 404."""
    row = get(conn, code)
    if row is None:
        raise Open311Error(404, f"service_request_id {code} not found")
    return row


def by_token(conn: Connection, token: str) -> TicketRow | None:
    row = conn.execute(select(db.tickets).where(db.tickets.c.token == token)).first()
    return None if row is None else _row(row)


def add_voice(conn: Connection, ticket: TicketRow, voice: NewVoice, *, now: datetime) -> TicketRow:
    """One more resident; a closed ticket keeps its closing time as `updated`."""
    stamp = times.to_db(now)
    conn.execute(
        insert(db.voices).values(
            ticket_id=ticket.id,
            device_id=voice.device_id,
            joined=times.to_db(voice.joined),
            residents_reported=voice.residents_reported,
            received=stamp,
        )
    )
    values: dict[str, object] = {"residents": db.tickets.c.residents + 1}
    if ticket.status != "closed":
        values["updated"] = stamp
    conn.execute(update(db.tickets).where(db.tickets.c.id == ticket.id).values(**values))
    found = get(conn, ticket.code)
    assert found is not None
    return found


def _where(query: Select[tuple[object, ...]], flt: Filter) -> Select[tuple[object, ...]]:
    t = db.tickets.c
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
            yield _row(row)
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


def change(
    conn: Connection,
    ticket: TicketRow,
    *,
    staff_id: int,
    status: str,
    responsible: str,
    notes: str,
    now: datetime,
) -> dict[str, list[str]]:
    """Staff set status, person and answer; returns what changed (and logs it)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    wanted = {"status": status, "agency_responsible": responsible, "status_notes": notes}
    changes = {
        name: [str(getattr(ticket, name)), value]
        for name, value in wanted.items()
        if getattr(ticket, name) != value
    }
    if not changes:
        return changes
    stamp = times.to_db(now)
    values: dict[str, object] = {**wanted, "updated": stamp}
    if ticket.first_response is None:
        values["first_response"] = stamp
    if status == "closed" and ticket.status != "closed":
        values["closed"] = stamp
    elif status != "closed":
        values["closed"] = None
    conn.execute(update(db.tickets).where(db.tickets.c.id == ticket.id).values(**values))
    conn.execute(
        insert(db.ticket_log).values(
            ticket_id=ticket.id,
            staff_id=staff_id,
            at=stamp,
            changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
        )
    )
    return changes


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    staff: str
    changes: dict[str, list[str]]


def history(conn: Connection, ticket_id: int) -> list[LogEntry]:
    log, staff = db.ticket_log.c, db.staff.c
    rows = conn.execute(
        select(log.at, staff.name, log.changes)
        .select_from(db.ticket_log.outerjoin(db.staff, log.staff_id == staff.id))
        .where(log.ticket_id == ticket_id)
        .order_by(log.id)
    )
    return [
        LogEntry(at=times.from_db(r.at), staff=r.name or "", changes=json.loads(r.changes))
        for r in rows
    ]
