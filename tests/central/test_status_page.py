"""The public status page the receipt's QR code opens: status, promise, answer; nothing personal."""

from __future__ import annotations

from kiosk.domain.ticket_code import make_code
from tests.central.helpers import csrf_of, log_in
from tests.fixtures.open311_payloads import PHONE, kiosk_payload

CODE = make_code(1, 1)


def test_it_shows_category_status_person_and_promised_date_in_chinese(server):
    server.post_request(kiosk_payload(1))
    page = server.client.get(f"/status/{CODE}")
    assert page.status_code == 200
    assert '<html lang="zh" dir="ltr">' in page.text
    assert 'name="viewport"' in page.text
    for shown in ("物业维修", "已受理", "物业公司维修部", "2024年12月7日", "还没有答复"):
        assert shown in page.text


def test_it_never_shows_the_phone_or_what_the_resident_wrote(server):
    server.post_request(kiosk_payload(1, free_text="我是王阿姨，住3号楼"))
    for lang in ("zh", "ug"):
        page = server.client.get(f"/status/{CODE}", params={"lang": lang}).text
        assert PHONE not in page
        assert PHONE[-4:] not in page
        assert "王阿姨" not in page
        assert "充电桩不能充电" not in page  # the description stays off this page too


def test_uyghur_by_query_is_right_to_left(server):
    server.post_request(kiosk_payload(1))
    page = server.client.get(f"/status/{CODE}", params={"lang": "ug"})
    assert '<html lang="ug" dir="rtl">' in page.text
    assert "مۈلۈك رېمونتى" in page.text  # the category's Uyghur name
    assert "مۈلۈك شىركىتى رېمونت بۆلۈمى" in page.text  # and its person's
    assert '<bdi dir="ltr">001 000 01' in page.text  # digits stay in reading order


def test_uyghur_by_accept_language(server):
    server.post_request(kiosk_payload(1))
    page = server.client.get(f"/status/{CODE}", headers={"Accept-Language": "ug-CN,zh;q=0.5"})
    assert 'dir="rtl"' in page.text
    assert page.headers["Vary"] == "Accept-Language"
    chinese = server.client.get(f"/status/{CODE}", headers={"Accept-Language": "zh;q=0.9,ug;q=0.1"})
    assert 'dir="ltr"' in chinese.text


def test_a_closed_ticket_shows_its_answer(server):
    server.post_request(kiosk_payload(1))
    log_in(server.client)
    form_page = server.client.get(f"/staff/tickets/{CODE}")
    server.client.post(
        f"/staff/tickets/{CODE}",
        data={
            "csrf_token": csrf_of(form_page.text),
            "status": "closed",
            "responsible": "物业公司维修部",
            "answer": "充电桩已修好。",
        },
    )
    page = server.client.get(f"/status/{CODE}")
    assert "已办结" in page.text
    assert "充电桩已修好。" in page.text


def test_an_overdue_ticket_says_so(server, clock):
    server.post_request(kiosk_payload(1))
    clock.advance(days=4)
    assert "已超过答复期限" in server.client.get(f"/status/{CODE}").text


def test_an_unknown_code_is_404_and_says_it_may_not_have_arrived_yet(server):
    page = server.client.get(f"/status/{make_code(1, 5)}")
    assert page.status_code == 404
    assert "没有找到这个编号" in page.text
    assert "还没有传到社区" in page.text


def test_a_mistyped_code_asks_to_check_the_digits(server):
    wrong = CODE[:-1] + str((int(CODE[-1]) + 1) % 10)
    page = server.client.get(f"/status/{wrong}", params={"lang": "ug"})
    assert page.status_code == 404
    assert "بۇ نومۇر توغرا ئەمەس" in page.text


def test_text_on_the_page_is_escaped(server):
    page = server.client.get("/status/<b>bold")
    assert page.status_code == 404
    assert "<b>bold" not in page.text
    assert "&lt;b&gt;bold" in page.text
