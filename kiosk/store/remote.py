"""What the centre told this kiosk, kept on disk so look-up and the Echo Wall work offline.

The sync worker pulls the services list and every change to the community's tickets (a cursor on
`updated_datetime`) and writes them here; screens only read. A pull's rows, the status of this
kiosk's own tickets in the ticket book and the new cursor commit in one transaction, so a crash
mid-pull repeats the pull instead of skipping changes. Everything here is public (the centre's
GeoReport v2 feed never carries phone numbers or free text).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.domain.figures import SATISFIED, MonthFigures, TicketFacts, month_starts
from kiosk.domain.figures import solved_on_time as on_time
from kiosk.domain.rating import Rating
from kiosk.domain.tickets import TicketStatus
from kiosk.store.db import Handle, write_transaction
from kiosk.store.ticket_book import apply_remote_status, raise_sequence_floor

log = logging.getLogger("kiosk.store")
SERVICES_ETAG = "services_etag"
REQUESTS_CURSOR = "requests_cursor"  # the newest `updated_datetime` applied, as the centre wrote it
REQUESTS_AFTER = "requests_after"  # the centre's Feed-After token for the last item (a keyset)
REQUESTS_ETAG = "requests_etag"  # the answer's ETag for that cursor (304 when nothing changed)
# Set by the first answer of the changes feed, even an empty one (an empty feed moves no cursor):
# until then the wall has nothing to count and must say so rather than show zeros.
FEED_RECEIVED = "requests_received"


@dataclass(frozen=True)
class RemoteService:
    """One Open311 service (an Echo Book category) as the centre knows it."""

    code: str
    name: str
    description: str = ""
    keywords: str = ""
    group: str = ""


@dataclass(frozen=True)
class RemoteRequest:
    """One ticket of the community, from any kiosk, as the public feed shows it."""

    code: str
    status: TicketStatus
    service_code: str
    requested: datetime
    updated: datetime  # the last change (a closing, an answer edited, a rating)
    status_notes: str = ""  # the answer, published on the Echo Wall
    service_name: str = ""
    description: str = ""  # the preset phrases chosen
    address: str = ""
    agency_responsible: str = ""
    device_id: str | None = None
    residents: int = 1
    expected: datetime | None = None  # the promised deadline (定时)
    closed: datetime | None = None  # when it was (last) closed; None unless closed now
    rating: Rating | None = None  # the latest resident's rating, from any kiosk
    answers: Mapping[str, str] = field(default_factory=dict)  # {lang: answer} (extended_attributes)
    summaries: Mapping[str, str] = field(default_factory=dict)  # {lang: the wall's summary}

    @property
    def solved_on_time(self) -> bool:
        return on_time(self.closed_at, self.expected)

    @property
    def closed_at(self) -> datetime | None:
        """The close time; `updated` stands in when an older centre did not send it."""
        if self.status is not TicketStatus.CLOSED:
            return None
        return self.closed or self.updated

    def facts(self) -> TicketFacts:
        """This ticket as the shared counting rules (kiosk.domain.figures) see it."""
        return TicketFacts(
            requested=self.requested,
            expected=self.expected,
            closed=self.closed_at,
            rating=self.rating,
            category=self.service_code,
        )


_COLUMNS = (
    "code, status, status_notes, service_code, service_name, description, address, "
    "agency_responsible, device_id, residents, requested, expected, updated, closed, rating, "
    "answers, summaries"
)
_RATINGS = {r.value: r for r in Rating}


# tally's rules in SQL: solved is closed now; on time is closed no later than the deadline;
# rated counts the ratings this release knows (an unknown one reads as none, as in _request).
_MONTHLY = (
    "WITH months (i, lo, hi) AS (VALUES {months}) "
    "SELECT m.i, COUNT(*), SUM(r.status = 'closed'), "
    "SUM(r.status = 'closed' AND COALESCE(r.closed_ts, r.updated_ts) <= r.expected_ts), "
    "SUM(r.rating IN (" + ", ".join(f"'{r.value}'" for r in Rating) + ")), "
    "SUM(r.rating IN (" + ", ".join("?" for _ in SATISFIED) + ")) "
    "FROM months m JOIN remote_requests r ON r.requested_ts >= m.lo AND r.requested_ts < m.hi "
    "GROUP BY m.i"
)


def _month_range(first: date, now: datetime) -> tuple[float, float]:
    """The month beginning `first` as [start, end) timestamps, midnights in `now`'s zone."""
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (
        datetime(first.year, first.month, 1, tzinfo=now.tzinfo).timestamp(),
        datetime(after.year, after.month, 1, tzinfo=now.tzinfo).timestamp(),
    )


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _texts(text: str | None) -> dict[str, str]:
    """A stored {lang: text} column; anything else (a hand-edited file) reads as none."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str) and v}


def _request(row: sqlite3.Row) -> RemoteRequest:
    return RemoteRequest(
        code=row["code"],
        status=TicketStatus(row["status"]),
        status_notes=row["status_notes"],
        service_code=row["service_code"],
        service_name=row["service_name"],
        description=row["description"],
        address=row["address"],
        agency_responsible=row["agency_responsible"],
        device_id=row["device_id"],
        residents=row["residents"],
        requested=datetime.fromisoformat(row["requested"]),
        expected=_when(row["expected"]),
        updated=datetime.fromisoformat(row["updated"]),
        closed=_when(row["closed"]),
        rating=_RATINGS.get(row["rating"] or ""),
        answers=_texts(row["answers"]),
        summaries=_texts(row["summaries"]),
    )


def _set_state(conn: sqlite3.Connection, name: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM sync_state WHERE name = ?", (name,))
    else:
        conn.execute(
            "INSERT INTO sync_state (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )


def _store(conn: sqlite3.Connection, r: RemoteRequest) -> None:
    closed = r.closed_at
    conn.execute(
        f"INSERT OR REPLACE INTO remote_requests ({_COLUMNS}, updated_ts, expected_ts, "
        "closed_ts, requested_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?)",
        (
            r.code,
            r.status.value,
            r.status_notes,
            r.service_code,
            r.service_name,
            r.description,
            r.address,
            r.agency_responsible,
            r.device_id,
            r.residents,
            r.requested.isoformat(),
            r.expected.isoformat() if r.expected else None,
            r.updated.isoformat(),
            closed.isoformat() if closed else None,
            r.rating.value if r.rating else None,
            json.dumps(dict(r.answers), ensure_ascii=False, sort_keys=True),
            json.dumps(dict(r.summaries), ensure_ascii=False, sort_keys=True),
            r.updated.timestamp(),
            r.expected.timestamp() if r.expected else None,
            closed.timestamp() if closed else None,
            r.requested.timestamp(),
        ),
    )


class RemoteStore(Handle):
    """Pulled data: written by the sync worker, read by the screens (thread-safe)."""

    def state(self, name: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT value FROM sync_state WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else str(row["value"])

    def raise_sequence_floor(self, kiosk: int, floor: int) -> bool:
        """What the centre's heartbeat answer says: number new tickets above `floor`."""
        with self._lock, write_transaction(self._conn):
            raised = raise_sequence_floor(self._conn, kiosk, floor)
        if raised:
            log.warning(
                "kiosk %s: ticket numbers continue after %s, as the centre has", kiosk, floor
            )
        return raised

    def replace_services(self, services: Sequence[RemoteService], *, etag: str | None) -> None:
        """The whole list at once: a service the centre dropped disappears here too."""
        with self._lock, write_transaction(self._conn):
            self._conn.execute("DELETE FROM remote_services")
            self._conn.executemany(
                "INSERT INTO remote_services (code, position, name, description, keywords, "
                "group_name) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (s.code, i, s.name, s.description, s.keywords, s.group)
                    for i, s in enumerate(services)
                ],
            )
            _set_state(self._conn, SERVICES_ETAG, etag)

    def services(self) -> list[RemoteService]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT code, name, description, keywords, group_name FROM remote_services "
                "ORDER BY position"
            ).fetchall()
        return [
            RemoteService(
                code=r["code"],
                name=r["name"],
                description=r["description"],
                keywords=r["keywords"],
                group=r["group_name"],
            )
            for r in rows
        ]

    def apply_requests(
        self,
        requests: Sequence[RemoteRequest],
        *,
        cursor: str | None,
        after: str | None = None,
        etag: str | None,
    ) -> int:
        """Store one page of changes and move the cursor; returns how many of this kiosk's own
        tickets changed status or answer in the ticket book."""
        changed = 0
        with self._lock, write_transaction(self._conn):
            for r in requests:
                _store(self._conn, r)
                # A no-op for other kiosks' codes: only this book's own tickets are in it.
                if apply_remote_status(self._conn, r.code, r.status, r.status_notes):
                    changed += 1
            _set_state(self._conn, REQUESTS_CURSOR, cursor)
            _set_state(self._conn, REQUESTS_AFTER, after)
            _set_state(self._conn, REQUESTS_ETAG, etag)
            _set_state(self._conn, FEED_RECEIVED, "1")
        return changed

    def feed_received(self) -> bool:
        """True once the centre's changes feed has answered at least once on this store."""
        return self.state(FEED_RECEIVED) is not None or self.state(REQUESTS_CURSOR) is not None

    def remember(self, r: RemoteRequest) -> None:
        """Keep one ticket the centre was just asked about (a look-up), unless a newer change
        is stored already; the feed's cursor stays where it is."""
        with self._lock, write_transaction(self._conn):
            row = self._conn.execute(
                "SELECT updated_ts FROM remote_requests WHERE code = ?", (r.code,)
            ).fetchone()
            if row is None or row["updated_ts"] <= r.updated.timestamp():
                _store(self._conn, r)
                apply_remote_status(self._conn, r.code, r.status, r.status_notes)

    def request(self, code: str) -> RemoteRequest | None:
        """Any kiosk's ticket by its code, as last pulled (for look-up of another kiosk's code)."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM remote_requests WHERE code = ?", (code,)
            ).fetchone()
        return None if row is None else _request(row)

    def wall(self, limit: int) -> list[RemoteRequest]:
        """Solved problems for the Echo Wall, the most recently solved first."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM remote_requests WHERE status = 'closed' "
                "ORDER BY COALESCE(closed_ts, updated_ts) DESC, code DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_request(row) for row in rows]

    def monthly(self, now: datetime, months: int = 12) -> list[MonthFigures]:
        """The wall's figures for each of the last `months` months, oldest first (the current
        month last), from the local copy of the feed: works offline. The counting rules of
        kiosk.domain.figures.tally (which the centre's /figures.json uses), done in SQL over the
        report-time index, so the cost follows the period's tickets, not the kiosk's age."""
        starts = month_starts(now, months)
        ranges = [(i, *_month_range(m, now)) for i, m in enumerate(starts)]
        with self._lock:
            rows = self._conn.execute(
                _MONTHLY.format(months=", ".join(["(?, ?, ?)"] * months)),
                [*(v for row in ranges for v in row), *(r.value for r in SATISFIED)],
            ).fetchall()
        counted = {row[0]: [int(v or 0) for v in row[1:]] for row in rows}
        return [MonthFigures(m, *counted.get(i, [0] * 5)) for i, m in enumerate(starts)]
