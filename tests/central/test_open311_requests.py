"""POST and GET of service requests: what a kiosk sends, what anyone may read back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update

from kiosk.central import db, open311, tickets
from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Answer, Server
from tests.central.schemas import validate
from tests.fixtures.open311_payloads import ARTICLE_DAY, PHONE, kiosk_payload


def test_a_kiosk_ticket_is_created_under_its_own_code(server):
    answer = server.post_request(kiosk_payload(1))
    assert answer.status_code == 200
    (created,) = answer.json()
    assert created["service_request_id"] == make_code(1, 1)
    assert created["token"]
    assert created["service_notice"] == "物业公司维修部负责，2024-12-07前答复"
    assert created["account_id"] is None


def test_a_created_ticket_reads_back_as_a_valid_georeport_request(server):
    server.post_request(kiosk_payload(1, phrases=(0, 2), free_text="3号楼东侧", place="garden"))
    answer = server.read(f"/requests/{make_code(1, 1)}.json")
    assert answer.status_code == 200
    validate("requests.json", answer.json())
    (ticket,) = answer.json()
    assert ticket["status"] == "open"
    assert ticket["service_code"] == "property-repair"
    assert ticket["service_name"] == "物业维修"
    assert ticket["description"] == "充电桩不能充电\n水管漏水"  # the phrases, not the free text
    assert ticket["address_id"] == "garden"
    assert ticket["address"] == "胜利花园小区"
    assert ticket["agency_responsible"] == "物业公司维修部"
    assert ticket["requested_datetime"] == "2024-12-04T15:15:00+08:00"
    assert ticket["expected_datetime"] == "2024-12-07T23:59:59+08:00"
    assert ticket["updated_datetime"] == "2024-12-04T15:15:00+08:00"
    assert ticket["extended_attributes"] == {
        "detailed_status": "open",
        "device_id": "001",
        "residents": 1,
        "phrases": ["0", "2"],
        "closed_datetime": None,
        "rating": None,
        "answers": {},
        "summaries": {},
    }


def test_public_reads_never_show_the_phone_or_the_free_text(server):
    server.post_request(kiosk_payload(1, free_text="我是王阿姨，住3号楼"))
    for path in ("/requests.json", f"/requests/{make_code(1, 1)}.json"):
        body = server.read(path).text  # the kiosk's view shows the most
        assert PHONE not in body
        assert PHONE[-4:] not in body
        assert "王阿姨" not in body


def test_staff_still_get_the_phone_and_free_text_stored(server):
    server.post_request(kiosk_payload(1, free_text="3号楼东侧"))
    with server.engine.connect() as conn:
        row = conn.execute(select(db.tickets.c.phone, db.tickets.c.description)).one()
    assert row.phone == PHONE
    assert row.description == "充电桩不能充电\n3号楼东侧"


def test_missing_fields_are_filled_from_the_category(server):
    answer = server.post_request({"service_code": "sanitation", "device_id": "001"})
    assert answer.status_code == 200
    code = answer.json()[0]["service_request_id"]
    assert code.startswith("000")  # numbered by the centre: no kiosk code came with it
    (ticket,) = server.read(f"/requests/{code}.json").json()
    assert ticket["agency_responsible"] == "社区环卫组"
    assert ticket["requested_datetime"] == "2024-12-04T15:15:00+08:00"  # the server's clock
    assert ticket["expected_datetime"] == "2024-12-06T23:59:59+08:00"  # 2 days, end of day


def test_missing_service_code_is_400_in_the_spec_error_format(server):
    payload = kiosk_payload(1)
    del payload["service_code"]
    answer = server.post_request(payload)
    assert answer.status_code == 400
    assert answer.json() == [{"code": 400, "description": "service_code is required"}]


def test_unknown_service_code_is_404(server):
    answer = server.post_request({**kiosk_payload(1), "service_code": "fireworks"})
    assert answer.status_code == 404
    assert answer.json()[0]["code"] == 404


def test_a_wrong_api_key_is_403(server):
    answer = server.post_request(kiosk_payload(1), api_key="not-a-key")
    assert answer.status_code == 403
    assert answer.json() == [{"code": 403, "description": "api_key is missing or not valid"}]


def test_a_missing_api_key_is_403(server):
    answer = server.post_request(kiosk_payload(1), api_key=None)
    assert answer.status_code == 403


def test_an_api_key_in_the_query_string_is_refused_and_nothing_stored(server):
    answer = server.client.post(
        "/requests.json",
        params={"api_key": server.key},
        data={"service_code": "sanitation"},
        headers={"Idempotency-Key": "q-1"},
    )
    assert answer.status_code == 400
    assert "form body" in answer.json()[0]["description"]
    assert server.key not in answer.text
    assert server.read("/requests.json").json() == []


def test_a_kiosk_cannot_post_for_another_kiosk(server):
    other_device = server.post_request({**kiosk_payload(1), "device_id": "002"})
    assert other_device.status_code == 403
    other_code = server.post_request({**kiosk_payload(1), "ticket_code": make_code(2, 1)})
    assert other_code.status_code == 403
    assert "not issued by kiosk 001" in other_code.json()[0]["description"]


def test_a_ticket_code_with_a_wrong_check_digit_is_400(server):
    code = make_code(1, 1)
    broken = code[:-1] + str((int(code[-1]) + 1) % 10)
    answer = server.post_request({**kiosk_payload(1), "ticket_code": broken})
    assert answer.status_code == 400


def test_a_body_that_is_not_form_encoded_is_400(server):
    answer = server.client.post(
        "/requests.json",
        content=json.dumps(kiosk_payload(1)),
        headers={"Content-Type": "application/json", "Idempotency-Key": "j-1"},
    )
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400


def test_an_oversized_body_is_refused_before_it_is_read(server):
    payload = {**kiosk_payload(1), "description": "x" * 70_000}
    answer = server.post_request(payload)
    assert answer.status_code == 413
    assert answer.json()[0]["code"] == 413


def test_a_description_over_the_schema_limit_is_400(server):
    answer = server.post_request({**kiosk_payload(1), "description": "字" * 4001})
    assert answer.status_code == 400


def test_a_malformed_date_is_400(server):
    answer = server.post_request({**kiosk_payload(1), "requested_datetime": "yesterday"})
    assert answer.status_code == 400
    assert "requested_datetime" in answer.json()[0]["description"]


def test_an_unknown_request_is_404(server):
    answer = server.read(f"/requests/{make_code(1, 99)}.json")
    assert answer.status_code == 404
    assert answer.json()[0]["code"] == 404


def test_the_token_leads_to_the_request(server):
    token = server.post_request(kiosk_payload(1)).json()[0]["token"]
    answer = server.client.get(f"/tokens/{token}.json")
    assert answer.json() == [{"service_request_id": make_code(1, 1), "token": token}]
    assert server.client.get("/tokens/nope.json").status_code == 404


def _ids(answer: Answer) -> list[str]:
    validate("requests.json", answer.json())
    return [item["service_request_id"] for item in answer.json()]


def test_search_filters_by_code_service_status_and_dates(server):
    day = timedelta(days=1)
    server.post_request(kiosk_payload(1, created=ARTICLE_DAY - 10 * day))
    server.post_request(kiosk_payload(2, code="sanitation", created=ARTICLE_DAY - 5 * day))
    server.post_request(kiosk_payload(3, created=ARTICLE_DAY))
    one, two, three = (make_code(1, n) for n in (1, 2, 3))
    get = server.read
    assert _ids(get("/requests.json")) == [three, two, one]  # newest report first
    assert _ids(get("/requests.json", params={"service_request_id": f"{one},{three}"})) == [
        three,
        one,
    ]
    assert _ids(get("/requests.json", params={"service_code": "sanitation"})) == [two]
    assert _ids(get("/requests.json", params={"status": "closed"})) == []
    assert _ids(get("/requests.json", params={"status": "open"})) == [three, two, one]
    window = {"start_date": "2024-11-27T00:00:00+08:00", "end_date": "2024-12-01T00:00:00+08:00"}
    assert _ids(get("/requests.json", params=window)) == [two]


def test_a_date_range_over_90_days_is_400(server):
    answer = server.client.get(
        "/requests.json",
        params={"start_date": "2024-01-01T00:00:00+08:00", "end_date": "2024-12-01T00:00:00+08:00"},
    )
    assert answer.status_code == 400


def test_an_unknown_status_is_400(server):
    answer = server.read("/requests.json", params={"status": "pending"})
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400


def test_updated_after_pages_through_changes_oldest_first(server, clock):
    server.post_request(kiosk_payload(1))
    clock.advance(hours=1)
    server.post_request(kiosk_payload(2))
    clock.advance(hours=1)
    server.post_request(kiosk_payload(3))
    cursor = "2024-12-04T16:15:00+08:00"  # the second one's time: it comes again (inclusive)
    answer = server.read("/requests.json", params={"updated_after": cursor})
    assert _ids(answer) == [make_code(1, 2), make_code(1, 3)]
    last = answer.json()[-1]["updated_datetime"]
    assert _ids(server.read("/requests.json", params={"updated_after": last})) == [make_code(1, 3)]


def test_the_request_list_answers_304_while_nothing_changed(server):
    server.post_request(kiosk_payload(1))
    first = server.read("/requests.json", params={"status": "closed"})
    etag = first.headers["ETag"]
    again = server.read(
        "/requests.json", params={"status": "closed"}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304
    server.post_request(kiosk_payload(2))
    changed = server.read("/requests.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200


def _utc(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None)


def _when(answer: Answer) -> str:
    return str(answer.json()[0]["updated_datetime"])


def _closed_in_bulk(server: Server, count: int, notes: str) -> list[str]:
    """`count` tickets closed by staff in one instant, written straight into the database."""
    stamp = _utc(ARTICLE_DAY)
    rows = [
        {
            "code": tickets.centre_code(n),
            "token": f"bulk-{n}",
            "service_code": "sanitation",
            "service_name": "环境卫生",
            "requested": stamp,
            "status": "closed",
            "status_notes": notes,
            "received": stamp,
            "updated": stamp,
            "closed": stamp,
        }
        for n in range(1, count + 1)
    ]
    with db.writing(server.engine) as conn:
        conn.execute(insert(db.tickets), rows)
    return [str(r["code"]) for r in rows]


def _feed(server: Server, **params: str) -> list[tuple[Answer, list[str]]]:
    """Every page of the changes feed from the start, following Feed-After."""
    pages: list[tuple[Answer, list[str]]] = []
    query = {"updated_after": "2024-01-01T00:00:00+08:00", **params}
    while True:
        answer = server.read("/requests.json", params=query)
        assert answer.status_code == 200
        ids = _ids(answer)
        if not ids:
            assert "Feed-After" not in answer.headers
            return pages
        pages.append((answer, ids))
        query["after"] = answer.headers["Feed-After"]


def test_a_feed_page_stops_by_bytes_well_under_a_kiosks_cap(server):
    codes = _closed_in_bulk(server, 300, "维修记录" * 1000)  # 4,000 characters each
    pages = _feed(server)
    assert [code for _answer, ids in pages for code in ids] == codes
    sizes = [len(answer.content) for answer, _ids in pages]
    assert max(sizes) <= open311.PAGE_BYTES
    assert len(pages) > 1


def test_thousands_closed_in_one_instant_page_through_each_once(server):
    codes = _closed_in_bulk(server, 2500, "已处理")
    pages = _feed(server, page_size="400")
    assert [len(ids) for _answer, ids in pages] == [400] * 6 + [100]
    assert [code for _answer, ids in pages for code in ids] == codes


def test_a_ticket_changed_after_it_was_read_comes_again_in_the_same_second(server):
    first, second = _closed_in_bulk(server, 2, "已处理")
    (answer, ids), *_ = _feed(server, page_size="1")
    assert ids == [first]
    with db.writing(server.engine) as conn:  # reopened a moment later, the same wire second
        conn.execute(
            update(db.tickets)
            .where(db.tickets.c.code == first)
            .values(status="open", updated=_utc(ARTICLE_DAY) + timedelta(microseconds=1))
        )
    after = {"after": answer.headers["Feed-After"]}
    rest = server.read("/requests.json", params={**after, "updated_after": _when(answer)})
    assert _ids(rest) == [second, first]


def test_a_garbled_after_token_or_page_size_is_400(server):
    for params in ({"after": "yesterday"}, {"page_size": "0"}, {"page_size": "1001"}):
        answer = server.read("/requests.json", params=params)
        assert answer.status_code == 400, params
