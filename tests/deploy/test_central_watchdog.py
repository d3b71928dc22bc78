"""`kiosk central serve` under systemd's eyes: READY=1 once it listens, then WATCHDOG=1 from its
event loop, sent to a real notify socket as echo-central.service (Type=notify) expects."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import requests

from kiosk.central.settings import REPO_CONFIG
from tests.fixtures.central_server import free_port


def test_the_central_server_says_ready_when_it_listens_then_keeps_pinging(tmp_path: Path):
    notify = tmp_path / "notify"
    port = free_port()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(notify))
        sock.settimeout(60)
        env = {**os.environ, "NOTIFY_SOCKET": str(notify), "WATCHDOG_USEC": "200000"}
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "kiosk", "central", "serve"),
                *("--db", f"sqlite:///{tmp_path / 'central.sqlite3'}"),
                *("--host", "127.0.0.1", "--port", str(port), "--config", str(REPO_CONFIG)),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert sock.recv(64) == b"READY=1"
            # READY came after the socket was listening: the server answers at once.
            answer = requests.get(f"http://127.0.0.1:{port}/services.json", timeout=30)
            assert answer.status_code in (200, 404)
            assert [sock.recv(64) for _ in range(2)] == [b"WATCHDOG=1", b"WATCHDOG=1"]
        finally:
            server.terminate()
            # uvicorn shuts down cleanly, then re-raises SIGTERM; systemd counts that as success.
            assert server.wait(timeout=60) in (0, -signal.SIGTERM)
