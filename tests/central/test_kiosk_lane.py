"""The kiosks' POSTs skip FastAPI's routing (kiosk_lane.py): they must answer exactly as a route
would, with what every answer carries, and nothing else may take the lane."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

import pytest
from fastapi import APIRouter
from sqlalchemy import select

from kiosk.central import db
from kiosk.central.kiosk_lane import KioskLane
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Server
from tests.fixtures.open311_payloads import form, kiosk_payload


def test_a_kiosk_post_carries_the_headers_every_answer_carries(server: Server) -> None:
    answer = server.post_request(kiosk_payload(1), key="k-1")
    assert answer.status_code == 200
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert answer.headers["content-type"] == "application/json"


def test_a_multipart_form_makes_the_same_ticket_as_an_urlencoded_one(server: Server) -> None:
    fields = form(kiosk_payload(1), server.key)
    parts = [
        (name, (None, value))
        for name, values in fields.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    multipart = server.client.post(
        "/requests.json", files=parts, headers={"Idempotency-Key": "k-multi"}
    )
    assert multipart.status_code == 200
    again = server.post_request(kiosk_payload(1), key="k-multi")  # the same request, replayed
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.content == multipart.content


def test_a_body_that_is_not_a_form_is_400_in_open311s_shape(server: Server) -> None:
    answer = server.client.post(
        "/requests.json",
        content=b'{"service_code": "sanitation"}',
        headers={"Idempotency-Key": "k-json", "Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert "form-encoded" in answer.json()[0]["description"]


def test_broken_percent_escapes_in_a_field_are_kept_as_replacement_characters(
    server: Server,
) -> None:
    fields = {k: v for k, v in form(kiosk_payload(1), server.key).items() if k != "description"}
    encoded = urlencode(fields, doseq=True)
    answer = server.client.post(
        "/requests.json",
        content=(encoded + "&description=%E6%B1%A1%FF%E6%B0%B4").encode("ascii"),
        headers={
            "Idempotency-Key": "k-bytes",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert answer.status_code == 200
    with server.engine.connect() as conn:
        stored = conn.execute(
            select(db.tickets.c.description).where(db.tickets.c.code == make_code(1, 1))
        ).scalar_one()
    assert stored == "污\ufffd水"


def test_a_wrong_api_key_is_told_before_a_missing_idempotency_key(server: Server) -> None:
    answer = server.client.post("/requests.json", data=form(kiosk_payload(1), "not-a-key"))
    assert answer.status_code == 403
    answer = server.client.post(
        f"/requests/{make_code(1, 1)}/voices.json",
        data={"api_key": "not-a-key"},
        headers={"Idempotency-Key": "x" * 300},
    )
    assert answer.status_code == 403


def test_other_methods_on_a_kiosk_path_are_the_frameworks(server: Server) -> None:
    server.post_request(kiosk_payload(1), key=str(uuid.uuid4()))
    assert server.client.get("/requests.json").status_code == 200
    assert server.client.put("/requests.json").status_code == 405


def test_a_route_that_would_block_the_event_loop_cannot_take_the_lane() -> None:
    router = APIRouter()

    @router.post("/blocking.json")
    def blocking() -> None:  # a plain def: FastAPI would have run it on its thread pool
        return None

    with pytest.raises(TypeError, match="async"):
        KioskLane(lambda scope, receive, send: None, routers=[router])  # type: ignore[arg-type,return-value]
