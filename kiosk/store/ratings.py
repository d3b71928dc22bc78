"""Residents' ratings of closed tickets, kept only as outbox items: durable, sent exactly once.

A rating is one outbox item with its own Idempotency-Key, committed in one transaction before the
screen says thank you. A double tap does not make a second item: while an item with the same
rating for the same ticket is still waiting, rating again changes nothing. A different rating (or
the same one after the first was sent: the ticket may have been re-opened and closed again) is a
new item; the centre counts the latest.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime

from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import is_valid
from kiosk.store.outbox import OutboxKind, enqueue
from kiosk.wire import fields
from kiosk.wire.payloads import rating_payload


def record(
    conn: sqlite3.Connection, code: str, rating: Rating, *, kiosk_number: int, now: datetime
) -> bool:
    """Enqueue the rating inside the caller's write transaction; False when the same rating for
    this ticket is waiting already (a double tap)."""
    if not is_valid(code):
        raise ValueError(f"not a valid ticket code: {code!r}")
    if now.utcoffset() is None:
        raise ValueError(f"now must carry the community's time zone, got {now!r}")
    if latest(conn, code, waiting_only=True) is rating:
        return False
    enqueue(
        conn,
        key=str(uuid.uuid4()),
        kind=OutboxKind.RATING,
        ticket_code=code,
        payload=rating_payload(code, rating, kiosk_number=kiosk_number, rated=now),
        created=now,
    )
    return True


def latest(conn: sqlite3.Connection, code: str, *, waiting_only: bool = False) -> Rating | None:
    """The newest rating this kiosk recorded for `code` and did not have refused."""
    states = ("waiting",) if waiting_only else ("waiting", "sent")
    row = conn.execute(
        f"SELECT payload FROM outbox WHERE kind = ? AND ticket_code = ? "
        f"AND state IN ({', '.join('?' for _ in states)}) ORDER BY id DESC LIMIT 1",
        (OutboxKind.RATING.value, code, *states),
    ).fetchone()
    if row is None:
        return None
    try:
        return Rating(json.loads(row[0])[fields.RATING])
    except (ValueError, KeyError, TypeError):
        return None
