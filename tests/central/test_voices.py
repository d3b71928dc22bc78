"""Another resident's voice on an existing ticket (extension): counted once per key."""

from __future__ import annotations

from datetime import timedelta

from kiosk.central import accounts
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Answer, Server, race
from tests.fixtures.open311_payloads import ARTICLE_DAY, kiosk_payload


def _join(server: Server, code: str, key: str, **fields: str) -> Answer:
    data = {
        "api_key": server.key,
        "ticket_code": code,
        "device_id": "001",
        "joined_datetime": (ARTICLE_DAY + timedelta(hours=2)).isoformat(),
        **fields,
    }
    return server.client.post(
        f"/requests/{code}/voices.json", data=data, headers={"Idempotency-Key": key}
    )


def test_a_voice_raises_the_count_once_however_often_it_is_sent(server):
    code = make_code(1, 1)
    server.post_request(kiosk_payload(1))
    first = _join(server, code, "join-1", residents="2")
    assert first.status_code == 200
    assert first.json() == [{"service_request_id": code, "residents": 2}]
    assert _join(server, code, "join-1", residents="2").content == first.content
    assert _join(server, code, "join-2", residents="3").json()[0]["residents"] == 3
    (ticket,) = server.read(f"/requests/{code}.json").json()
    assert ticket["extended_attributes"]["residents"] == 3


def test_the_same_voice_sent_concurrently_counts_once(server):
    code = make_code(1, 1)
    server.post_request(kiosk_payload(1))
    answers = race(6, lambda: _join(server, code, "join-race"))
    assert {a.status_code for a in answers} == {200}
    assert {a.json()[0]["residents"] for a in answers} == {2}


def test_a_voice_for_an_unknown_ticket_is_404(server):
    answer = _join(server, make_code(1, 7), "join-1")
    assert answer.status_code == 404
    assert answer.json()[0]["code"] == 404


def test_a_voice_needs_a_valid_api_key(server):
    server.post_request(kiosk_payload(1))
    answer = _join(server, make_code(1, 1), "join-1", api_key="wrong")
    assert answer.status_code == 403


def test_a_voice_whose_ticket_code_differs_from_the_path_is_400(server):
    server.post_request(kiosk_payload(1))
    answer = _join(server, make_code(1, 1), "join-1", ticket_code=make_code(1, 2))
    assert answer.status_code == 400


def test_a_voice_key_reused_for_another_ticket_is_422(server):
    server.post_request(kiosk_payload(1))
    server.post_request(kiosk_payload(2))
    _join(server, make_code(1, 1), "join-1")
    assert _join(server, make_code(1, 2), "join-1").status_code == 422


def test_a_kiosk_cannot_add_a_voice_to_another_kiosks_ticket(server):
    other_key = accounts.add_kiosk(server.engine, 2, now=server.clock(), name="gate")
    code = make_code(2, 1)
    created = server.post_request(kiosk_payload(1, kiosk=2), api_key=other_key)
    assert created.status_code == 200
    answer = _join(server, code, "join-foreign")
    assert answer.status_code == 403
    assert "not issued by kiosk 001" in answer.json()[0]["description"]
    (ticket,) = server.read(f"/requests/{code}.json").json()
    assert ticket["extended_attributes"]["residents"] == 1


def test_a_voice_with_a_400_digit_count_is_400_not_500(server):
    server.post_request(kiosk_payload(1))
    answer = _join(server, make_code(1, 1), "join-big", residents="9" * 400)
    assert answer.status_code == 400
    assert "residents must be a whole number" in answer.json()[0]["description"]
