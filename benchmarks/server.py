"""Benchmark 6: the central server under 50 kiosks at once, on SQLite and on PostgreSQL.

Each simulated kiosk is a thread with its own API key and keep-alive session, posting its own
distinct tickets oldest first; every `RETRY_EVERY`-th ticket is posted a second time with the same
Idempotency-Key (an answer lost on the way back). A kiosk whose POST fails retries it with the same
key, as the outbox does. At the end the database must hold every ticket exactly once.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import requests

from benchmarks import postgres
from benchmarks.central import Central
from benchmarks.results import Result, ratio
from benchmarks.sync import CATEGORY, JURISDICTION, draft
from kiosk.domain.ticket_code import make_code
from kiosk.sync.client import form_pairs
from kiosk.wire.payloads import request_payload

ZONE = ZoneInfo("Asia/Shanghai")
RETRY_EVERY = 5
FIRST_KIOSK = 101


@dataclass
class Tally:
    posts: int = 0
    retries: int = 0
    failures: int = 0  # answers other than 200/201 (each retried with the same key)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _kiosk(url: str, number: int, key: str, tickets: int, tally: Tally) -> set[str]:
    session = requests.Session()
    session.trust_env = False
    codes = set()
    try:
        for seq in range(1, tickets + 1):
            code = make_code(number, seq)
            payload = request_payload(
                draft(seq),
                category=CATEGORY,
                code=code,
                kiosk_number=number,
                created=datetime.now(ZONE),
            )
            pairs = [*form_pairs(payload), ("jurisdiction_id", JURISDICTION), ("api_key", key)]
            headers = {"Idempotency-Key": str(uuid.uuid4())}
            sends = 2 if seq % RETRY_EVERY == 0 else 1
            for attempt in range(sends):
                for _try in range(20):
                    try:
                        reply = session.post(url, data=pairs, headers=headers, timeout=60)
                        ok = reply.status_code in (200, 201)
                        detail = f"{reply.status_code} {reply.text[:120]}"
                    except requests.RequestException as error:
                        ok, detail = False, type(error).__name__
                    with tally.lock:
                        tally.posts += 1
                        tally.retries += attempt > 0 or _try > 0
                        if not ok:
                            tally.failures += 1
                            if len(tally.errors) < 5:
                                tally.errors.append(detail)
                    if ok:
                        break
                    time.sleep(0.05 * (_try + 1))
            codes.add(code)
    finally:
        session.close()
    return codes


def load(
    server: Central, kiosks: int, tickets: int
) -> tuple[float, Tally, bool, str, dict[str, int]]:
    """(tickets per second, tally, exactly once?, what the count found, the counts)."""
    keys = {FIRST_KIOSK + i: server.add_kiosk(FIRST_KIOSK + i) for i in range(kiosks)}
    tally = Tally()
    sent: list[set[str]] = []
    url = server.url + "requests.json"

    def one(number: int) -> None:
        sent.append(_kiosk(url, number, keys[number], tickets, tally))

    threads = [threading.Thread(target=one, args=(n,)) for n in keys]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    expected = set().union(*sent) if sent else set()
    rows, distinct = server.count_tickets()
    stored = server.codes()
    once = rows == distinct == kiosks * tickets and stored == expected
    found = (
        f"{rows} rows, {distinct} distinct, {len(expected - stored)} lost, "
        f"{rows - distinct} duplicated"
    )
    counts = {
        "expected": kiosks * tickets,
        "rows": rows,
        "distinct": distinct,
        "lost": len(expected - stored),
    }
    return kiosks * tickets / elapsed, tally, once, found, counts


def central_server(work: Path, kiosks: int, tickets: int) -> Result:
    with Central(work / "sqlite") as server:
        sqlite_rate, sqlite_tally, sqlite_once, sqlite_found, sqlite_counts = load(
            server, kiosks, tickets
        )
    notes = [
        f"{kiosks} kiosks x {tickets} tickets, every {RETRY_EVERY}th posted twice (same key)",
        f"SQLite: {sqlite_found}; {sqlite_tally.posts} POSTs, {sqlite_tally.failures} "
        f"not 2xx {sqlite_tally.errors[:2]}",
    ]
    reason = postgres.why_not()
    pg_rate, pg_once = float("nan"), False
    counts = {f"sqlite_{k}": v for k, v in sqlite_counts.items()}
    if reason is None:
        with postgres.cluster() as url, Central(work / "pg", url) as server:
            pg_rate, pg_tally, pg_once, pg_found, pg_counts = load(server, kiosks, tickets)
        counts.update({f"postgresql_{k}": v for k, v in pg_counts.items()})
        notes.append(
            f"PostgreSQL: {pg_found}; {pg_tally.posts} POSTs, {pg_tally.failures} "
            f"not 2xx {pg_tally.errors[:2]}"
        )
    else:
        notes.append(f"PostgreSQL not run: {reason}")
    return Result(
        "6",
        "Central server POST /requests.json, 50 concurrent kiosks (PostgreSQL / SQLite)",
        ratio(pg_rate, sqlite_rate),
        f"PostgreSQL {pg_rate:.0f} tickets/s",
        f"SQLite {sqlite_rate:.0f} tickets/s",
        "every ticket exactly once on both",
        sqlite_once and pg_once,
        notes,
        counts,
    )
