"""The public status page the receipt's QR code opens: status, promise, summary and answer in the
resident's language; nothing personal; and nothing at all without the receipt's secret."""

from __future__ import annotations

from sqlalchemy import update

from kiosk.central import db
from kiosk.domain.ticket_code import make_code
from kiosk.domain.ticket_secret import new_secret
from tests.central.helpers import Answer, Server, log_in
from tests.central.staff_actions import staff_set
from tests.fixtures.open311_payloads import PHONE, kiosk_payload

CODE = make_code(1, 1)
UNKNOWN = make_code(1, 5)
CHINESE_ONLY_LINE = "جاۋاب پەقەت خەنزۇچە يېزىلغان."  # "the answer is written in Chinese only"
UYGHUR_ONLY_LINE = "答复只有维吾尔文。"


def _page(server: Server, secret: str, code: str = CODE, **params: str) -> Answer:
    return server.client.get(f"/status/{code}", params={"k": secret, **params})


def test_it_shows_category_status_person_and_promised_date_in_chinese(server):
    _, secret = server.post_ticket(1)
    page = _page(server, secret)
    assert page.status_code == 200
    assert '<html lang="zh" dir="ltr">' in page.text
    assert 'name="viewport"' in page.text
    for shown in ("物业维修", "已受理", "物业公司维修部", "2024年12月7日", "还没有答复"):
        assert shown in page.text


def test_the_secret_never_leaves_in_a_referer_and_the_language_switch_keeps_it(server):
    _, secret = server.post_ticket(1)
    page = _page(server, secret, lang="zh")
    assert '<meta name="referrer" content="no-referrer">' in page.text
    assert f'href="?lang=ug&amp;k={secret}"' in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_it_never_shows_the_phone_or_what_the_resident_wrote(server):
    _, secret = server.post_ticket(1, free_text="我是王阿姨，住3号楼")
    for lang in ("zh", "ug"):
        page = _page(server, secret, lang=lang).text
        assert PHONE not in page
        assert PHONE[-4:] not in page
        assert "王阿姨" not in page
        assert "充电桩不能充电" not in page  # the description stays off this page too


def test_uyghur_by_query_is_right_to_left(server):
    _, secret = server.post_ticket(1, lang="ug")
    page = _page(server, secret, lang="ug")
    assert '<html lang="ug" dir="rtl">' in page.text
    assert "مۈلۈك رېمونتى" in page.text  # the category's Uyghur name
    assert "مۈلۈك شىركىتى رېمونت بۆلۈمى" in page.text  # and its person's
    assert '<bdi dir="ltr">001 000 01' in page.text  # digits stay in reading order


def test_uyghur_by_accept_language(server):
    _, secret = server.post_ticket(1)
    page = server.client.get(
        f"/status/{CODE}", params={"k": secret}, headers={"Accept-Language": "ug-CN,zh;q=0.5"}
    )
    assert 'dir="rtl"' in page.text
    assert page.headers["Vary"] == "Accept-Language"
    chinese = server.client.get(
        f"/status/{CODE}", params={"k": secret}, headers={"Accept-Language": "zh;q=0.9,ug;q=0.1"}
    )
    assert 'dir="ltr"' in chinese.text


def test_a_closed_ticket_shows_its_answer(server):
    _, secret = server.post_ticket(1)
    staff_set(server, CODE, "closed", "充电桩已修好。")
    page = _page(server, secret)
    assert "已办结" in page.text
    assert '<p lang="zh" dir="ltr">充电桩已修好。</p>' in page.text
    assert UYGHUR_ONLY_LINE not in page.text


def test_answered_in_chinese_only_the_uyghur_page_shows_it_saying_so_in_a_chinese_voice(server):
    _, secret = server.post_ticket(1, lang="ug")
    staff_set(server, CODE, "closed", "充电桩已修好。")
    page = _page(server, secret, lang="ug").text
    assert CHINESE_ONLY_LINE in page
    assert '<p lang="zh" dir="ltr">充电桩已修好。</p>' in page  # read with the Chinese voice


def test_answered_in_uyghur_only_the_chinese_page_shows_it_saying_so(server):
    _, secret = server.post_ticket(1, lang="ug")
    staff_set(server, CODE, "closed", "", answer_ug="توك قاچىلاش ئورنى ئوڭشالدى.")
    page = _page(server, secret, lang="zh").text
    assert UYGHUR_ONLY_LINE in page
    assert '<p lang="ug" dir="rtl">توك قاچىلاش ئورنى ئوڭشالدى.</p>' in page


def test_answered_in_both_each_page_shows_its_own_and_no_note(server):
    _, secret = server.post_ticket(1, lang="ug")
    staff_set(server, CODE, "closed", "充电桩已修好。", answer_ug="توك قاچىلاش ئورنى ئوڭشالدى.")
    uyghur = _page(server, secret, lang="ug").text
    assert '<p lang="ug" dir="rtl">توك قاچىلاش ئورنى ئوڭشالدى.</p>' in uyghur
    assert "充电桩已修好" not in uyghur
    assert CHINESE_ONLY_LINE not in uyghur
    chinese = _page(server, secret, lang="zh").text
    assert '<p lang="zh" dir="ltr">充电桩已修好。</p>' in chinese
    assert UYGHUR_ONLY_LINE not in chinese


def test_the_staff_summary_shows_in_the_pages_language_or_the_other_saying_so(server):
    _, secret = server.post_ticket(1, lang="ug")
    staff_set(server, CODE, "in_progress", summary_zh="3号楼充电桩坏了")
    uyghur = _page(server, secret, lang="ug").text
    assert "مەسىلە چۈشەندۈرۈلۈشى پەقەت خەنزۇچە يېزىلغان." in uyghur
    assert '<p lang="zh" dir="ltr">3号楼充电桩坏了</p>' in uyghur
    chinese = _page(server, secret, lang="zh").text
    assert "反映的问题" in chinese
    assert "问题说明只有维吾尔文" not in chinese


def _unknown_page_for(server: Server, code: str, **params: str) -> str:
    """The page with the code typed taken out: all that may differ between two 404s."""
    page = server.client.get(f"/status/{code}", params=params)
    assert page.status_code == 404
    shown = " ".join([code[:3], code[3:6], code[6:]])
    return page.text.replace(shown, "CODE").replace(code, "CODE")


def test_without_the_right_secret_a_real_code_looks_exactly_like_an_unknown_one(server):
    _, secret = server.post_ticket(1)
    wrong = new_secret()
    for params in ({}, {"k": wrong}, {"k": wrong, "lang": "ug"}, {"k": "short"}):
        real = _unknown_page_for(server, CODE, **params)
        assert real == _unknown_page_for(server, UNKNOWN, **params), params
        assert "物业维修" not in real
        assert "مۈلۈك رېمونتى" not in real
    assert _page(server, secret).status_code == 200


def test_a_ticket_from_before_secrets_opens_no_status_page(server):
    """An older kiosk's ticket has no digest: no secret, however made up, opens it."""
    assert server.post_request(kiosk_payload(1)).status_code == 200
    for params in ({}, {"k": new_secret()}, {"k": ""}):
        assert _unknown_page_for(server, CODE, **params) == _unknown_page_for(
            server, UNKNOWN, **params
        )


def test_the_not_found_page_sends_the_resident_to_the_kiosk(server):
    page = server.client.get(f"/status/{UNKNOWN}")
    assert page.status_code == 404
    assert "没有找到这个编号" in page.text
    assert "还没有传到社区" in page.text
    assert "回音簿终端上输入编号查询" in page.text
    uyghur = server.client.get(f"/status/{UNKNOWN}", params={"lang": "ug"}).text
    assert "ئىنكاس دەپتىرى ئۈسكۈنىسىدە نومۇرنى كىرگۈزۈپمۇ تەكشۈرەلەيسىز." in uyghur


def test_a_database_digest_is_not_a_secret(server):
    """The stored digest itself, sent as `k`, opens nothing (a leaked database opens no page)."""
    server.post_ticket(1)
    with server.engine.connect() as conn:
        stored = conn.execute(db.tickets.select().with_only_columns(db.tickets.c.secret_digest))
        (digest,) = stored.scalars()
    assert _page(server, digest).status_code == 404


def test_staff_preview_the_residents_page_without_a_secret(server):
    server.post_ticket(1, lang="ug")
    anonymous = server.client.get(f"/staff/tickets/{CODE}/resident-view", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].startswith("/staff/login")
    log_in(server.client)
    ticket = server.client.get(f"/staff/tickets/{CODE}").text
    assert f'href="/staff/tickets/{CODE}/resident-view"' in ticket
    preview = server.client.get(f"/staff/tickets/{CODE}/resident-view", params={"lang": "ug"})
    assert preview.status_code == 200
    assert "مۈلۈك رېمونتى" in preview.text


def test_an_overdue_ticket_says_so(server, clock):
    _, secret = server.post_ticket(1)
    clock.advance(days=4)
    assert "已超过答复期限" in _page(server, secret).text


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


def test_an_old_ticket_row_without_a_digest_stays_shut_even_after_staff_answer(server):
    _, secret = server.post_ticket(1)
    with db.writing(server.engine) as conn:
        conn.execute(update(db.tickets).values(secret_digest=None))
    staff_set(server, CODE, "closed", "已修好")
    assert _page(server, secret).status_code == 404
