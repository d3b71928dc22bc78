"""Kiosk heartbeats: stored per kiosk, answered with the centre's ticket sequence, and shown on the
staff page's kiosk list, where a kiosk goes 'offline' when its heartbeats stop."""

from __future__ import annotations

import uuid

from sqlalchemy import inspect, select, text

from kiosk.central import accounts, db, heartbeats
from tests.central.helpers import Answer, Server, log_in
from tests.fixtures.open311_payloads import kiosk_payload

BEAT = {
    "version": "0.1.0",
    "uptime_s": "7200",
    "waiting": "2",
    "oldest_waiting_s": "600",
    "printer": "ok",
    "config_sha256": "ab" * 32,
    "config_errors": "0",
    "disk_free_bytes": str(6 * 1024**3),
}


def beat(server: Server, device: str = "001", *, key: str | None = None, **fields: str) -> Answer:
    data = {**BEAT, **fields, "api_key": server.key if key is None else key}
    return server.client.post(f"/kiosks/{device}/heartbeat.json", data=data)


def kiosk_row(server: Server, device: str = "001") -> str:
    log_in(server.client)
    page = server.client.get("/staff/kiosks")
    assert page.status_code == 200
    start = page.text.index(f'id="kiosk-{device}"')
    return page.text[start : page.text.index("</tr>", start)]


def test_a_heartbeat_is_stored_and_answered_with_the_ticket_sequence(server):
    answer = beat(server)
    assert answer.status_code == 200, answer.text
    assert answer.json()["device_id"] == "001"
    assert answer.json()["ticket_sequence"] == 0
    with db.reading(server.engine) as conn:
        stored = heartbeats.latest(conn)
    (only,) = stored.values()
    assert (only.waiting, only.printer, only.disk_free_bytes) == (2, "ok", 6 * 1024**3)
    assert only.received == server.clock()


def test_the_answer_names_the_highest_sequence_even_past_five_digits(server):
    for sequence in (7, 100_000, 99_999):
        assert server.post_request(kiosk_payload(sequence)).status_code == 200
    assert beat(server).json()["ticket_sequence"] == 100_000


def test_a_fresh_cards_provisional_codes_are_left_out_of_the_sequence(server):
    for sequence in (12, 9_999_999, 10_000_000, 87_654_321):
        assert server.post_request(kiosk_payload(sequence)).status_code == 200
    assert beat(server).json()["ticket_sequence"] == 9_999_999


def test_a_second_heartbeat_replaces_the_first(server):
    beat(server)
    server.clock.advance(minutes=5)
    beat(server, printer="paper_out", waiting="0")
    with db.reading(server.engine) as conn:
        (only,) = heartbeats.latest(conn).values()
        keys = conn.execute(select(db.idempotency_keys)).all()
    assert only.printer == "paper_out"
    assert only.received == server.clock()
    assert keys == []


def test_no_idempotency_key_is_needed_and_one_sent_is_ignored(server):
    answer = server.client.post(
        "/kiosks/001/heartbeat.json",
        data={**BEAT, "api_key": server.key},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 200
    with db.reading(server.engine) as conn:
        assert conn.execute(select(db.idempotency_keys)).all() == []


def test_a_bad_key_or_another_kiosks_number_is_refused(server):
    assert beat(server, key="not-a-key").status_code == 403
    accounts.add_kiosk(server.engine, 2, now=server.clock())
    refused = beat(server, "002")
    assert refused.status_code == 403
    assert "kiosk 001" in refused.json()[0]["description"]
    with db.reading(server.engine) as conn:
        assert heartbeats.latest(conn) == {}


def test_a_garbled_field_gets_a_400_naming_it(server):
    answer = beat(server, waiting="lots")
    assert answer.status_code == 400
    assert "waiting" in answer.json()[0]["description"]
    assert beat(server, config_sha256="xyz").status_code == 400


def test_the_kiosk_list_shows_last_seen_and_goes_offline_when_heartbeats_stop(server):
    beat(server)
    server.clock.advance(minutes=10)
    row = kiosk_row(server)
    assert "10 分钟前" in row
    assert "2024-12-04 15:15" in row  # when, in community time
    assert "6.0 GB" in row
    assert "已运行 2 小时" in row
    assert "最早 20 分钟" in row  # 10 minutes old when reported, 10 minutes ago
    assert "正常" in row
    assert "warning-" not in row
    server.clock.advance(minutes=51)  # 61 minutes without a heartbeat
    row = kiosk_row(server)
    assert "warning-offline" in row
    assert "1 小时 1 分钟" in row
    beat(server)
    assert "warning-offline" not in kiosk_row(server)


def test_the_kiosk_list_warns_of_paper_config_errors_and_a_kiosk_never_seen(server):
    accounts.add_kiosk(server.engine, 2, now=server.clock(), name="library")
    beat(server, printer="paper_out", config_errors="1", config_problem="sync: bad value")
    row = kiosk_row(server)
    assert "warning-paper_out" in row
    assert "warning-config" in row
    assert "sync: bad value" in row
    assert "warning-never_seen" in kiosk_row(server, "002")


def test_the_kiosk_list_needs_a_staff_log_in_and_is_in_the_nav(server):
    answer = server.client.get("/staff/kiosks", follow_redirects=False)
    assert answer.status_code == 303
    log_in(server.client)
    assert 'href="/staff/kiosks"' in server.client.get("/staff/tickets").text


def test_a_database_from_before_heartbeats_gets_their_table(tmp_path):
    engine = db.open_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    before = db.MIGRATIONS[: db.MIGRATIONS.index(db.add_kiosk_health)]
    try:
        db.migrate(engine, steps=before)  # stamped with the version before the heartbeat step
        with db.writing(engine) as conn:
            conn.execute(text("DROP TABLE kiosk_health"))
        db.migrate(engine)
        with engine.connect() as conn:
            assert "kiosk_health" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
