"""The Echo Book on disk: a report is committed before anything is printed or sent (不漏).

Each submit is one write transaction: the kiosk's next sequence number, the ticket row and its
outbox item commit together or not at all. A draft is recorded once (不重): whichever of `submit`
or `join` first commits it decides its ticket, and every later call with the same `draft_id` (a
double tap, a retry after a crash) returns that ticket unchanged. The person responsible is copied
into the ticket, so a later config edit does not change who promised what on a printed receipt.

Codes (kiosk.domain.ticket_code): a kiosk number has a row in `sequences` once the centre's floor
for it is known (`raise_sequence_floor`, even a floor of 0) or once it counted ordinarily (a store
from before provisional codes). Without that row the store is a fresh card that cannot know which
codes the old card printed, so it issues provisional codes from a random block, continuing from
its own highest provisional sequence; with it, it counts ordinarily above the floor.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import date, datetime, timedelta

from kiosk.domain.content import Category
from kiosk.domain.rating import Rating
from kiosk.domain.text import Text
from kiosk.domain.ticket_code import (
    PROVISIONAL_END,
    PROVISIONAL_FIRST,
    make_code,
    provisional_block,
)
from kiosk.domain.ticket_secret import new_secret
from kiosk.domain.tickets import Draft, Ticket, TicketStatus, is_same_problem, promised_date
from kiosk.store import ratings
from kiosk.store.db import Handle, write_transaction
from kiosk.store.errors import StoreError
from kiosk.store.outbox import OutboxKind, enqueue
from kiosk.wire.payloads import join_payload, request_payload


class UnknownTicketError(StoreError, LookupError):
    """A join named a ticket code this book does not hold."""


def apply_remote_status(
    conn: sqlite3.Connection, code: str, status: TicketStatus, answer: str
) -> bool:
    """Record what the centre says about one of this kiosk's tickets, inside the caller's
    transaction (the sync worker's pull, which also moves its cursor): look-up then works offline.
    True when the ticket is in this book and something changed.
    """
    if not conn.in_transaction:
        raise StoreError("apply_remote_status must run inside the pull's transaction")
    cursor = conn.execute(
        "UPDATE tickets SET status = ?, answer = ? WHERE code = ? AND (status != ? OR answer != ?)",
        (status.value, answer, code, status.value, answer),
    )
    return cursor.rowcount == 1


def raise_sequence_floor(conn: sqlite3.Connection, kiosk: int, floor: int) -> bool:
    """The next ticket of `kiosk` gets a sequence above `floor` (the highest the centre holds).

    A kiosk on a fresh SD card cannot know which codes the old card printed; until this is
    called it issues provisional codes (see the module docstring), afterwards it counts above the
    floor. The sync worker calls this with each heartbeat's answer. Never lowers the counter.
    Inside the caller's transaction; True when the counter moved.
    """
    if not conn.in_transaction:
        raise StoreError("raise_sequence_floor must run inside a write transaction")
    conn.execute("INSERT OR IGNORE INTO sequences (kiosk, last) VALUES (?, 0)", (kiosk,))
    cursor = conn.execute(
        "UPDATE sequences SET last = ? WHERE kiosk = ? AND last < ?", (floor, kiosk, floor)
    )
    return cursor.rowcount == 1


def _aware(now: datetime) -> datetime:
    if now.utcoffset() is None:
        raise ValueError(f"now must carry the community's time zone, got {now!r}")
    return now


def _ticket(row: sqlite3.Row) -> Ticket:
    responsible = json.loads(row["responsible"])
    return Ticket(
        code=row["code"],
        key=row["key"],
        category=row["category"],
        responsible=Text(responsible["values"], responsible["default_lang"]),
        created=datetime.fromisoformat(row["created"]),
        promised=date.fromisoformat(row["promised"]),
        phrases=tuple(json.loads(row["phrases"])),
        free_text=row["free_text"],
        place=row["place"],
        phone=row["phone"],
        residents=row["residents"],
        status=TicketStatus(row["status"]),
        answer=row["answer"],
        lang=row["lang"],
        secret=row["secret"],
    )


class TicketBook(Handle):
    """This kiosk's tickets; one connection, usable from any thread (calls are serialised)."""

    def submit(
        self, draft: Draft, *, category: Category, kiosk_number: int, now: datetime
    ) -> Ticket:
        """Store the draft as a new ticket, or return the ticket it already made or joined."""
        _aware(now)
        if draft.category != category.code:
            raise ValueError(f"draft is for category {draft.category!r}, not {category.code!r}")
        with self._lock, write_transaction(self._conn):
            code = self._recorded(draft.draft_id)
            if code is None:
                sequence = self._next_sequence(kiosk_number)
                code = make_code(kiosk_number, sequence)
                self._insert(
                    draft, category=category, kiosk=kiosk_number, sequence=sequence, now=now
                )
            return self._by_code(code)

    def find_same_problem(
        self, draft: Draft, *, category: Category, now: datetime
    ) -> Ticket | None:
        """The open ticket this draft repeats, newest first (see `is_same_problem`).

        None for a draft already recorded: its own ticket is not "the same problem", and `submit`
        returns what it was recorded as.
        """
        _aware(now)
        if draft.category != category.code:
            raise ValueError(f"draft is for category {draft.category!r}, not {category.code!r}")
        if not draft.phrases:
            return None
        with self._lock:
            if self._recorded(draft.draft_id) is not None:
                return None
            # A day's slack under the deadline: is_same_problem has the last word.
            since = (now - timedelta(days=category.deadline_days + 1)).timestamp()
            rows = self._conn.execute(
                "SELECT * FROM tickets WHERE category = ? AND place IS ? AND status != 'closed' "
                "AND created_ts >= ? ORDER BY id DESC",
                (draft.category, draft.place, since),
            ).fetchall()
        for row in rows:
            ticket = _ticket(row)
            if is_same_problem(ticket, draft, now=now, deadline_days=category.deadline_days):
                return ticket
        return None

    def join(self, code: str, *, draft_id: str, now: datetime) -> Ticket:
        """Add the resident of `draft_id` to ticket `code`: one more voice, one outbox item.

        Idempotent by `draft_id`; a draft already recorded (joined, or stored as its own ticket)
        is not counted again and its ticket is returned.
        """
        _aware(now)
        with self._lock, write_transaction(self._conn):
            recorded = self._recorded(draft_id)
            if recorded is None:
                row = self._conn.execute(
                    "SELECT kiosk, residents FROM tickets WHERE code = ?", (code,)
                ).fetchone()
                if row is None:
                    raise UnknownTicketError(f"no ticket {code!r} in this kiosk's Echo Book")
                self._conn.execute(
                    "UPDATE tickets SET residents = residents + 1 WHERE code = ?", (code,)
                )
                key = str(uuid.uuid4())
                self._conn.execute(
                    "INSERT INTO joins (draft_id, ticket_code, key, created) VALUES (?, ?, ?, ?)",
                    (draft_id, code, key, now.isoformat()),
                )
                payload = join_payload(
                    code, kiosk_number=row["kiosk"], joined=now, residents=row["residents"] + 1
                )
                enqueue(
                    self._conn,
                    key=key,
                    kind=OutboxKind.JOIN,
                    ticket_code=code,
                    payload=payload,
                    created=now,
                )
                recorded = code
            return self._by_code(recorded)

    def rate(self, code: str, rating: Rating, *, kiosk_number: int, now: datetime) -> bool:
        """Record a resident's rating of ticket `code` (any kiosk's) for the centre; False when
        the same rating is waiting to be sent already (see kiosk.store.ratings)."""
        with self._lock, write_transaction(self._conn):
            return ratings.record(self._conn, code, rating, kiosk_number=kiosk_number, now=now)

    def my_rating(self, code: str) -> Rating | None:
        with self._lock:
            return ratings.latest(self._conn, code)

    def get(self, code: str) -> Ticket | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM tickets WHERE code = ?", (code,)).fetchone()
        return None if row is None else _ticket(row)

    def recent(self, limit: int) -> list[Ticket]:
        """The newest tickets first (in the order they were stored)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT * FROM tickets ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_ticket(row) for row in rows]

    # Helpers below run inside the caller's lock (and transaction, for writes).

    def _recorded(self, draft_id: str) -> str | None:
        """The code of the ticket this draft made or joined, if it was recorded already."""
        row = self._conn.execute(
            "SELECT code FROM tickets WHERE draft_id = ? "
            "UNION ALL SELECT ticket_code FROM joins WHERE draft_id = ?",
            (draft_id, draft_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def _next_sequence(self, kiosk: int) -> int:
        """Kept in its own table, so a number is never handed out twice, even if rows go; a
        provisional one while the floor is unknown (see the module docstring)."""
        row = self._conn.execute("SELECT last FROM sequences WHERE kiosk = ?", (kiosk,)).fetchone()
        if row is None:
            return self._next_provisional(kiosk)
        if int(row[0]) + 1 >= PROVISIONAL_FIRST:
            raise StoreError(f"kiosk {kiosk} has used every ordinary ticket number")
        self._conn.execute("UPDATE sequences SET last = last + 1 WHERE kiosk = ?", (kiosk,))
        return int(row[0]) + 1

    def _next_provisional(self, kiosk: int) -> int:
        row = self._conn.execute(
            "SELECT MAX(sequence) FROM tickets WHERE kiosk = ? AND sequence >= ? AND sequence < ?",
            (kiosk, PROVISIONAL_FIRST, PROVISIONAL_END),
        ).fetchone()
        return provisional_block() if row[0] is None else int(row[0]) + 1

    def _insert(
        self, draft: Draft, *, category: Category, kiosk: int, sequence: int, now: datetime
    ) -> None:
        code = make_code(kiosk, sequence)
        key = str(uuid.uuid4())
        secret = new_secret()  # committed with the ticket: the receipt's link and the centre's
        responsible = {
            "values": dict(category.responsible.values),
            "default_lang": category.responsible.default_lang,
        }
        self._conn.execute(
            """INSERT INTO tickets (code, kiosk, sequence, key, draft_id, category, responsible,
                created, promised, phrases, free_text, place, phone, lang, secret, created_ts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                code,
                kiosk,
                sequence,
                key,
                draft.draft_id,
                draft.category,
                json.dumps(responsible, ensure_ascii=False, sort_keys=True),
                now.isoformat(),
                promised_date(now, category).isoformat(),
                json.dumps(list(draft.phrases)),
                draft.free_text,
                draft.place,
                draft.phone,
                draft.lang,
                secret,
                now.timestamp(),
            ),
        )
        payload = request_payload(
            draft, category=category, code=code, kiosk_number=kiosk, created=now, secret=secret
        )
        enqueue(
            self._conn,
            key=key,
            kind=OutboxKind.REQUEST,
            ticket_code=code,
            payload=payload,
            created=now,
        )

    def _by_code(self, code: str) -> Ticket:
        row = self._conn.execute("SELECT * FROM tickets WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise UnknownTicketError(f"no ticket {code!r} in this kiosk's Echo Book")
        return _ticket(row)
