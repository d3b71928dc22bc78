"""The real thing: `python -m kiosk central` registers a kiosk, then serves over HTTP on
127.0.0.1 with uvicorn; a client (requests, as the kiosk's sync worker uses) talks to it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from kiosk.central.settings import REPO_CONFIG
from kiosk.domain.ticket_code import make_code
from kiosk.domain.ticket_secret import new_secret
from tests.central.helpers import race
from tests.central.schemas import validate
from tests.fixtures.open311_payloads import PHONE, form, kiosk_payload

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = (2.0, 10.0)  # connect, read: never wait for ever


@dataclass
class Live:
    base: str
    key: str
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _central(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "central", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'central.sqlite3'}"
    key = _central("add-kiosk", "1", "--db", url).stdout.strip()
    port = _free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "kiosk", "central", "serve", "--db", url),
            *("--host", "127.0.0.1", "--port", str(port), "--config", str(REPO_CONFIG)),
        ],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{base}/services.json", timeout=TIMEOUT).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the server did not start:\n" + (folder / "server.log").read_text())
        time.sleep(0.1)
    yield Live(base=base, key=key, process=process)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()


def _post(live: Live, sequence: int, key: str, secret: str = "") -> requests.Response:
    payload = kiosk_payload(sequence)
    if secret:
        payload.update({"lang": "ug", "ticket_secret": secret})
    return requests.post(
        f"{live.base}/requests.json",
        data=form(payload, live.key),
        headers={"Idempotency-Key": key},
        timeout=TIMEOUT,
    )


def test_a_kiosk_ticket_goes_in_over_http_and_comes_back_valid(live):
    key, secret = str(uuid.uuid4()), new_secret()
    first = _post(live, 1, key, secret)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "application/json"
    again = _post(live, 1, key, secret)
    assert again.content == first.content
    listed = requests.get(
        f"{live.base}/requests.json", headers={"X-Api-Key": live.key}, timeout=TIMEOUT
    )
    validate("requests.json", listed.json())
    assert make_code(1, 1) in [t["service_request_id"] for t in listed.json()]
    assert PHONE not in listed.text
    page = requests.get(f"{live.base}/status/{make_code(1, 1)}", timeout=TIMEOUT)
    assert page.status_code == 404  # no receipt secret sent: the page opens nothing
    page = requests.get(
        f"{live.base}/status/{make_code(1, 1)}",
        params={"k": secret, "lang": "ug"},
        timeout=TIMEOUT,
    )
    assert page.status_code == 200
    assert "مۈلۈك رېمونتى" in page.text  # the category in the link's language
    assert PHONE not in page.text


def test_concurrent_duplicates_over_http_make_one_ticket(live):
    key = str(uuid.uuid4())
    answers = race(6, lambda: _post(live, 2, key))
    assert [a.status_code for a in answers] == [200] * 6
    assert len({a.content for a in answers}) == 1
    found = requests.get(
        f"{live.base}/requests.json",
        params={"service_request_id": make_code(1, 2)},
        headers={"X-Api-Key": live.key},
        timeout=TIMEOUT,
    ).json()
    assert len(found) == 1


def test_errors_over_http_are_in_the_spec_format(live):
    answer = requests.post(
        f"{live.base}/requests.json",
        data={"api_key": "wrong", "service_code": "sanitation"},
        headers={"Idempotency-Key": "x"},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 403
    assert answer.json() == [{"code": 403, "description": "api_key is missing or not valid"}]


def test_the_server_shuts_down_gracefully_on_sigterm(tmp_path):
    url = f"sqlite:///{tmp_path / 'stop.sqlite3'}"
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "central", "serve", "--db", url, "--port", str(port)],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{port}/services.json", timeout=TIMEOUT)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down, then re-raises the signal so a supervisor sees why it ended
        assert process.wait(timeout=15) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in log_path.read_text()
    finally:
        if process.poll() is None:
            process.kill()
