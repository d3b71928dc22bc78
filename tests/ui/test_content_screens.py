"""Notices, activities and the Red Post on the real window, on the article's day (Wed 4 Dec 2024,
15:15 in Ruoqiang)."""

from __future__ import annotations

from kiosk.ui.widgets import BigButton
from tests.ui.helpers import Kiosk


def _rows(kiosk: Kiosk) -> list[BigButton]:
    return list(reversed(kiosk.screen("notices").ids["rows"].children))


def test_notices_list_pinned_first_then_newest_and_pages_with_buttons(kiosk: Kiosk):
    kiosk.driver.tap(kiosk.screen("home").ids["door_notices"])
    screen = kiosk.screen("notices")
    first_page = [row.text for row in _rows(kiosk)]
    assert first_page[0] == "回音簿：定时、定人、定责"  # pinned
    assert first_page[1] == "红色驿站冬季开放：热水、避风"  # urgent comes next
    assert screen.page_label == "1/2"
    pager_next = next(w for w in screen.walk() if isinstance(w, BigButton) and w.icon == "next")
    kiosk.driver.tap(pager_next)
    second_page = [row.text for row in _rows(kiosk)]
    # Newest first among the rest: 2 Dec before 20 Nov.
    assert second_page == ["行动不便的老人可请驿站代办", "二十大精神与文明城市创建宣讲"]
    assert screen.page_label == "2/2"
    assert not screen.has_next


def test_a_notice_opens_in_large_text_and_back_returns_to_the_list(kiosk: Kiosk):
    kiosk.app.go("notices")
    kiosk.driver.frames(2)
    kiosk.driver.tap(_rows(kiosk)[0])
    screen = kiosk.screen("notices")
    assert screen.showing_detail
    assert "不错、不重、不漏" in screen.detail_body
    assert _rows(kiosk) == [], "the hidden list takes no touches"
    kiosk.driver.frames(2)
    assert screen.ids["rows"].height == 0, "the folded list leaves the text all the room"
    kiosk.app.back()
    kiosk.driver.frames(2)
    assert kiosk.current == "notices"
    assert not screen.showing_detail
    assert len(_rows(kiosk)) == 2


def test_activities_show_today_by_room_with_now_and_next(kiosk: Kiosk):
    kiosk.driver.tap(kiosk.screen("home").ids["door_activities"])
    screen = kiosk.screen("activities")
    assert screen.day_text.startswith("今天 · 12月4日 周三")
    rows = list(reversed(screen.ids["rows"].children))
    headings = [r.title_text for r in rows if r.heading]
    assert headings == ["胜利花园活动室"]
    # Wednesday 10:00 policy lecture is over at 15:15; nothing else that day: no "next".
    lecture = next(r for r in rows if not r.heading)
    assert lecture.title_text == "老年人政策宣讲"
    assert lecture.state == "past"

    pager_next = next(w for w in screen.walk() if isinstance(w, BigButton) and w.icon == "next")
    kiosk.driver.tap(pager_next)  # Thursday: the fan dance, in the future
    assert screen.day_text.startswith("明天 · 12月5日 周四")
    rows = list(reversed(screen.ids["rows"].children))
    assert [r.title_text for r in rows if not r.heading] == ["石榴籽文艺小分队排练扇子舞"]


def test_red_post_says_open_now_and_shows_each_amenity_state(kiosk: Kiosk):
    kiosk.driver.tap(kiosk.screen("home").ids["door_red_post"])
    screen = kiosk.screen("red_post")
    assert screen.open_now
    assert screen.open_text == "现在开放"
    assert screen.change_text == "20:00 关门"
    states = {
        row.name_text: (row.status, row.status_text) for row in screen.ids["amenities"].children
    }
    assert states["热水（饮水机）"] == ("available", "有")
    assert states["手机充电"] == ("broken", "维修中（充电线已报修）")
    assert "周一–周五  08:30–20:00" in screen.hours_text
