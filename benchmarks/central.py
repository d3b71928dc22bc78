"""The reference central server on loopback for the benchmarks: uvicorn in its own process on a
SQLite file or a PostgreSQL URL, kiosk keys made with the server's own functions."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import requests
from sqlalchemy import Engine, func, select

from kiosk.central import accounts, db
from kiosk.central.settings import REPO_CONFIG
from tests.fixtures.central_server import free_port
from tests.fixtures.processes import stop_process
from tests.fixtures.tcp_table import connections_by_process, listening

REPO = Path(__file__).resolve().parents[1]


class Central:
    """`with Central(folder) as server:`; `db_url` defaults to a fresh SQLite file."""

    def __init__(self, folder: Path, db_url: str | None = None, *, workers: int = 1) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.db_url = db_url or f"sqlite:///{folder / 'central.sqlite3'}"
        self.port = free_port()
        self._log = folder / "server.log"
        self.engine: Engine = db.open_engine(self.db_url)
        db.migrate(self.engine)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Self:
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "kiosk", "central", "serve", "--db", self.db_url),
                    *("--host", "127.0.0.1", "--port", str(self.port)),
                    *("--config", str(REPO_CONFIG), "--workers", str(self.workers)),
                ],
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                answers = requests.get(self.url + "services.json", timeout=(1, 5)).ok
                if answers and listening(self.port) >= self.workers:  # every worker listens
                    return self
            except requests.RequestException:
                pass
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError("the central server did not start:\n" + self._log.read_text())
            time.sleep(0.05)

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop_process(process)
        self.engine.dispose()

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server so far: its process and every process it
        started (the workers), from /proc."""
        assert self._process is not None
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for pid in [self._process.pid, *_descendants(self._process.pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        return total

    def connections_held(self) -> list[int]:
        """How many connections each of the server's processes holds, most first (those with
        none left out: the supervisor of several workers holds none)."""
        assert self._process is not None
        pids = [self._process.pid, *_descendants(self._process.pid)]
        return sorted(
            (n for n in connections_by_process(self.port, pids).values() if n), reverse=True
        )

    def add_kiosk(self, number: int) -> str:
        return accounts.add_kiosk(self.engine, number, now=datetime.now(UTC), name="bench")

    def count_tickets(self) -> tuple[int, int]:
        """(rows, distinct codes) in the tickets table: equal when nothing was stored twice."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(db.tickets)).scalar_one()
            codes = conn.execute(select(func.count(db.tickets.c.code.distinct()))).scalar_one()
        return int(rows), int(codes)

    def codes(self) -> set[str]:
        with self.engine.connect() as conn:
            return {str(c) for c in conn.execute(select(db.tickets.c.code)).scalars()}


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found
