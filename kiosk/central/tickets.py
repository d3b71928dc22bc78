"""The tickets table: storing a kiosk's ticket, adding voices, and staff changes (searching is
ticket_search.py).

Every function runs inside the caller's transaction (`db.writing` / `db.reading`), so a ticket,
its idempotency record and its log entry commit together. `updated` moves on every change a
reader of the Echo Wall should see; for a closed ticket it is when it was closed or last rated
(`closed` keeps the closing time).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.central import answers, db, times
from kiosk.central.errors import Open311Error
from kiosk.central.intake import NewTicket, NewVoice
from kiosk.central.passwords import new_secret
from kiosk.domain.ticket_code import damm_digit

STATUSES = ("open", "in_progress", "closed")
CENTRE_PREFIX = "000"  # codes the centre makes itself: no kiosk has number 0


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
    lang: str = ""  # the resident's language at the kiosk; "" before kiosks sent it
    answers: str = "{}"  # JSON {lang: answer}: answer_texts() reads it
    summaries: str = "{}"  # JSON {lang: Echo Wall summary}, staff's optional override
    secret_digest: str | None = None  # opens the public status page (kiosk.domain.ticket_secret)

    def answer_texts(self, default_lang: str) -> dict[str, str]:
        """The answer per language; one from before languages were kept is the default's."""
        found = answers.parse(self.answers)
        if not found and self.status_notes.strip():
            return {default_lang: self.status_notes.strip()}
        return found

    def summary_texts(self) -> dict[str, str]:
        return answers.parse(self.summaries)

    def lacks_own_answer(self, default_lang: str) -> bool:
        """The resident chose a language other than the default and no answer is in it yet: the
        staff list marks it, so a Uyghur resident is not left with a Chinese answer only."""
        return (
            bool(self.lang)
            and self.lang != default_lang
            and self.lang not in self.answer_texts(default_lang)
        )

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


def row_of(mapping: object) -> TicketRow:
    return TicketRow(**dict(mapping._mapping))  # type: ignore[attr-defined]


def centre_code(number: int) -> str:
    body = f"{CENTRE_PREFIX}{number:05d}"
    return body + str(damm_digit(body))


# A code already taken inserts nothing and returns no row, in the same round trip (a look-up
# first was one more statement a POST, issue 18: CPU per POST). On PostgreSQL a twin's insert
# not yet committed is waited for, as the unique index would make it wait.
_INSERT_TICKET = {
    name: dialect.insert(db.tickets)
    .on_conflict_do_nothing(index_elements=[db.tickets.c.code])
    .returning(*db.tickets.c)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def insert_ticket(conn: Connection, new: NewTicket, *, now: datetime) -> TicketRow | None:
    """The new ticket's row, or None when a ticket with its code exists already."""
    code = new.code or centre_code(db.next_number(conn, "centre-tickets"))
    stamp = times.to_db(now)
    # The row's values as parameters of one cached statement (not a new `.values()` clause
    # each time), and the row back in the same statement (issue 18: CPU per POST).
    row = conn.execute(
        _INSERT_TICKET[conn.dialect.name],
        {
            "code": code,
            "token": new_secret(),
            "device_id": new.device_id,
            "service_code": new.category.code,
            "service_name": new.category.name.get(new.category.name.default_lang),
            "description": new.description,
            "public_description": new.public_description,
            "attributes": json.dumps(new.attributes, ensure_ascii=False, sort_keys=True),
            "phone": new.phone,
            "address_id": new.address_id,
            "requested": times.to_db(new.requested),
            "expected": times.to_db(new.expected),
            "agency_responsible": new.agency_responsible,
            "lang": new.lang,
            "secret_digest": new.secret_digest,
            "status": "open",
            "status_notes": "",
            "residents": 1,
            "received": stamp,
            "updated": stamp,
        },
    ).first()
    return None if row is None else row_of(row)


def get(conn: Connection, code: str) -> TicketRow | None:
    row = conn.execute(select(db.tickets).where(db.tickets.c.code == code)).first()
    return None if row is None else row_of(row)


def existing(conn: Connection, code: str) -> TicketRow:
    """The ticket a POST on /requests/{code}/... concerns; an unknown code is a 404."""
    row = get(conn, code)
    if row is None:
        raise Open311Error(404, f"service_request_id {code} not found")
    return row


def by_token(conn: Connection, token: str) -> TicketRow | None:
    row = conn.execute(select(db.tickets).where(db.tickets.c.token == token)).first()
    return None if row is None else row_of(row)


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


def _texts_changes(
    name: str, old: Mapping[str, str], new: Mapping[str, str]
) -> dict[str, list[str]]:
    """Logged as `answers.zh`, `summaries.ug`, ...: one entry per language that changed."""
    return {
        f"{name}.{lang}": [old.get(lang, ""), new.get(lang, "")]
        for lang in sorted({*old, *new})
        if old.get(lang, "") != new.get(lang, "")
    }


def change(
    conn: Connection,
    ticket: TicketRow,
    *,
    staff_id: int,
    status: str,
    responsible: str,
    notes: str | None = None,
    answers_by_lang: Mapping[str, str] | None = None,
    summaries_by_lang: Mapping[str, str] | None = None,
    default_lang: str = "zh",
    now: datetime,
) -> dict[str, list[str]]:
    """Staff set status, person, the answer per language and the wall's summary per language;
    returns what changed (and logs it). `notes` alone sets the default language's answer and
    keeps the others; `status_notes` follows: the default language's answer, else another's."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    old_answers = ticket.answer_texts(default_lang)
    if answers_by_lang is None:
        answers_by_lang = {**old_answers, default_lang: notes or ""}
    new_answers = answers.cleaned(answers_by_lang)
    old_summaries = ticket.summary_texts()
    new_summaries = (
        old_summaries if summaries_by_lang is None else answers.cleaned(summaries_by_lang)
    )
    wanted = {"status": status, "agency_responsible": responsible}
    changes = {
        name: [str(getattr(ticket, name)), value]
        for name, value in wanted.items()
        if getattr(ticket, name) != value
    }
    changes.update(_texts_changes("answers", old_answers, new_answers))
    changes.update(_texts_changes("summaries", old_summaries, new_summaries))
    if not changes:
        return changes
    stamp = times.to_db(now)
    values: dict[str, object] = {
        **wanted,
        "status_notes": answers.one_text(new_answers, default_lang),
        "answers": answers.dump(new_answers),
        "summaries": answers.dump(new_summaries),
        "updated": stamp,
    }
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
