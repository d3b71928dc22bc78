"""Ratings of closed tickets (extension): idempotent, only for closed tickets, from any kiosk;
"not satisfied" re-opens the ticket and flags it for staff."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.central import accounts, db
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Server
from tests.central.schemas import validate
from tests.central.staff_actions import rate, staff_set
from tests.fixtures.open311_payloads import kiosk_payload

CODE = make_code(1, 1)
FLAG = '<strong class="overdue">居民不满意</strong>'


def _closed(server: Server) -> None:
    server.post_request(kiosk_payload(1))
    server.clock.advance(hours=5)
    staff_set(server, CODE, "closed", "充电桩已修好")


def _ratings(server: Server) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(db.ratings)).scalar_one())


def test_a_rating_is_stored_once_per_key_and_the_feed_carries_it(server):
    _closed(server)
    server.clock.advance(hours=1)
    first = rate(server, CODE, "satisfied", key="rate-1", device_id="001")
    assert first.status_code == 200
    assert first.json() == [{"service_request_id": CODE, "rating": "satisfied", "status": "closed"}]
    again = rate(server, CODE, "satisfied", key="rate-1", device_id="001")
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _ratings(server) == 1
    (ticket,) = server.read(f"/requests/{CODE}.json").json()
    validate("request.json", [ticket])
    extra = ticket["extended_attributes"]
    assert extra["rating"] == "satisfied"
    assert extra["closed_datetime"] == "2024-12-04T20:15:00+08:00"  # closing, not rating time
    assert ticket["updated_datetime"] == "2024-12-04T21:15:00+08:00"  # the feed brings it again
    assert ticket["status"] == "closed"


def test_the_same_key_with_another_rating_is_422(server):
    _closed(server)
    rate(server, CODE, "satisfied", key="rate-1")
    assert rate(server, CODE, "so_so", key="rate-1").status_code == 422
    assert _ratings(server) == 1


def test_the_latest_rating_is_the_tickets_and_every_one_is_kept(server):
    _closed(server)
    rate(server, CODE, "so_so")
    rate(server, CODE, "satisfied")
    (ticket,) = server.read(f"/requests/{CODE}.json").json()
    assert ticket["extended_attributes"]["rating"] == "satisfied"
    assert _ratings(server) == 2


def test_an_open_ticket_cannot_be_rated(server):
    server.post_request(kiosk_payload(1))
    answer = rate(server, CODE, "satisfied")
    assert answer.status_code == 409
    assert "not closed" in answer.json()[0]["description"]
    assert _ratings(server) == 0


def test_an_unknown_ticket_is_404_and_a_bad_rating_400(server):
    assert rate(server, make_code(1, 9), "satisfied").status_code == 404
    _closed(server)
    bad = rate(server, CODE, "excellent")
    assert bad.status_code == 400
    assert "satisfied, so_so, not_satisfied" in bad.json()[0]["description"]
    assert rate(server, "0010000011", "satisfied").status_code == 400  # a mistyped code


def test_a_rating_needs_a_kiosk_key_and_the_keys_own_device(server):
    _closed(server)
    assert rate(server, CODE, "satisfied", api_key="wrong").status_code == 403
    assert rate(server, CODE, "satisfied", device_id="002").status_code == 403


def test_another_kiosk_may_rate_a_ticket_from_this_one(server):
    _closed(server)
    other = accounts.add_kiosk(server.engine, 2, now=server.clock(), name="library")
    answer = rate(server, CODE, "satisfied", api_key=other, device_id="002")
    assert answer.status_code == 200
    with server.engine.connect() as conn:
        assert conn.execute(select(db.ratings.c.device_id)).scalar_one() == "002"


def test_not_satisfied_reopens_the_ticket_flags_it_and_logs_it(server):
    _closed(server)
    server.post_request(kiosk_payload(2))
    answer = rate(server, CODE, "not_satisfied")
    assert answer.json()[0]["status"] == "open"
    (ticket,) = server.read(f"/requests/{CODE}.json").json()
    assert ticket["status"] == "open"
    assert ticket["extended_attributes"]["detailed_status"] == "open"
    assert ticket["extended_attributes"]["closed_datetime"] is None
    assert ticket["extended_attributes"]["rating"] == "not_satisfied"
    assert CODE not in [
        t["service_request_id"]
        for t in server.read("/requests.json", params={"status": "closed"}).json()
    ]
    listed = server.client.get("/staff/tickets").text
    assert FLAG in listed
    flagged = server.client.get("/staff/tickets", params={"unsatisfied": "1"}).text
    assert CODE in flagged
    assert make_code(1, 2) not in flagged
    page = server.client.get(f"/staff/tickets/{CODE}").text
    assert "居民不满意，已重新打开" in page
    assert "居民评价 “<bdi>无</bdi>” → “<bdi>不满意</bdi>”" in page
    assert "状态 “<bdi>已办结</bdi>” → “<bdi>已受理，等待办理</bdi>”" in page
    # A re-opened ticket is not closed: rating it again waits for staff to close it again.
    assert rate(server, CODE, "not_satisfied").status_code == 409
    staff_set(server, CODE, "closed", "已更换零件")
    assert FLAG not in server.client.get("/staff/tickets").text
    assert rate(server, CODE, "satisfied").json()[0]["status"] == "closed"
