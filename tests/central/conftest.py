"""Central server fixtures: a fresh server per test on a SQLite file, a fixed clock, a kiosk key
and a staff account. Their helpers are in helpers.py; the kiosk's own payloads are in
tests/fixtures/open311_payloads.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kiosk.central import accounts
from kiosk.central.app import create_app
from kiosk.central.settings import REPO_CONFIG, Settings
from tests.central.helpers import STAFF_NAME, STAFF_PASSWORD, Clock, Server


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
