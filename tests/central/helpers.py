"""The central server's test helpers: its clock, the server under test with its client and kiosk
key, racing requests, and a staff login with its CSRF token. The fixtures are in conftest.py."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from kiosk.domain.ticket_secret import new_secret
from kiosk.wire import fields as f
from tests.fixtures.open311_payloads import ARTICLE_DAY, form, kiosk_payload
from tests.fixtures.staff_pages import csrf_of

# A TestClient response: httpx's or httpx2's, whichever this Starlette version uses.
Answer = Any
STAFF_NAME = "玛依努尔"
STAFF_PASSWORD = "hui-yin-bi-2024"


class Clock:
    """The server's clock; tests move it on."""

    def __init__(self, start: datetime = ARTICLE_DAY) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass
class Server:
    app: FastAPI
    client: TestClient
    clock: Clock
    key: str  # kiosk 001's API key

    def post_request(
        self,
        payload: dict[str, object] | None = None,
        *,
        key: str | None = None,
        idempotency_key: str | None = None,
        api_key: str | None = "",
    ) -> Answer:
        return self.client.post(
            "/requests.json",
            data=form(payload or kiosk_payload(), self.key if api_key == "" else api_key),
            headers={"Idempotency-Key": idempotency_key or key or str(uuid.uuid4())},
        )

    def post_ticket(
        self, sequence: int = 1, *, lang: str = "zh", **changes: object
    ) -> tuple[Answer, str]:
        """A new ticket as a kiosk of issue 17 sends it: the resident's language and the
        receipt's secret. Returns the answer and the secret (the status page's `k`)."""
        secret = new_secret()
        payload = {**kiosk_payload(sequence, **changes), f.LANG: lang, f.TICKET_SECRET: secret}  # type: ignore[arg-type]
        return self.post_request(payload), secret

    def read(self, path: str, *, key: str | None = None, **kwargs: Any) -> Answer:
        """A GET as a kiosk makes it: its key in the X-Api-Key header (the kiosk's view)."""
        headers = {**kwargs.pop("headers", {}), f.API_KEY_HEADER: key or self.key}
        return self.client.get(path, headers=headers, **kwargs)

    @property
    def engine(self) -> Engine:
        engine = self.app.state.central.engine
        assert isinstance(engine, Engine)
        return engine


def race(count: int, action: Callable[[], Answer]) -> list[Answer]:
    """Run `action` in `count` threads released at the same moment; their answers."""
    start = threading.Barrier(count)
    answers: list[Answer] = []
    lock = threading.Lock()

    def run() -> None:
        start.wait()
        answer = action()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == count, "a racing request did not finish"
    return answers


def log_in(client: TestClient, name: str = STAFF_NAME, password: str = STAFF_PASSWORD) -> Answer:
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
