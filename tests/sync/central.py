"""The real central server for the sync tests: uvicorn in a subprocess on 127.0.0.1, a SQLite file,
kiosk keys and staff changes made with the server's own functions, and exactly-once counting."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import Engine

from kiosk.central import accounts, db, tickets
from kiosk.central.settings import REPO_CONFIG

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0
STAFF = "肉孜·商总"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class CentralServer:
    """`start()`, `stop()`, `start()` again on the same port and database."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.db_path = folder / "central.sqlite3"
        self.db_url = f"sqlite:///{self.db_path}"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.engine: Engine = db.open_engine(self.db_url)
        db.migrate(self.engine)
        self._staff_added = False
        self._log = folder / "server.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        with self._log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "kiosk", "central", "serve", "--db", self.db_url),
                    *("--host", "127.0.0.1", "--port", str(self.port)),
                    *("--config", str(REPO_CONFIG)),
                ],
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if requests.get(self.url + "services.json", timeout=(1, 5)).ok:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the central server did not start:\n" + self._log.read_text())
            time.sleep(0.05)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)

    def close(self) -> None:
        self.stop()
        self.engine.dispose()

    def add_kiosk(self, number: int) -> str:
        return accounts.add_kiosk(self.engine, number, now=datetime.now(UTC), name="test")

    def answer(self, code: str, *, status: str, notes: str) -> None:
        """A staff member sets a ticket's status and answer, as on the staff page."""
        if not self._staff_added:
            accounts.add_staff(self.engine, STAFF, "hui-yin-bi-2024", now=datetime.now(UTC))
            self._staff_added = True
        with db.writing(self.engine) as conn:
            row = tickets.get(conn, code)
            assert row is not None, f"no ticket {code} on the server"
            staff_id = conn.execute(
                db.staff.select().with_only_columns(db.staff.c.id).where(db.staff.c.name == STAFF)
            ).scalar_one()
            tickets.change(
                conn,
                row,
                staff_id=staff_id,
                status=status,
                responsible=row.agency_responsible,
                notes=notes,
                now=datetime.now(UTC),
            )

    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def keys(self, device_id: str) -> Counter[str]:
        """How often each Idempotency-Key of this kiosk is stored (the constraint says <= 1)."""
        rows = self._query(
            "SELECT k.key FROM idempotency_keys k JOIN kiosks s ON s.id = k.kiosk_id "
            "WHERE s.device_id = ?",
            (device_id,),
        )
        return Counter(str(r[0]) for r in rows)

    def tickets(self, device_id: str) -> Counter[str]:
        """How often each ticket code of this kiosk is on the server."""
        rows = self._query("SELECT code FROM tickets WHERE device_id = ?", (device_id,))
        return Counter(str(r[0]) for r in rows)

    def residents(self, code: str) -> int:
        rows = self._query("SELECT residents FROM tickets WHERE code = ?", (code,))
        return int(str(rows[0][0])) if rows else 0

    def ratings(self, code: str) -> list[str]:
        """Every rating stored for a ticket, oldest first (each POST once)."""
        rows = self._query(
            "SELECT r.rating FROM ratings r JOIN tickets t ON t.id = r.ticket_id "
            "WHERE t.code = ? ORDER BY r.id",
            (code,),
        )
        return [str(r[0]) for r in rows]

    def health(self, device_id: str) -> dict[str, object] | None:
        """The kiosk's last heartbeat as the centre stored it."""
        names = ("version", "waiting", "printer", "config_sha256", "config_errors", "uptime_s")
        rows = self._query(
            f"SELECT {', '.join('h.' + n for n in names)} FROM kiosk_health h "
            "JOIN kiosks s ON s.id = h.kiosk_id WHERE s.device_id = ?",
            (device_id,),
        )
        return dict(zip(names, rows[0], strict=True)) if rows else None


@contextmanager
def running_central(folder: Path) -> Iterator[CentralServer]:
    """A reference server on loopback for the length of a fixture."""
    server = CentralServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.close()
