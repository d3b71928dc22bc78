"""`kiosk central serve --workers N` (issue 18: a prefecture's fleet scales out): several server
processes on one port, every ticket still stored exactly once when kiosks post side by side and
repeat themselves, kiosks connecting at once spread over the workers (a worker started again
too), READY and WATCHDOG for systemd from answers, and SIGTERM ends them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from kiosk.central import accounts, db
from kiosk.central.settings import REPO_CONFIG
from tests.fixtures import postgres
from tests.fixtures.central_server import free_port
from tests.fixtures.open311_payloads import form, kiosk_payload
from tests.fixtures.processes import stop_process
from tests.fixtures.tcp_table import connections_by_process, listening

KIOSKS = 6
TICKETS = 8  # each kiosk's; every third posted twice with the same key


def _workers(pid: int) -> list[int]:
    """The server processes `pid` started (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in command:
                found.append(int(entry.name))
    return found


class Served:
    def __init__(self, db_url: str, tmp_path: Path, workers: int, env: dict[str, str]) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "kiosk", "central", "serve", "--db", db_url),
                *("--host", "127.0.0.1", "--port", str(self.port), "--config", str(REPO_CONFIG)),
                *("--workers", str(workers)),
            ],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / "server.log").open("ab"),
        )

    def wait_answering(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "services.json", timeout=5).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError("the server never answered")


def _every_worker_listening(served: Served, workers: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pids = _workers(served.process.pid)
        if len(pids) == workers and listening(served.port) == workers:
            return pids
        time.sleep(0.05)
    raise AssertionError(f"{workers} workers never listened: {listening(served.port)} sockets")


def _connect_at_once(port: int, count: int) -> list[socket.socket]:
    """`count` kiosks connecting in the same instant, each sending one request and keeping its
    connection, as a fleet does when the server comes back after an outage."""
    opened: list[socket.socket] = []
    ready = threading.Barrier(count)

    def connect() -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        opened.append(sock)
        ready.wait(timeout=30)
        sock.sendall(b"GET /services.json HTTP/1.1\r\nHost: kiosk\r\n\r\n")
        sock.recv(1)  # answered: accepted and held by some worker

    threads = [threading.Thread(target=connect) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return opened


def _spread(served: Served, pids: list[int]) -> list[int]:
    """How many of 50 connections opened at once each worker holds, fewest first."""
    opened = _connect_at_once(served.port, 50)
    try:
        return sorted(connections_by_process(served.port, pids).values())
    finally:
        for sock in opened:
            sock.close()


def test_kiosks_connecting_at_once_are_spread_over_the_workers_also_after_one_is_replaced(
    tmp_path: Path,
):
    """On uvicorn's one shared socket the worker that woke first accepted every waiting
    connection: 50 at once split 5/45, 8/42, 0/50. Each worker now has a queue of its own in
    a SO_REUSEPORT group, and so does one started in place of a worker that died. (A fair
    split leaves a worker under 10 of 50 about once in 40,000 runs.)"""
    served = Served(f"sqlite:///{tmp_path / 'central.sqlite3'}", tmp_path, 2, {})
    try:
        served.wait_answering()
        pids = _every_worker_listening(served, 2)
        split = _spread(served, pids)
        assert len(split) == 2, split
        assert split[0] >= 10, split
        os.kill(pids[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while pids[0] in _workers(served.process.pid) or len(_workers(served.process.pid)) < 2:
            assert time.monotonic() < deadline, "the dead worker was never replaced"
            time.sleep(0.05)
        replaced = _every_worker_listening(served, 2)
        assert pids[0] not in replaced
        split = _spread(served, replaced)
        assert len(split) == 2, split
        assert split[0] >= 10, split
    finally:
        stop_process(served.process)


def test_a_port_in_use_is_said_in_one_line_and_no_worker_starts(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                *(sys.executable, "-m", "kiosk", "central", "serve"),
                *("--db", f"sqlite:///{tmp_path / 'central.sqlite3'}", "--workers", "2"),
                *("--host", "127.0.0.1", "--port", str(port), "--config", str(REPO_CONFIG)),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 3
    assert f"cannot listen on 127.0.0.1 port {port}" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Started" not in done.stderr


def _post_all(url: str, keys: dict[int, str]) -> list[str]:
    """Every kiosk in a thread of its own, retrying a failure with the same key as the outbox."""
    problems: list[str] = []

    def kiosk(number: int) -> None:
        with requests.Session() as session:
            for seq in range(1, TICKETS + 1):
                fields = form(kiosk_payload(seq, kiosk=number), keys[number])
                headers = {"Idempotency-Key": str(uuid.uuid4())}
                for _send in range(2 if seq % 3 == 0 else 1):
                    for _try in range(20):
                        reply = session.post(
                            url + "requests.json", data=fields, headers=headers, timeout=60
                        )
                        if reply.status_code in (200, 201):
                            break
                        time.sleep(0.05)
                    else:
                        problems.append(f"kiosk {number} ticket {seq}: {reply.status_code}")

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return problems


def _exactly_once(db_url: str, tmp_path: Path) -> None:
    engine = db.open_engine(db_url)
    db.migrate(engine)
    now = datetime.now(UTC)
    keys = {n: accounts.add_kiosk(engine, n, now=now, name="test") for n in range(1, KIOSKS + 1)}
    served = Served(db_url, tmp_path, 2, {})
    try:
        served.wait_answering()
        assert len(_workers(served.process.pid)) >= 2, "two worker processes"
        assert _post_all(served.url, keys) == []
    finally:
        stop_process(served.process)
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(db.tickets)).scalar_one()
        codes = conn.execute(select(func.count(db.tickets.c.code.distinct()))).scalar_one()
    engine.dispose()
    assert (rows, codes) == (KIOSKS * TICKETS, KIOSKS * TICKETS)


def test_two_workers_on_sqlite_store_every_ticket_once(tmp_path: Path):
    _exactly_once(f"sqlite:///{tmp_path / 'central.sqlite3'}", tmp_path)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    if postgres.why_not() is not None:
        pytest.skip(str(postgres.why_not()))
    try:
        with postgres.postgres_url() as url:
            yield url
    except postgres.StartFailedError as error:
        pytest.skip(f"PostgreSQL would not start here: {error}")


def test_two_workers_on_postgresql_store_every_ticket_once(pg_url: str, tmp_path: Path):
    _exactly_once(pg_url, tmp_path)


def test_systemd_hears_ready_and_pings_and_sigterm_ends_every_worker(tmp_path: Path):
    notify = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(notify))
        sock.settimeout(60)
        served = Served(
            f"sqlite:///{tmp_path / 'central.sqlite3'}",
            tmp_path,
            3,
            {"NOTIFY_SOCKET": str(notify), "WATCHDOG_USEC": "400000"},
        )
        try:
            assert sock.recv(64) == b"READY=1"
            assert requests.get(served.url + "services.json", timeout=30).ok  # READY: answering
            workers = _workers(served.process.pid)
            assert len(workers) >= 3
            assert [sock.recv(64) for _ in range(2)] == [b"WATCHDOG=1", b"WATCHDOG=1"]
        finally:
            served.process.send_signal(signal.SIGTERM)
            code = served.process.wait(timeout=60)
        assert code in (0, -signal.SIGTERM)
        assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "no worker left"


@pytest.mark.parametrize("workers", ["0", "65", "two"])
def test_a_wrong_number_of_workers_is_refused_in_one_line(workers: str):
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "central", "serve", "--workers", workers],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--workers takes a number from 1 to 64" in done.stderr
    assert "Traceback" not in done.stderr
