"""The kiosk side of the sync tests: a kiosk's store and config, a quick back-off, bounded waits,
and the exactly-once check run after every fault. No pytest here: a subprocess imports it too."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.central.settings import REPO_CONFIG
from kiosk.config.loader import load_config
from kiosk.config.model import Central, KioskConfig, Sync
from kiosk.domain.tickets import Draft, Ticket
from kiosk.store.outbox import Outbox
from kiosk.store.remote import RemoteStore
from kiosk.store.ticket_book import TicketBook
from kiosk.sync.backoff import Backoff
from kiosk.sync.worker import SyncWorker
from kiosk.wire.device import device_id
from tests.sync.central import CentralServer

ZONE = ZoneInfo("Asia/Shanghai")
WAIT = 60.0  # the most any test waits for the worker; generous on a slow machine
BASE_CONFIG = load_config(REPO_CONFIG)


def fast_backoff() -> Backoff:
    """Small enough to keep the suite quick, big enough to still be a back-off."""
    return Backoff(base=0.02, cap=0.2, retry_after_cap=0.3)


def kiosk_config(
    number: int, url: str, key_file: Path, *, deadline: float = 2.0, interval: float = 0.2
) -> KioskConfig:
    """The sample config, as kiosk `number` talking to `url` with the key in `key_file`."""
    community = replace(BASE_CONFIG.content.community, kiosk_number=number)
    return replace(
        BASE_CONFIG,
        content=replace(BASE_CONFIG.content, community=community),
        central=Central(
            url=url, jurisdiction_id=BASE_CONFIG.central.jurisdiction_id, api_key_file=key_file
        ),
        sync=Sync(
            interval_seconds=interval,
            connect_timeout_seconds=1.0,
            request_deadline_seconds=deadline,
        ),
    )


def now() -> datetime:
    return datetime.now(ZONE)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


@dataclass
class KioskSide:
    """One kiosk: its number and key on the central server, its store file, its config."""

    number: int
    db_path: Path
    key_file: Path
    book: TicketBook
    outbox: Outbox

    @property
    def device_id(self) -> str:
        return device_id(self.number)

    def config(self, url: str, *, deadline: float = 2.0, interval: float = 0.2) -> KioskConfig:
        return kiosk_config(self.number, url, self.key_file, deadline=deadline, interval=interval)

    def report(self, count: int, *, category: str = "property-repair") -> list[Ticket]:
        """`count` new tickets, as residents leave them at the touch screen."""
        found = next(c for c in BASE_CONFIG.content.categories if c.code == category)
        made = []
        for i in range(count):
            draft = Draft(
                draft_id=str(uuid.uuid4()),
                category=category,
                phrases=(i % len(found.phrases),),
                place="compound-2",
                phone="13912345678",
            )
            made.append(
                self.book.submit(draft, category=found, kiosk_number=self.number, now=now())
            )
        return made

    def join(self, code: str) -> Ticket:
        return self.book.join(code, draft_id=str(uuid.uuid4()), now=now())

    def worker(self, url: str, *, deadline: float = 2.0, interval: float = 0.2) -> SyncWorker:
        config = self.config(url, deadline=deadline, interval=interval)
        return SyncWorker.open(self.db_path, config=lambda: config, now=now, backoff=fast_backoff())

    def now_later(self) -> datetime:
        """Far enough ahead that every waiting item counts as due."""
        return now() + timedelta(days=365)

    def waiting(self) -> int:
        return self.outbox.counts().waiting

    def remote(self) -> RemoteStore:
        return RemoteStore.open(self.db_path)


def assert_exactly_once(central: CentralServer, kiosk: KioskSide) -> None:
    """Every outbox item is sent and stored once on the server under its key; every ticket is on
    the server once; every joined voice counted once."""
    conn = sqlite3.connect(kiosk.db_path)
    try:
        items = conn.execute("SELECT key, state FROM outbox").fetchall()
        local = dict(conn.execute("SELECT code, residents FROM tickets").fetchall())
    finally:
        conn.close()
    assert items, "the test stored nothing"
    assert {state for _key, state in items} == {"sent"}
    assert central.keys(kiosk.device_id) == Counter({key: 1 for key, _state in items})
    assert central.tickets(kiosk.device_id) == Counter(dict.fromkeys(local, 1))
    for code, residents in local.items():
        assert central.residents(code) == residents, code


def solved_at_another_kiosk(
    central: CentralServer, folder: Path, number: int, *, notes: str = "垃圾已清运"
) -> Ticket:
    """A rubbish complaint at kiosk `number` (its own key and file in `folder`), sent to the
    centre by one sync round, then answered and closed by staff there."""
    key_file = folder / f"kiosk-{number}-key"
    key_file.write_text(central.add_kiosk(number))
    key_file.chmod(0o600)
    path = folder / f"kiosk-{number}.sqlite3"
    book = TicketBook.open(path)
    category = next(c for c in BASE_CONFIG.content.categories if c.code == "sanitation")
    draft = Draft(draft_id=str(uuid.uuid4()), category="sanitation", phrases=(0,))
    ticket = book.submit(draft, category=category, kiosk_number=number, now=now())
    book.close()
    config = kiosk_config(number, central.url, key_file)
    worker = SyncWorker.open(path, config=lambda: config, backoff=fast_backoff())
    try:
        assert worker.run_round().ok
    finally:
        worker.close()
    central.answer(ticket.code, status="closed", notes=notes)
    return ticket
