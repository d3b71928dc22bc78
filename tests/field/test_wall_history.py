"""The Echo Wall after years of answers: a centre with 50,000 closed tickets (long answers, pages
past every size limit, thousands closed in one instant) reaches a fresh kiosk through
`kiosk sync --once`, and the command says so only when the wall is up to date.

The history is written straight into the centre's database (one bulk insert, as years of staff
work would have left it), each server private to its test so the shared one stays small."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, insert, select, update

from kiosk.central import db, tickets
from kiosk.store.remote import REQUESTS_CURSOR, RemoteStore
from tests.field.kiosk_process import run_kiosk_command
from tests.fixtures.central_server import REPO, CentralServer, running_central

HISTORY = 50_000
SAME_INSTANT = 3_000  # a bulk close: all with one `updated`
BASE = datetime(2021, 3, 1, 2, 0, 0)  # naive UTC, as the centre's columns are
SHORT = "垃圾已清运，" * 23 + "谢谢"  # 140 characters, an ordinary answer
KIB = "楼道灯已更换" * 58  # 348 characters: 1,044 bytes of UTF-8
LONG = "维修记录" * 1000  # 4,000 characters, the staff page's limit
NEWEST = "最后一条：东门路灯已修好。"


def _ticket(n: int, *, updated: datetime, notes: str) -> dict[str, object]:
    return {
        "code": tickets.centre_code(n),
        "token": f"token-{n}",
        "device_id": None,
        "service_code": "sanitation",
        "service_name": "环境卫生",
        "public_description": "",
        "attributes": "{}",
        "requested": updated - timedelta(days=2),
        "expected": updated + timedelta(days=1),
        "agency_responsible": "社区环卫组",
        "status": "closed",
        "status_notes": notes,
        "residents": 1,
        "received": updated - timedelta(days=2),
        "updated": updated,
        "closed": updated,
    }


def _history() -> Iterator[dict[str, object]]:
    """Oldest first: 1,000 answers of 1 KiB (one count-page would be over 1 MiB), 100 of 4,000
    characters, 3,000 closed in one instant, then ordinary answers with a long one now and then."""
    n = 0
    for _ in range(1_000):
        n += 1
        yield _ticket(n, updated=BASE + timedelta(seconds=n), notes=KIB)
    for _ in range(100):
        n += 1
        yield _ticket(n, updated=BASE + timedelta(seconds=n), notes=LONG)
    bulk = BASE + timedelta(days=1)
    for _ in range(SAME_INSTANT):
        n += 1
        yield _ticket(n, updated=bulk, notes=SHORT)
    while n < HISTORY - 1:
        n += 1
        notes = LONG if n % 500 == 0 else SHORT
        yield _ticket(n, updated=bulk + timedelta(minutes=n), notes=notes)
    yield _ticket(HISTORY, updated=bulk + timedelta(minutes=HISTORY + 1), notes=NEWEST)


def _fill(central: CentralServer, rows: Iterator[dict[str, object]]) -> None:
    batch: list[dict[str, object]] = []
    with db.writing(central.engine) as conn:
        for row in rows:
            batch.append(row)
            if len(batch) == 5_000:
                conn.execute(insert(db.tickets), batch)
                batch.clear()
        if batch:
            conn.execute(insert(db.tickets), batch)


def _closed_at_centre(central: CentralServer) -> int:
    with db.reading(central.engine) as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(db.tickets).where(db.tickets.c.status == "closed")
            ).scalar_one()
        )


def _kiosk(central: CentralServer, folder: Path) -> tuple[Path, Path, dict[str, str]]:
    """Kiosk 1's config (the sample's, pointed at `central`), data folder and environment."""
    config = folder / "kiosk.yaml"
    sample = (REPO / "config" / "kiosk.yaml").read_text(encoding="utf-8")
    config.write_text(sample.replace("http://127.0.0.1:8311/", central.url), encoding="utf-8")
    env = {"ECHO_KIOSK_API_KEY": central.add_kiosk(1)}
    return config, folder / "data", env


def _sync_once(config: Path, data: Path, env: dict[str, str]) -> tuple[int, str]:
    done = run_kiosk_command("sync", "--once", "--config", config, "--data-dir", data, env=env)
    return done.returncode, done.stdout + done.stderr


def _served(central: CentralServer, n: int) -> dict[str, object]:
    code = tickets.centre_code(n)
    answer = requests.get(  # the public view: closed tickets, by code too
        f"{central.url}requests.json", params={"service_request_id": code}, timeout=10
    )
    item = answer.json()[0]
    assert isinstance(item, dict)
    return item


def _state(data: Path, name: str) -> str | None:
    conn = sqlite3.connect(data / "tickets.sqlite3")
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE name = ?", (name,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


@pytest.fixture
def big_central(tmp_path: Path) -> Iterator[CentralServer]:
    with running_central(tmp_path / "central") as server:
        _fill(server, _history())
        yield server


def test_fifty_thousand_long_answers_reach_a_new_kiosks_wall_in_one_sync(
    big_central: CentralServer, tmp_path: Path
):
    config, data, env = _kiosk(big_central, tmp_path)
    code, output = _sync_once(config, data, env)
    assert code == 0, output
    remote = RemoteStore.open(data / "tickets.sqlite3")
    try:
        wall = remote.wall(HISTORY + 1)
        assert len(wall) == _closed_at_centre(big_central) == HISTORY
        assert wall[0].status_notes == NEWEST
        assert remote.state(REQUESTS_CURSOR) == _served(big_central, HISTORY)["updated_datetime"]
        assert len({r.code for r in wall}) == HISTORY
        bulk = (BASE + timedelta(days=1)).replace(tzinfo=UTC)
        assert sum(r.updated == bulk for r in wall) == SAME_INSTANT
        assert sum(r.status_notes == LONG for r in wall) == 100 + 91  # 4,500, 5,000 … 49,500
    finally:
        remote.close()
    again, output = _sync_once(config, data, env)
    assert again == 0, output


def test_an_item_no_page_can_carry_stops_sync_with_the_reason_until_it_is_fixed(tmp_path: Path):
    with running_central(tmp_path / "central") as central:
        before = [_ticket(n, updated=BASE + timedelta(seconds=n), notes=SHORT) for n in (1, 2)]
        huge = _ticket(3, updated=BASE + timedelta(seconds=3), notes="坏" * 400_000)
        after = _ticket(4, updated=BASE + timedelta(seconds=4), notes=NEWEST)
        _fill(central, iter([*before, huge, after]))
        config, data, env = _kiosk(central, tmp_path)

        code, output = _sync_once(config, data, env)
        assert code == 1, output
        assert "Echo Wall is not up to date" in output
        assert "even one item is over the 1048576-byte cap" in output
        assert _state(data, REQUESTS_CURSOR) == _served(central, 2)["updated_datetime"]

        with db.writing(central.engine) as conn:  # staff shorten the answer at the centre
            conn.execute(
                update(db.tickets)
                .where(db.tickets.c.code == tickets.centre_code(3))
                .values(status_notes=SHORT, updated=BASE + timedelta(seconds=5))
            )
        code, output = _sync_once(config, data, env)
        assert code == 0, output
        assert _state(data, REQUESTS_CURSOR) == _served(central, 3)["updated_datetime"]
        remote = RemoteStore.open(data / "tickets.sqlite3")
        try:
            assert len(remote.wall(10)) == 4
        finally:
            remote.close()
