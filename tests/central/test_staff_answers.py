"""The staff ticket page in two languages (issue 17): an answer and an Echo Wall summary each in
Chinese and Uyghur, at least one answer to close, every change logged per language, and the list
marking a Uyghur resident who has no Uyghur answer yet."""

from __future__ import annotations

import html
import re

from kiosk.domain.ticket_code import make_code
from tests.central.helpers import Answer, Server, log_in
from tests.fixtures.staff_pages import csrf_of

CODE = make_code(1, 1)
NEEDS_UYGHUR = "待写维吾尔文答复"
_CODE_LINK = re.compile(r'class="code" href="/staff/tickets/(\d+)"')


def _save(server: Server, code: str = CODE, **fields: str) -> Answer:
    page = server.client.get(f"/staff/tickets/{code}")
    data = {"csrf_token": csrf_of(page.text), "responsible": "物业公司维修部", **fields}
    return server.client.post(f"/staff/tickets/{code}", data=data, follow_redirects=False)


def _marked_codes(server: Server, **params: str) -> list[str]:
    """The codes in the staff list whose row carries the mark's words."""
    listing = server.client.get("/staff/tickets", params=params).text
    rows = listing.split("<tr>")[2:]  # past the head row
    return [_CODE_LINK.findall(row)[0] for row in rows if NEEDS_UYGHUR in row]


def test_the_page_has_an_answer_and_a_summary_box_per_language_with_its_direction(server):
    server.post_ticket(1, lang="ug")
    log_in(server.client)
    page = server.client.get(f"/staff/tickets/{CODE}").text
    for name in ("answer", "summary"):
        assert f'name="{name}_zh" lang="zh" dir="ltr"' in page
        assert f'name="{name}_ug" lang="ug" dir="rtl"' in page
    for label in (
        "中文答复",
        "维吾尔文答复",
        "中文回音壁摘要（可以不填）",
        "维吾尔文回音壁摘要（可以不填）",
    ):
        assert label in page
    assert "居民语言</dt><dd>维吾尔文" in page


def test_closing_without_any_answer_is_refused_and_saves_nothing(server):
    server.post_ticket(1, lang="ug")
    log_in(server.client)
    refused = _save(server, status="closed", answer_zh=" ", answer_ug="", summary_zh="坏了")
    assert refused.status_code == 400
    assert "办结时必须至少填写一种语言的答复" in refused.text
    assert "坏了</textarea>" in refused.text  # what was typed is kept on the page
    (ticket,) = server.read(f"/requests/{CODE}.json").json()
    assert ticket["status"] == "open"
    assert ticket["extended_attributes"]["summaries"] == {}
    assert "<h2>记录</h2>" not in server.client.get(f"/staff/tickets/{CODE}").text


def test_closing_with_a_uyghur_answer_only_is_accepted(server):
    server.post_ticket(1, lang="ug")
    log_in(server.client)
    assert _save(server, status="closed", answer_ug="ئوڭشالدى.").status_code == 303
    (ticket,) = server.read(f"/requests/{CODE}.json").json()
    assert ticket["status"] == "closed"


def test_the_history_lists_each_languages_answer_and_summary(server):
    server.post_ticket(1, lang="ug")
    log_in(server.client)
    _save(server, status="in_progress", answer_zh="在修", summary_ug="توك")
    _save(server, status="closed", answer_zh="已修好", answer_ug="ئوڭشالدى.", summary_ug="توك")
    page = html.unescape(server.client.get(f"/staff/tickets/{CODE}").text)
    assert "中文答复 “<bdi></bdi>” → “<bdi>在修</bdi>”" in page
    assert "中文答复 “<bdi>在修</bdi>” → “<bdi>已修好</bdi>”" in page
    assert "维吾尔文答复 “<bdi></bdi>” → “<bdi>ئوڭشالدى.</bdi>”" in page
    assert "维吾尔文回音壁摘要（可以不填） “<bdi></bdi>” → “<bdi>توك</bdi>”" in page
    assert page.count("维吾尔文回音壁摘要（可以不填）") == 2  # the label, and one change only


def test_the_list_marks_a_uyghur_resident_without_a_uyghur_answer_until_there_is_one(server):
    server.post_ticket(1, lang="ug")
    server.post_ticket(2, lang="zh")
    server.post_request()  # an older kiosk's ticket: no language, no mark
    log_in(server.client)
    assert _marked_codes(server) == [CODE]
    _save(server, status="in_progress", answer_zh="在修")  # a Chinese answer is not enough
    assert _marked_codes(server) == [CODE]
    assert NEEDS_UYGHUR in server.client.get(f"/staff/tickets/{CODE}").text
    _save(server, status="in_progress", answer_zh="在修", answer_ug="ئوڭشىلىۋاتىدۇ.")
    assert _marked_codes(server) == []
    assert NEEDS_UYGHUR not in server.client.get(f"/staff/tickets/{CODE}").text


def test_the_list_filters_to_uyghur_residents_without_a_uyghur_answer(server):
    server.post_ticket(1, lang="ug")
    server.post_ticket(2, lang="ug")
    server.post_ticket(3, lang="zh")
    log_in(server.client)
    _save(server, make_code(1, 2), status="in_progress", answer_ug="ئوڭشىلىۋاتىدۇ.")
    listing = server.client.get("/staff/tickets", params={"lacking": "ug"}).text
    assert "只看待写维吾尔文答复" in listing
    assert CODE in listing
    assert make_code(1, 2) not in listing
    assert make_code(1, 3) not in listing
    everything = server.client.get("/staff/tickets", params={"lacking": "xx"}).text
    assert make_code(1, 3) in everything  # an unknown language filters nothing
