"""The same server on PostgreSQL: migrations, tickets, and the idempotency race on its constraints.

On PostgreSQL two identical POSTs really run side by side in two worker processes (no file lock
serialises them); the unique constraint decides, the loser rolls back and replays the winner's
answer. A worker runs a kiosk POST's transaction on its event loop (kiosk_lane.write_work), one
at a time, so the races here are between workers: apps of their own on the same database.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from kiosk.central import accounts, db
from kiosk.central.app import create_app
from kiosk.central.settings import REPO_CONFIG, Settings
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Clock, race
from tests.fixtures import postgres
from tests.fixtures.open311_payloads import form, kiosk_payload

pytestmark = pytest.mark.skipif(postgres.why_not() is not None, reason=str(postgres.why_not()))


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    try:
        with postgres.postgres_url() as url:
            yield url
    except postgres.StartFailedError as error:
        pytest.skip(f"PostgreSQL would not start here: {error}")


WORKERS = 4


@pytest.fixture
def pg_workers(pg_url: str) -> Iterator[tuple[list[TestClient], str]]:
    """`WORKERS` apps on one empty database, each with its event loop and engine, as the
    worker processes of `kiosk central serve --workers`; and a kiosk's key."""
    engine = db.open_engine(pg_url)
    db.metadata.drop_all(engine)  # each test starts from an empty database
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS schema_version")
    engine.dispose()
    clock = Clock()
    settings = Settings(db_url=pg_url, config_path=REPO_CONFIG, now=clock)
    apps = [create_app(settings) for _ in range(WORKERS)]
    key = accounts.add_kiosk(apps[0].state.central.engine, 1, now=clock())
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(TestClient(app)) for app in apps], key


@pytest.fixture
def pg_client(pg_workers: tuple[list[TestClient], str]) -> tuple[TestClient, str]:
    clients, key = pg_workers
    return clients[0], key


def _in_turn(clients: list[TestClient]) -> Callable[[], TestClient]:
    """The workers one after the other, for racing threads (thread-safe)."""
    turn = itertools.count()
    lock = threading.Lock()

    def pick() -> TestClient:
        with lock:
            return clients[next(turn) % len(clients)]

    return pick


def _count(client: TestClient) -> int:
    engine = client.app.state.central.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(db.tickets)).scalar_one())


def test_tickets_are_stored_and_read_back_on_postgresql(pg_client):
    client, key = pg_client
    answer = client.post(
        "/requests.json", data=form(kiosk_payload(1), key), headers={"Idempotency-Key": "pg-1"}
    )
    assert answer.status_code == 200
    as_kiosk = {"X-Api-Key": key}
    (ticket,) = client.get(f"/requests/{make_code(1, 1)}.json", headers=as_kiosk).json()
    assert ticket["requested_datetime"] == "2024-12-04T15:15:00+08:00"
    assert ticket["description"] == "充电桩不能充电"  # UTF-8 all the way through
    found = client.get("/requests.json", params={"status": "open"}, headers=as_kiosk).json()
    assert found[0] == ticket


def test_concurrent_identical_requests_make_one_ticket_on_postgresql(pg_workers):
    clients, key = pg_workers
    worker = _in_turn(clients)
    fields = form(kiosk_payload(1), key)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    answers = race(8, lambda: worker().post("/requests.json", data=fields, headers=headers))
    assert [a.status_code for a in answers] == [200] * 8
    assert len({a.content for a in answers}) == 1
    assert _count(clients[0]) == 1


def test_one_ticket_code_raced_under_two_keys_is_stored_once_and_the_other_gets_409(
    pg_workers,
):
    clients, key = pg_workers
    worker = _in_turn(clients)
    fields = form(kiosk_payload(1), key)
    keys = iter([str(uuid.uuid4()) for _ in range(4)])
    answers = race(
        4,
        lambda: worker().post(
            "/requests.json", data=fields, headers={"Idempotency-Key": next(keys)}
        ),
    )
    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409]
    assert _count(clients[0]) == 1


def test_the_same_ticket_code_under_a_new_key_is_409_on_postgresql(pg_client):
    client, key = pg_client
    fields = form(kiosk_payload(1), key)
    first = client.post("/requests.json", data=fields, headers={"Idempotency-Key": "a"})
    again = client.post("/requests.json", data=fields, headers={"Idempotency-Key": "b"})
    assert (first.status_code, again.status_code) == (200, 409)
    assert "exists already" in again.text
    assert _count(client) == 1


def test_the_same_voice_sent_concurrently_counts_once_on_postgresql(pg_workers):
    clients, key = pg_workers
    worker = _in_turn(clients)
    code = make_code(1, 1)
    clients[0].post(
        "/requests.json", data=form(kiosk_payload(1), key), headers={"Idempotency-Key": "t"}
    )
    voice = {"api_key": key, "ticket_code": code}
    answers = race(
        6,
        lambda: worker().post(
            f"/requests/{code}/voices.json", data=voice, headers={"Idempotency-Key": "v"}
        ),
    )
    assert [a.status_code for a in answers] == [200] * 6
    assert {a.json()[0]["residents"] for a in answers} == {2}


def test_migrating_postgresql_twice_is_harmless(pg_url):
    engine = db.open_engine(pg_url)
    assert db.migrate(engine) == db.migrate(engine) == 1 + len(db.MIGRATIONS)
    engine.dispose()


def test_a_version_1_database_migrates_and_ratings_count_on_postgresql(pg_url):
    from kiosk.central import tickets

    engine = db.open_engine(pg_url)
    db.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS schema_version")
    db.migrate(engine)
    with engine.begin() as conn:  # back to the shape of version 1
        conn.exec_driver_sql("DROP TABLE ratings")
        conn.exec_driver_sql("ALTER TABLE tickets DROP COLUMN rating")
        conn.exec_driver_sql("ALTER TABLE tickets DROP COLUMN first_response")
        for column in ("lang", "answers", "summaries", "secret_digest"):  # issue 17's
            conn.exec_driver_sql(f"ALTER TABLE tickets DROP COLUMN {column}")
        conn.execute(db.schema_version.update().values(version=1))
    engine.dispose()
    clock = Clock()
    app = create_app(Settings(db_url=pg_url, config_path=REPO_CONFIG, now=clock))
    central_engine = app.state.central.engine
    key = accounts.add_kiosk(central_engine, 1, now=clock())
    accounts.add_staff(central_engine, "pg", "hui-yin-bi-2024", now=clock())
    with central_engine.connect() as conn:
        staff_id = conn.execute(select(db.staff.c.id)).scalar_one()
    code = make_code(1, 1)
    with TestClient(app) as client:
        client.post(
            "/requests.json", data=form(kiosk_payload(1), key), headers={"Idempotency-Key": "a"}
        )
        with db.writing(central_engine) as conn:
            row = tickets.get(conn, code)
            assert row is not None
            tickets.change(
                conn,
                row,
                staff_id=staff_id,
                status="closed",
                responsible="x",
                notes="好",
                now=clock(),
            )
        closed = client.get("/requests.json", params={"status": "closed"}).json()
        assert closed[0]["extended_attributes"]["answers"] == {"zh": "好"}  # the public view
        rated = client.post(
            f"/requests/{code}/ratings.json",
            data={"api_key": key, "rating": "satisfied"},
            headers={"Idempotency-Key": "r"},
        )
        assert rated.status_code == 200
        figures = client.get("/figures.json", params={"months": 1}).json()["months"]
    assert [(m["received"], m["responded"], m["solved"], m["satisfied"]) for m in figures] == [
        (1, 1, 1, 1)
    ]
