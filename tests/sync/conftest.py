"""Sync test fixtures: one real central server for the package, a fresh kiosk (its own number,
key, SQLite file) per test, and the fault proxy between them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store.outbox import Outbox
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.central_server import CentralServer, running_central
from tests.fixtures.kiosk_side import KioskSide
from tests.sync.fault_proxy import FaultProxy

_numbers = itertools.count(11)


@pytest.fixture(scope="package")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    with running_central(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def kiosk(tmp_path: Path, central: CentralServer) -> Iterator[KioskSide]:
    number = next(_numbers)
    key_file = tmp_path / "api-key"
    key_file.write_text(central.add_kiosk(number) + "\n")
    key_file.chmod(0o600)
    db_path = tmp_path / "tickets.sqlite3"
    book = TicketBook.open(db_path)
    outbox = Outbox.open(db_path)
    yield KioskSide(number=number, db_path=db_path, key_file=key_file, book=book, outbox=outbox)
    outbox.close()
    book.close()


@pytest.fixture
def proxy(central: CentralServer) -> Iterator[FaultProxy]:
    with FaultProxy(central.port) as fault_proxy:
        yield fault_proxy
