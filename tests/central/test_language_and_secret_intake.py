"""POST /requests.json with the resident's language and the receipt's secret (issue 17): checked,
kept as a digest only, optional for older kiosks, and a retry still replays byte for byte."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.central import db
from kiosk.domain.ticket_code import make_code
from kiosk.domain.ticket_secret import digest, new_secret
from kiosk.wire import fields as f
from tests.central.helpers import Server
from tests.fixtures.open311_payloads import kiosk_payload


def _stored(server: Server) -> tuple[str, str | None]:
    t = db.tickets.c
    with server.engine.connect() as conn:
        row = conn.execute(select(t.lang, t.secret_digest)).one()
    return row.lang, row.secret_digest


def _everything_stored(server: Server) -> str:
    """Every value of every table, as text: where a secret must never be."""
    with server.engine.connect() as conn:
        return "\n".join(
            repr(tuple(row))
            for table in db.metadata.sorted_tables
            for row in conn.execute(select(table))
        )


def test_the_language_and_only_the_secrets_digest_are_kept(server):
    secret = new_secret()
    payload = {**kiosk_payload(1), f.LANG: "ug", f.TICKET_SECRET: secret}
    assert server.post_request(payload).status_code == 200
    assert _stored(server) == ("ug", digest(secret))
    assert secret not in _everything_stored(server)


def test_an_older_kiosks_ticket_without_either_is_taken(server):
    assert server.post_request(kiosk_payload(1)).status_code == 200
    assert _stored(server) == ("", None)


def test_a_language_outside_the_catalogue_is_400_naming_the_choices(server):
    answer = server.post_request({**kiosk_payload(1), f.LANG: "en"})
    assert answer.status_code == 400
    (error,) = answer.json()
    assert error["description"] == "lang must be one of zh, ug, got 'en'"
    assert server.read(f"/requests/{make_code(1, 1)}.json").status_code == 404


def test_a_malformed_secret_is_400_and_not_echoed(server):
    bad = "short!secret"
    answer = server.post_request({**kiosk_payload(1), f.TICKET_SECRET: bad})
    assert answer.status_code == 400
    assert "ticket_secret must be 16 to 64 characters" in answer.text
    assert bad not in answer.text


def test_a_retry_with_the_same_language_and_secret_replays_byte_for_byte(server, clock):
    payload = {**kiosk_payload(1), f.LANG: "ug", f.TICKET_SECRET: new_secret()}
    first = server.post_request(payload, key="k-1")
    clock.advance(hours=5)
    again = server.post_request(payload, key="k-1")
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_secret_is_a_different_request(server):
    payload = {**kiosk_payload(1), f.LANG: "ug", f.TICKET_SECRET: new_secret()}
    assert server.post_request(payload, key="k-1").status_code == 200
    other = {**payload, f.TICKET_SECRET: new_secret()}
    assert server.post_request(other, key="k-1").status_code == 422
