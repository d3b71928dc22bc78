"""Idempotency-Key: one ticket per key, for good, whatever the kiosk's retries look like."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from kiosk.central import accounts, db
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Server, race
from tests.fixtures.open311_payloads import form, kiosk_payload


def _tickets(server: Server) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(db.tickets)).scalar_one())


def test_a_replay_returns_the_original_answer_byte_for_byte(server, clock):
    payload = kiosk_payload(1)
    first = server.post_request(payload, key="k-1")
    clock.advance(days=9)  # weeks offline: the key is still remembered
    again = server.post_request(payload, key="k-1")
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _tickets(server) == 1


def test_a_replay_after_the_ticket_changed_still_returns_the_first_answer(server):
    payload = kiosk_payload(1)
    first = server.post_request(payload, key="k-1")
    server.client.post(
        f"/requests/{make_code(1, 1)}/voices.json",
        data={"api_key": server.key},
        headers={"Idempotency-Key": "v-1"},
    )
    assert server.post_request(payload, key="k-1").content == first.content


def test_the_same_key_with_a_different_payload_is_422(server):
    server.post_request(kiosk_payload(1), key="k-1")
    answer = server.post_request(kiosk_payload(2), key="k-1")
    assert answer.status_code == 422
    assert answer.json()[0]["code"] == 422
    assert _tickets(server) == 1


def test_the_order_of_fields_and_the_api_key_do_not_make_another_request(server, clock):
    payload = kiosk_payload(1)
    first = server.post_request(payload, key="k-1")
    rotated = accounts.add_kiosk(server.engine, 1, now=clock(), rotate=True)
    reordered = dict(reversed(list(payload.items())))
    again = server.post_request(reordered, key="k-1", api_key=rotated)
    assert again.content == first.content


def test_a_missing_key_is_400_and_creates_nothing(server):
    answer = server.client.post("/requests.json", data=form(kiosk_payload(1), server.key))
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400
    assert "Idempotency-Key" in answer.json()[0]["description"]
    assert _tickets(server) == 0


def test_a_quoted_structured_field_key_is_the_same_key(server):
    payload = kiosk_payload(1)
    first = server.post_request(payload, key="abc-1")
    again = server.post_request(payload, key='"abc-1"')
    assert again.content == first.content


def test_a_refused_request_does_not_use_up_its_key(server):
    payload = kiosk_payload(1)
    refused = server.post_request({**payload, "service_code": "fireworks"}, key="k-1")
    assert refused.status_code == 404
    assert server.post_request(payload, key="k-1").status_code == 200


def test_keys_belong_to_their_kiosk(server, clock):
    other = accounts.add_kiosk(server.engine, 2, now=clock())
    server.post_request(kiosk_payload(1), key="shared-key")
    answer = server.post_request(kiosk_payload(1, kiosk=2), key="shared-key", api_key=other)
    assert answer.status_code == 200
    assert answer.json()[0]["service_request_id"] == make_code(2, 1)
    assert _tickets(server) == 2


def test_the_same_ticket_code_under_a_new_key_is_409(server):
    payload = kiosk_payload(1)
    server.post_request(payload, key="k-1")
    answer = server.post_request(payload, key="k-2")
    assert answer.status_code == 409
    assert _tickets(server) == 1


def test_concurrent_identical_requests_make_exactly_one_ticket(server):
    payload = kiosk_payload(1)
    key = str(uuid.uuid4())
    answers = race(8, lambda: server.post_request(payload, key=key))
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert sum("Idempotent-Replayed" not in a.headers for a in answers) == 1
    assert _tickets(server) == 1
