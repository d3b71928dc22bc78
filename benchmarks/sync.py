"""Benchmark 5: the outbox to the reference server, and its durable enqueue rate.

Throughput: batches of tickets are stored in a real ticket book (not timed), then sent twice, in
alternating order: by the kiosk's own `drain` (outbox, Open311Client, verdicts written back) to
server A, and by a bare `requests.Session` posting the same forms with the same Idempotency-Keys
to server B (a second, fresh database). Enqueue: `TicketBook.submit` (ticket row and outbox item
in one WAL transaction with synchronous=FULL) against persist-queue's `SQLiteAckQueue.put` of the
same payload with synchronous=FULL, in alternating batches.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
from persistqueue import SQLiteAckQueue

from benchmarks.central import Central
from benchmarks.results import Result, ratio
from kiosk.central.settings import REPO_CONFIG
from kiosk.config.loader import load_config
from kiosk.domain.content import Category
from kiosk.domain.tickets import Draft
from kiosk.store.outbox import Outbox, OutboxItem
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import Open311Client, form_pairs
from kiosk.sync.drain import drain
from kiosk.sync.settings import SyncSettings
from kiosk.wire.payloads import request_payload

ZONE = ZoneInfo("Asia/Shanghai")
KIOSK = 1
CONFIG = load_config(REPO_CONFIG)
CATEGORY: Category = next(c for c in CONFIG.content.categories if c.code == "property-repair")
JURISDICTION = CONFIG.central.jurisdiction_id or ""


def now() -> datetime:
    return datetime.now(ZONE)


def draft(i: int) -> Draft:
    return Draft(
        draft_id=str(uuid.uuid4()),
        category=CATEGORY.code,
        phrases=(i % len(CATEGORY.phrases),),
        place="compound-2",
        phone="13912345678",
    )


def seed(book: TicketBook, count: int) -> None:
    for i in range(count):
        book.submit(draft(i), category=CATEGORY, kiosk_number=KIOSK, now=now())


def _bare_post(session: requests.Session, url: str, key: str, item: OutboxItem) -> None:
    pairs = [*form_pairs(item.fields()), ("jurisdiction_id", JURISDICTION), ("api_key", key)]
    reply = session.post(url, data=pairs, headers={"Idempotency-Key": item.key}, timeout=20)
    if reply.status_code not in (200, 201):
        raise RuntimeError(f"bare POST answered {reply.status_code}: {reply.text[:200]}")


def throughput(work: Path, tickets: int, batches: int) -> Result:
    book = TicketBook.open(work / "tickets.sqlite3")
    outbox = Outbox.open(work / "tickets.sqlite3")
    timed = {"drain": 0.0, "bare": 0.0}
    sent = 0
    with Central(work / "server-a") as a, Central(work / "server-b") as b:
        settings = SyncSettings(
            url=a.url, api_key=a.add_kiosk(KIOSK), device_id="001", jurisdiction_id=JURISDICTION
        )
        client = Open311Client(settings)
        b_key, session = b.add_kiosk(KIOSK), requests.Session()
        session.trust_env = False
        for batch in range(batches):
            size = tickets // batches + (1 if batch < tickets % batches else 0)
            seed(book, size)
            items = outbox.due(now() + timedelta(days=1), size)
            for which in ("drain", "bare") if batch % 2 == 0 else ("bare", "drain"):
                started = time.perf_counter()
                if which == "drain":
                    result = drain(outbox, client, now=now, backoff=Backoff(), services=None)
                    sent += result.sent
                    if result.stopped_by is not None:
                        raise RuntimeError(f"drain stopped: {result.stopped_by}")
                else:
                    for item in items:
                        _bare_post(session, b.url + "requests.json", b_key, item)
                timed[which] += time.perf_counter() - started
        client.close()
        session.close()
        rows_a, rows_b = a.count_tickets(), b.count_tickets()
    book.close()
    outbox.close()
    rate_k, rate_b = sent / timed["drain"], tickets / timed["bare"]
    r = ratio(rate_k, rate_b)
    whole = rows_a == rows_b == (tickets, tickets) and sent == tickets
    return Result(
        "5a",
        "Sync throughput, outbox to the reference server on loopback",
        r,
        f"kiosk drain {rate_k:.0f} tickets/s",
        f"bare requests.Session {rate_b:.0f} tickets/s",
        ">= 0.8x",
        r >= 0.8 and whole,
        [
            f"{tickets} tickets in {batches} alternating batches; server rows (rows, distinct) "
            f"A {rows_a}, B {rows_b}"
        ],
        {
            "tickets": tickets,
            "sent": sent,
            "rows_a": rows_a[0],
            "distinct_a": rows_a[1],
            "rows_b": rows_b[0],
            "distinct_b": rows_b[1],
        },
    )


def enqueue_rate(work: Path, items: int, batches: int) -> Result:
    book = TicketBook.open(work / "enqueue.sqlite3")
    queue = SQLiteAckQueue(str(work / "persist-queue"), auto_commit=True)
    putter = queue._putter  # its one connection when not multithreaded
    assert putter is not None
    putter.execute("PRAGMA synchronous = FULL")  # WAL is already its default
    mode = putter.execute("PRAGMA synchronous").fetchone()[0]
    timed = {"outbox": 0.0, "persist": 0.0}
    for batch in range(batches):
        size = items // batches + (1 if batch < items % batches else 0)
        drafts = [draft(i) for i in range(size)]
        payloads = [
            request_payload(
                d, category=CATEGORY, code=f"{i:09d}", kiosk_number=KIOSK, created=now()
            )
            for i, d in enumerate(drafts)
        ]
        for which in ("outbox", "persist") if batch % 2 == 0 else ("persist", "outbox"):
            started = time.perf_counter()
            if which == "outbox":
                for d in drafts:
                    book.submit(d, category=CATEGORY, kiosk_number=KIOSK, now=now())
            else:
                for p in payloads:
                    queue.put(p)
            timed[which] += time.perf_counter() - started
    queued = queue.qsize()
    book.close()
    outbox = Outbox.open(work / "enqueue.sqlite3")
    stored = outbox.counts().waiting
    outbox.close()
    queue.close()
    rate_o, rate_p = items / timed["outbox"], items / timed["persist"]
    r = ratio(rate_o, rate_p)
    return Result(
        "5b",
        "Durable enqueue rate (synchronous=FULL, one commit per item)",
        r,
        f"TicketBook.submit (ticket + outbox item) {rate_o:.0f}/s",
        f"persist-queue SQLiteAckQueue.put {rate_p:.0f}/s",
        ">= 1.2x",
        r >= 1.2,  # issue 18's target
        [
            f"{items} items in {batches} alternating batches; {stored} stored, {queued} queued; "
            f"persist-queue synchronous={mode}"
        ],
        {"items": items, "stored": stored, "queued": queued},
    )
