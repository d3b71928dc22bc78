"""The outbox: what still has to reach the central server, oldest first, each with its key for ever.

Items are enqueued inside the ticket book's own transaction, so a ticket and the promise to send it
commit together. The sync worker (its own thread, its own connection) asks for what is `due`, posts
it with the item's Idempotency-Key and records the answer: sent (with the server's id), rejected
(kept for staff, with the server's reason) or retried later. An item leaves "waiting" only once.
Never put personal data into `error` or `reason`: they are shown to staff and may be logged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from kiosk.store.db import Handle, write_transaction
from kiosk.store.errors import StoreError


class OutboxKind(Enum):
    REQUEST = "request"  # a new ticket: POST /requests.json
    JOIN = "join"  # one more resident on a ticket (不重): the server raises its count
    RATING = "rating"  # a resident's rating of a closed ticket, from this or any other kiosk


class OutboxState(Enum):
    WAITING = "waiting"
    SENT = "sent"
    REJECTED = "rejected"


class OutboxError(StoreError):
    """An outbox item is unknown or has already left the waiting state."""


@dataclass(frozen=True)
class OutboxItem:
    id: int
    key: str  # the Idempotency-Key: the same on every retry, for ever
    kind: OutboxKind
    ticket_code: str
    payload: str  # JSON text; holds personal data (the phone number): never log it
    created: datetime
    state: OutboxState
    attempts: int = 0
    next_attempt: datetime | None = None
    last_error: str = ""
    service_request_id: str | None = None
    reason: str = ""  # the server's reason for a rejection
    finished: datetime | None = None  # when it was sent or rejected

    def fields(self) -> dict[str, Any]:
        """The payload as the worker will post it."""
        data: dict[str, Any] = json.loads(self.payload)
        return data


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int
    oldest_waiting: datetime | None  # for "not sent for 3 days" on the status line
    rejected: int


_COLUMNS = (
    "id, key, kind, ticket_code, payload, created, state, attempts, next_attempt, last_error, "
    "service_request_id, reason, finished"
)


def enqueue(
    conn: sqlite3.Connection,
    *,
    key: str,
    kind: OutboxKind,
    ticket_code: str,
    payload: Mapping[str, object],
    created: datetime,
) -> int:
    """Add an item inside the caller's transaction: it commits with the ticket, or not at all."""
    if not conn.in_transaction:
        raise StoreError("enqueue must run inside the transaction that stores the ticket")
    cursor = conn.execute(
        "INSERT INTO outbox (key, kind, ticket_code, payload, created) VALUES (?, ?, ?, ?, ?)",
        (
            key,
            kind.value,
            ticket_code,
            json.dumps(payload, ensure_ascii=False, sort_keys=True),
            created.isoformat(),
        ),
    )
    return int(cursor.lastrowid or 0)


def _aware(when: datetime, name: str) -> datetime:
    if when.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone, got {when!r}")
    return when


def _item(row: sqlite3.Row) -> OutboxItem:
    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return OutboxItem(
        id=row["id"],
        key=row["key"],
        kind=OutboxKind(row["kind"]),
        ticket_code=row["ticket_code"],
        payload=row["payload"],
        created=datetime.fromisoformat(row["created"]),
        state=OutboxState(row["state"]),
        attempts=row["attempts"],
        next_attempt=when(row["next_attempt"]),
        last_error=row["last_error"],
        service_request_id=row["service_request_id"],
        reason=row["reason"],
        finished=when(row["finished"]),
    )


class Outbox(Handle):
    """The sync worker's view of the outbox, on a connection of its own (thread-safe)."""

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        """Waiting items whose retry time has come, oldest first.

        A join waits until its ticket's request is sent: the server cannot count a voice on a ticket
        it has not heard of, and would reject the join for good. A rating is due at once (it may
        concern another kiosk's ticket, with no request here), unless this kiosk's request for
        that ticket is still waiting.
        """
        now_ts = _aware(now, "now").timestamp()
        with self._lock:
            rows = self._conn.execute(
                f"""SELECT {_COLUMNS} FROM outbox AS o
                WHERE o.state = 'waiting'
                  AND (o.next_attempt_ts IS NULL OR o.next_attempt_ts <= ?)
                  AND (o.kind = 'request'
                    OR (o.kind = 'join' AND EXISTS (
                      SELECT 1 FROM outbox AS r WHERE r.ticket_code = o.ticket_code
                        AND r.kind = 'request' AND r.state = 'sent'))
                    OR (o.kind = 'rating' AND NOT EXISTS (
                      SELECT 1 FROM outbox AS r WHERE r.ticket_code = o.ticket_code
                        AND r.kind = 'request' AND r.state = 'waiting')))
                ORDER BY o.id LIMIT ?""",
                (now_ts, limit),
            ).fetchall()
        return [_item(row) for row in rows]

    def get(self, item_id: int) -> OutboxItem | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (item_id,)
            ).fetchone()
        return None if row is None else _item(row)

    def mark_sent(
        self, item_id: int, service_request_id: str, *, now: datetime | None = None
    ) -> None:
        self._record(
            item_id,
            "state = 'sent', service_request_id = ?, finished = ?",
            (service_request_id, _stamp(now)),
        )

    def mark_rejected(self, item_id: int, reason: str, *, now: datetime | None = None) -> None:
        """The server said no for good (a 4xx): kept, with its reason, for staff to see.

        A rejected ticket takes the voices and ratings waiting for it along: they can never be
        sent (the centre does not know the ticket), and would otherwise wait for ever.
        """
        with self._lock, write_transaction(self._conn):
            self._record(
                item_id, "state = 'rejected', reason = ?, finished = ?", (reason, _stamp(now))
            )
            self._conn.execute(
                "UPDATE outbox SET state = 'rejected', reason = ?, finished = ? "
                "WHERE state = 'waiting' AND kind IN (?, ?) AND ticket_code = "
                "(SELECT ticket_code FROM outbox WHERE id = ? AND kind = ?)",
                (
                    f"its ticket was rejected: {reason}",
                    _stamp(now),
                    OutboxKind.JOIN.value,
                    OutboxKind.RATING.value,
                    item_id,
                    OutboxKind.REQUEST.value,
                ),
            )

    def mark_retry(self, item_id: int, error: str, next_attempt: datetime) -> None:
        when = _aware(next_attempt, "next_attempt")
        self._record(
            item_id,
            "last_error = ?, next_attempt = ?, next_attempt_ts = ?",
            (error, when.isoformat(), when.timestamp()),
        )

    def _record(self, item_id: int, assignments: str, values: tuple[object, ...]) -> None:
        """Record one attempt's outcome; only a waiting item can have one."""
        with self._lock:
            cursor = self._conn.execute(
                f"UPDATE outbox SET {assignments}, attempts = attempts + 1 "
                "WHERE id = ? AND state = 'waiting'",
                (*values, item_id),
            )
            if cursor.rowcount == 1:
                return
            row = self._conn.execute("SELECT state FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise OutboxError(f"no outbox item {item_id}")
        raise OutboxError(f"outbox item {item_id} is already {row['state']}, not waiting")

    def counts(self) -> OutboxCounts:
        """For the status line, every second: each count reads only its partial index, so the
        cost follows what waits or was refused, not the years of items already sent."""
        with self._lock:
            row = self._conn.execute(
                """SELECT
                    (SELECT COUNT(*) FROM outbox WHERE state = 'waiting') AS waiting,
                    (SELECT COUNT(*) FROM outbox WHERE state = 'rejected') AS rejected,
                    (SELECT created FROM outbox WHERE state = 'waiting' ORDER BY id LIMIT 1)
                        AS oldest"""
            ).fetchone()
        oldest = row["oldest"]
        return OutboxCounts(
            waiting=row["waiting"],
            oldest_waiting=datetime.fromisoformat(oldest) if oldest else None,
            rejected=row["rejected"],
        )

    def sent_count(self) -> int:
        """Everything ever sent (a scan: for commands and tests, not for the status line)."""
        with self._lock:
            row = self._conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'sent'").fetchone()
        return int(row[0])

    def rejected(self) -> list[OutboxItem]:
        """Everything the server refused, newest first, for the staff page."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE state = 'rejected' ORDER BY id DESC"
            ).fetchall()
        return [_item(row) for row in rows]

    def retry_rejected(self) -> int:
        """Staff fixed the cause (the config, say): every rejected item waits to be sent again.

        Same Idempotency-Key: the centre stores no answer for a refusal, so the retry is a new
        try and a sent item can still never be sent twice. Returns how many items were moved.
        """
        with self._lock, write_transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE outbox SET state = 'waiting', next_attempt = NULL, next_attempt_ts = NULL, "
                "last_error = CASE WHEN reason = '' THEN last_error "
                "ELSE 'rejected before: ' || reason END, reason = '', finished = NULL "
                "WHERE state = 'rejected'"
            )
            return int(cursor.rowcount)


def _stamp(now: datetime | None) -> str:
    return (datetime.now(UTC) if now is None else _aware(now, "now")).isoformat()
