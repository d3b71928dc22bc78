"""Central server fixtures: a fresh server per test on a SQLite file, a fixed clock, a kiosk key,
a staff account, and the kiosk's own payloads (built by the kiosk's real `request_payload`)."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from kiosk.central import accounts
from kiosk.central.app import create_app
from kiosk.central.settings import REPO_CONFIG, Settings
from kiosk.config.loader import load_config
from kiosk.domain.content import Category
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import Draft
from kiosk.wire.payloads import request_payload

# A TestClient response: httpx's or httpx2's, whichever this Starlette version uses.
Answer = Any
SHANGHAI = ZoneInfo("Asia/Shanghai")
ARTICLE_DAY = datetime(2024, 12, 4, 15, 15, tzinfo=SHANGHAI)
STAFF_NAME = "玛依努尔"
STAFF_PASSWORD = "hui-yin-bi-2024"
PHONE = "13899991234"


class Clock:
    """The server's clock; tests move it on."""

    def __init__(self, start: datetime = ARTICLE_DAY) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def category(code: str) -> Category:
    return next(c for c in load_config(REPO_CONFIG).content.categories if c.code == code)


def kiosk_payload(
    sequence: int = 1,
    *,
    code: str = "property-repair",
    phrases: tuple[int, ...] = (0,),
    free_text: str = "",
    phone: str = PHONE,
    place: str | None = "compound-2",
    kiosk: int = 1,
    created: datetime = ARTICLE_DAY,
) -> dict[str, object]:
    """What a kiosk's outbox holds for a new ticket, exactly as the kiosk makes it."""
    draft = Draft(
        draft_id=str(uuid.uuid4()),
        category=code,
        phrases=phrases,
        free_text=free_text,
        place=place,
        phone=phone,
    )
    return request_payload(
        draft,
        category=category(code),
        code=make_code(kiosk, sequence),
        kiosk_number=kiosk,
        created=created,
    )


def form(payload: dict[str, object], api_key: str | None) -> dict[str, str | list[str]]:
    """The payload form-encoded the Open311 way: attribute[phrases][]=0&attribute[phrases][]=2."""
    fields: dict[str, str | list[str]] = {}
    for name, value in payload.items():
        if isinstance(value, dict):
            for attribute, values in value.items():
                fields[f"attribute[{attribute}][]"] = [str(v) for v in values]
        else:
            fields[name] = str(value)
    if api_key is not None:
        fields["api_key"] = api_key
    return fields


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

    @property
    def engine(self) -> Engine:
        engine = self.app.state.central.engine
        assert isinstance(engine, Engine)
        return engine


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path, clock: Clock) -> Settings:
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'central.sqlite3'}",
        config_path=REPO_CONFIG,
        now=clock,
        login_max_failures_per_name=3,
        login_max_failures_per_client=10,
    )


@pytest.fixture
def server(settings: Settings, clock: Clock) -> Iterator[Server]:
    app = create_app(settings)
    engine = app.state.central.engine
    key = accounts.add_kiosk(engine, 1, now=clock(), name="hall")
    accounts.add_staff(engine, STAFF_NAME, STAFF_PASSWORD, now=clock())
    with TestClient(app) as client:
        yield Server(app=app, client=client, clock=clock, key=key)


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


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def log_in(client: TestClient, name: str = STAFF_NAME, password: str = STAFF_PASSWORD) -> Answer:
    page = client.get("/staff/login")
    return client.post(
        "/staff/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
