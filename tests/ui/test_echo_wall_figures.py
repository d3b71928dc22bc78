"""The Echo Wall's figures and chart from a known local feed, counted by hand."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import RemoteRequest
from tests.ui.helpers import ARTICLE_DAY, Kiosk, page_to_items, wall_cards


def _feed(code: str, requested, *, closed_after=None, promised_days=3, rating=None):
    return RemoteRequest(
        code=code,
        status=TicketStatus.CLOSED if closed_after is not None else TicketStatus.OPEN,
        service_code="property-repair",
        requested=requested,
        updated=requested + (closed_after or timedelta(0)),
        closed=requested + closed_after if closed_after is not None else None,
        expected=requested + timedelta(days=promised_days),
        status_notes="已修好" if closed_after is not None else "",
        rating=rating,
    )


def test_the_figures_and_the_chart_count_this_month_and_the_last_twelve(kiosk: Kiosk):
    day = timedelta(days=1)
    december, november = ARTICLE_DAY - 3 * day, ARTICLE_DAY - 20 * day
    feed = [
        _feed(make_code(9, 1), december, closed_after=day, rating=Rating.SATISFIED),
        _feed(make_code(9, 2), december, closed_after=5 * day, rating=Rating.SO_SO),
        _feed(make_code(9, 3), december),
        _feed(make_code(9, 4), november, closed_after=2 * day, rating=Rating.SATISFIED),
    ]
    kiosk.app.services.remote.apply_requests(feed, cursor="c", etag=None)
    kiosk.driver.tap(kiosk.screen("home").ids["door_echo_wall"])
    wall = kiosk.screen("echo_wall")
    cells = [c.text for c in reversed(wall.ids["figures"].children)]
    # header, then received / solved / on time / satisfied: label, this month, twelve months
    assert cells[3:] == ["收到", "3", "4", "办结", "2", "3", "按时办结", "1", "2", "满意", "1", "2"]
    said = kiosk.speaker.said[-1][1]
    assert "本月收到 3 件，办结 2 件，其中按时办结 1 件，1 位居民表示满意" in said
    kiosk.driver.tap(wall.ids["pager"].ids["next"])
    assert wall.kind == "chart"
    kiosk.driver.frames(2)
    assert wall.ids["figures"].height == 0, "the folded table leaves the chart all the room"
    assert wall.ids["chart"].height > wall.ids["pager"].height / 2
    slots = wall.slots
    assert len(slots) == 12
    assert slots[-1].month.month == 12
    assert (slots[-1].received, slots[-1].solved, slots[-1].solved_on_time) == (3, 2, 1)
    assert (slots[-2].month.month, slots[-2].received) == (11, 1)
    assert sum(m.received for m in slots[:-2]) == 0
    page_to_items(kiosk)
    kiosk.driver.frames(3)
    card = wall_cards(wall)[0]  # the most recently solved first: the late one
    view = wall.ids["cards_scroll"]
    _x, card_top = card.to_window(card.x, card.top)
    _x, view_top = view.to_window(view.x, view.top)
    assert view_top - 2 <= card_top <= view_top + 2, "the card starts at the top, in sight"
    assert (card.timely, card.late) == ("超时办结", True)


def test_a_solved_problem_is_in_sight_when_the_wall_opens_on_its_page(kiosk: Kiosk):
    day = timedelta(days=1)
    kiosk.app.services.remote.apply_requests(
        [_feed(make_code(9, 1), ARTICLE_DAY - 3 * day, closed_after=day)], cursor="c", etag=None
    )
    kiosk.app.go("echo_wall")
    wall = kiosk.screen("echo_wall")
    wall.page = 2  # as left by the last visitor, or opened straight on the solved problems
    wall.refresh()
    kiosk.driver.frames(3)
    (card,) = wall_cards(wall)
    view = wall.ids["cards_scroll"]
    _x, card_top = card.to_window(card.x, card.top)
    _x, view_top = view.to_window(view.x, view.top)
    assert view_top - 2 <= card_top <= view_top + 2, "the card starts at the top, in sight"


def test_the_chart_puts_off_its_drawing_while_the_wall_is_hidden_and_draws_when_it_opens(
    kiosk: Kiosk,
):
    day = timedelta(days=1)
    kiosk.app.services.remote.apply_requests(
        [_feed(make_code(9, 1), ARTICLE_DAY - 3 * day, closed_after=day)], cursor="c", etag=None
    )
    kiosk.app.go("echo_wall")
    kiosk.driver.frames(3)
    chart = kiosk.screen("echo_wall").ids["chart"]
    shown = chart.label_boxes()
    assert len(shown) == 12
    kiosk.app.go_home()
    kiosk.driver.frames(2)

    chart.width /= 2  # a layout change while nobody looks at the wall (a language tap's)
    assert chart.held
    assert chart.label_boxes() == shown  # nothing drawn for a screen off the window

    kiosk.app.go("echo_wall")
    kiosk.driver.frames(3)
    assert not chart.held
    boxes = chart.label_boxes()
    assert len(boxes) == 12
    assert chart.x <= boxes[0][0] < boxes[-1][1] <= chart.right  # drawn for the size shown
