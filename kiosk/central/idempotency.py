"""Run a kiosk's POST exactly once per `Idempotency-Key` (IETF httpapi draft), for good.

The key, a fingerprint of what was asked and the answer given are stored in the same transaction
as the ticket, under a unique (kiosk, key) constraint. A repeat with the same fingerprint gets
the stored answer byte for byte; the same key with a different request gets 422. Two identical
requests racing each other cannot both win: on SQLite the second waits for the write lock and
then finds the first one's record; on PostgreSQL the second's insert fails on the constraint, it
rolls back and replays the first one's answer (on PostgreSQL's READ COMMITTED the loser may
also see the winner's ticket before its key: `Conflict` sends it round once more). Errors
(400/403/404) are not stored: nothing was done, and a corrected retry with the same key may
still succeed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from kiosk.central import db, times
from kiosk.central.accounts import (
    HOLDS_KEY,
    KIOSK_COLUMNS,
    NOT_VALID,
    Kiosk,
    key_params,
    kiosk_from,
    posting_kiosk,
)
from kiosk.central.errors import Open311Error

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY = 255
_NOT_IN_FINGERPRINT = frozenset({"api_key"})  # a rotated key must not turn a retry into a 422


class Conflict(Exception):  # noqa: N818 - it is a condition, not a failure of ours
    """An action found its work already done: by a twin request that committed a moment ago
    (then the next pass replays the twin's answer), or under another key (then `error`)."""

    def __init__(self, error: Open311Error) -> None:
        super().__init__(error.description)
        self.error = error


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: str  # JSON text, exactly as first sent
    ticket_id: int | None = None


def parse_key(header: str | None) -> str:
    """The key from the header (a bare token or a quoted structured-field string), or 400."""
    key = (header or "").strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not key:
        raise Open311Error(400, f"the {HEADER} header is required on every POST")
    if len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
        raise Open311Error(
            400, f"the {HEADER} must be at most {MAX_KEY} printable ASCII characters"
        )
    return key


def fingerprint(operation: str, pairs: Sequence[tuple[str, str]]) -> str:
    """Which operation, with which fields (order-insensitive, the API key left out)."""
    fields = sorted((k, v) for k, v in pairs if k not in _NOT_IN_FINGERPRINT)
    text = json.dumps([operation, fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_i = db.idempotency_keys.c
_POSTER_AND_ANSWER = (
    select(*KIOSK_COLUMNS, _i.fingerprint, _i.status_code, _i.body, _i.ticket_id)
    .select_from(
        db.kiosks.outerjoin(
            db.idempotency_keys, (_i.kiosk_id == db.kiosks.c.id) & (_i.key == bindparam("key"))
        )
    )
    .where(HOLDS_KEY)
)


def _poster_and_answer(
    conn: Connection, api_key: str, key_header: str | None, wanted: str
) -> tuple[Kiosk, str, Answer | None]:
    """The posting kiosk (403), the key (400), and what was answered under it before: the kiosk
    and its key in one statement, a round trip less a POST. Errors in that order."""
    try:
        key = parse_key(key_header)
    except Open311Error:
        posting_kiosk(conn, api_key)  # a wrong api_key is told first
        raise
    row = conn.execute(_POSTER_AND_ANSWER, {"key": key, **key_params(api_key)}).first()
    if row is None:
        raise Open311Error(403, NOT_VALID)
    kiosk = kiosk_from(row)
    if row.fingerprint is None:
        return kiosk, key, None
    if row.fingerprint != wanted:
        raise Open311Error(
            422, f"this {HEADER} was used before for a different request; make a new key"
        )
    return kiosk, key, Answer(row.status_code, row.body, row.ticket_id)


def run_once(
    engine: Engine,
    *,
    api_key: str,
    key_header: str | None,
    fingerprint: str,
    now: datetime,
    action: Callable[[Connection, Kiosk], Answer],
) -> tuple[Answer, bool]:
    """(answer, replayed): `action` runs at most once per key, in the transaction that records it.

    The kiosk of `api_key` (403, before a bad key's 400) is looked up in the same transaction
    and statement as the key: one connection a POST. An Open311Error from either rolls everything
    back and reaches the caller unchanged; a Conflict is looked at once more in a new
    transaction, where a twin's key is now visible.
    """
    for attempt in (1, 2):
        try:
            with db.writing(engine) as conn:
                kiosk, key, earlier = _poster_and_answer(conn, api_key, key_header, fingerprint)
                if earlier is not None:
                    return earlier, True
                answer = action(conn, kiosk)
                conn.execute(
                    insert(db.idempotency_keys),  # parameters, not a new clause each time
                    {
                        "kiosk_id": kiosk.id,
                        "key": key,
                        "fingerprint": fingerprint,
                        "status_code": answer.status_code,
                        "body": answer.body,
                        "ticket_id": answer.ticket_id,
                        "created": times.to_db(now),
                    },
                )
                return answer, False
        except IntegrityError:
            if attempt == 2:
                raise
            # A twin request committed first; the next pass finds and replays its answer.
        except Conflict as conflict:
            if attempt == 2:
                raise conflict.error from None
    raise AssertionError("unreachable")
