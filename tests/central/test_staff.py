"""The staff page: log-in, its rate limit, CSRF, and answering and closing a ticket."""

from __future__ import annotations

from fastapi.testclient import TestClient

from kiosk.central import accounts
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import STAFF_NAME, Answer, log_in
from tests.central.schemas import validate
from tests.fixtures.open311_payloads import PHONE, kiosk_payload
from tests.fixtures.staff_pages import csrf_of


def _update(client: TestClient, code: str, **fields: str) -> Answer:
    page = client.get(f"/staff/tickets/{code}")
    data = {"csrf_token": csrf_of(page.text), **fields}
    return client.post(f"/staff/tickets/{code}", data=data, follow_redirects=False)


def test_staff_pages_need_a_log_in(server):
    answer = server.client.get("/staff/tickets", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/staff/login?next=/staff/tickets"


def test_the_right_password_logs_in_and_returns_to_the_page_asked_for(server):
    answer = log_in(server.client)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/staff/tickets"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    page = server.client.get("/staff/tickets")
    assert page.status_code == 200
    assert STAFF_NAME in page.text


def test_a_wrong_password_is_refused(server):
    answer = log_in(server.client, password="wrong-password")
    assert answer.status_code == 401
    assert "用户名或密码不对" in answer.text
    assert server.client.get("/staff/tickets", follow_redirects=False).status_code == 303


def test_an_unknown_name_is_refused_the_same_way(server):
    answer = log_in(server.client, name="nobody")
    assert answer.status_code == 401
    assert "用户名或密码不对" in answer.text


def test_too_many_failures_lock_the_name_even_for_the_right_password(server, clock):
    for _ in range(3):  # the fixture allows 3 failures per name
        assert log_in(server.client, password="guess-guess").status_code == 401
    locked = log_in(server.client)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
    clock.advance(minutes=16)  # the window has passed
    assert log_in(server.client).status_code == 303


def test_a_log_in_post_without_the_form_token_is_refused(server):
    server.client.get("/staff/login")  # has the cookie, but the form field is missing
    answer = server.client.post(
        "/staff/login", data={"name": STAFF_NAME, "password": "hui-yin-bi-2024"}
    )
    assert answer.status_code == 403
    assert server.client.get("/staff/tickets", follow_redirects=False).status_code == 303


def test_a_ticket_change_without_the_csrf_token_is_refused(server):
    server.post_request(kiosk_payload(1))
    log_in(server.client)
    code = make_code(1, 1)
    forged = server.client.post(
        f"/staff/tickets/{code}",
        data={"status": "closed", "responsible": "x", "answer_zh": "forged"},
    )
    assert forged.status_code == 403
    (ticket,) = server.read(f"/requests/{code}.json").json()
    assert ticket["status"] == "open"


def test_closing_with_an_answer_publishes_it_on_the_echo_wall_feed(server, clock):
    server.post_request(kiosk_payload(1))
    server.post_request(kiosk_payload(2))
    clock.advance(days=2)
    log_in(server.client)
    code = make_code(1, 1)
    answer = _update(
        server.client,
        code,
        status="closed",
        responsible="物业公司维修部 李师傅",
        answer_zh="充电桩已修好，可以正常充电。",
    )
    assert answer.status_code == 303
    closed = server.read("/requests.json", params={"status": "closed"})
    validate("requests.json", closed.json())
    (ticket,) = closed.json()
    assert ticket["service_request_id"] == code
    assert ticket["status"] == "closed"
    assert ticket["status_notes"] == "充电桩已修好，可以正常充电。"
    assert ticket["agency_responsible"] == "物业公司维修部 李师傅"
    assert ticket["updated_datetime"] == "2024-12-06T15:15:00+08:00"  # when it was closed
    feed = server.client.get(
        "/requests.json", params={"status": "closed", "updated_after": "2024-12-06T00:00:00+08:00"}
    )
    assert [t["service_request_id"] for t in feed.json()] == [code]


def test_closing_without_an_answer_is_refused(server):
    server.post_request(kiosk_payload(1))
    log_in(server.client)
    answer = _update(server.client, make_code(1, 1), status="closed", responsible="x", answer_zh="")
    assert answer.status_code == 400
    assert "办结时必须至少填写一种语言的答复" in answer.text


def test_in_progress_is_open_on_the_wire_with_the_detail_as_an_extension(server):
    server.post_request(kiosk_payload(1))
    log_in(server.client)
    code = make_code(1, 1)
    _update(server.client, code, status="in_progress", responsible="物业公司维修部", answer_zh="")
    (ticket,) = server.read(f"/requests/{code}.json").json()
    assert ticket["status"] == "open"
    assert ticket["extended_attributes"]["detailed_status"] == "in_progress"


def test_the_ticket_page_shows_what_staff_need_and_logs_who_changed_it(server):
    server.post_request(kiosk_payload(1, free_text="3号楼东侧"))
    log_in(server.client)
    code = make_code(1, 1)
    _update(server.client, code, status="in_progress", responsible="物业公司维修部", answer_zh="")
    page = server.client.get(f"/staff/tickets/{code}")
    assert "3号楼东侧" in page.text
    assert PHONE in page.text  # staff call back; the public never sees it
    assert STAFF_NAME in page.text
    assert "状态 “<bdi>已受理，等待办理</bdi>” → “<bdi>正在办理</bdi>”" in page.text


def test_the_list_filters_by_status_category_kiosk_and_overdue(server, clock):
    accounts.add_kiosk(server.engine, 2, now=clock())
    server.post_request(kiosk_payload(1))  # repair, promised 2024-12-07
    server.post_request(kiosk_payload(2, code="safety"))  # promised 2024-12-05
    log_in(server.client)

    def listed(**params: str) -> set[str]:
        page = server.client.get("/staff/tickets", params=params)
        assert page.status_code == 200
        return {code for code in (make_code(1, 1), make_code(1, 2)) if code in page.text}

    assert listed() == {make_code(1, 1), make_code(1, 2)}
    assert listed(category="safety") == {make_code(1, 2)}
    assert listed(kiosk="001") == {make_code(1, 1), make_code(1, 2)}
    assert listed(kiosk="002") == set()
    assert listed(status="closed") == set()
    assert listed(overdue="1") == set()
    clock.advance(days=2)  # 2024-12-06: the safety ticket is past its promise
    assert server.client.get("/staff/tickets", follow_redirects=False).status_code == 303
    log_in(server.client)  # the session lasted 12 hours
    assert listed(overdue="1") == {make_code(1, 2)}


def test_logging_out_ends_the_session(server):
    log_in(server.client)
    page = server.client.get("/staff/tickets")
    server.client.post("/staff/logout", data={"csrf_token": csrf_of(page.text)})
    assert server.client.get("/staff/tickets", follow_redirects=False).status_code == 303


def test_a_log_in_never_redirects_off_the_site(server):
    page = server.client.get("/staff/login", params={"next": "https://evil.example/"})
    answer = server.client.post(
        "/staff/login",
        data={
            "name": STAFF_NAME,
            "password": "hui-yin-bi-2024",
            "csrf_token": csrf_of(page.text),
            "next": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/staff/tickets"


def test_a_password_reset_ends_that_persons_sessions(server, clock):
    log_in(server.client)
    accounts.add_staff(server.engine, STAFF_NAME, "a-brand-new-one", now=clock(), reset=True)
    assert server.client.get("/staff/tickets", follow_redirects=False).status_code == 303
    assert log_in(server.client, password="a-brand-new-one").status_code == 303
