"""The Echo Wall on both displays and in both languages: before the first sync it says so
instead of showing zeros; every figure's name is whole; the chart's month numbers stand apart."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from kiosk.store.remote import RemoteRequest
from tests.ui.geometry import inside_window, text_whole, window_box
from tests.ui.helpers import (
    ARTICLE_DAY,
    IN_EVERY_LANGUAGE,
    LANDSCAPE,
    ON_EVERY_DISPLAY,
    Kiosk,
    open_screen,
)

DISPLAYS, LANGS = ON_EVERY_DISPLAY, IN_EVERY_LANGUAGE


def _feed(code: str, requested: datetime, *, closed_after: timedelta) -> RemoteRequest:
    return RemoteRequest(
        code=code,
        status=TicketStatus.CLOSED,
        service_code="property-repair",
        requested=requested,
        updated=requested + closed_after,
        closed=requested + closed_after,
        expected=requested + timedelta(days=3),
        status_notes="已修好",
    )


def _a_year_of_feed(kiosk: Kiosk) -> None:
    feed = [
        _feed(
            make_code(9, n + 1),
            ARTICLE_DAY - timedelta(days=3 + 25 * n),
            closed_after=timedelta(days=1 + n % 4),
        )
        for n in range(14)
    ]
    kiosk.app.services.remote.apply_requests(feed, cursor="c", etag=None)


@DISPLAYS
@LANGS
def test_before_the_first_sync_the_wall_says_not_received_instead_of_zeros(
    kiosk: Kiosk, display, lang
):
    wall = open_screen(kiosk, "echo_wall", display, lang)
    from kiosk.domain.messages import message

    expected = message("wall_not_received", lang)
    assert wall.empty_text == expected
    label = wall.ids["empty"]
    assert label.opacity == 1
    assert text_whole(label)
    assert inside_window(window_box(label))
    assert wall.ids["figures"].opacity == 0, "no table of zeros"
    assert expected in kiosk.speaker.said[-1][1], "and it says so aloud"
    kiosk.driver.tap(wall.ids["pager"].ids["next"])
    assert wall.kind == "chart"
    assert wall.ids["chart"].parent.opacity == 0, "no empty chart"
    assert wall.empty_text == expected


def test_an_empty_feed_counts_as_received(kiosk: Kiosk):
    kiosk.app.services.remote.apply_requests([], cursor=None, etag=None)
    wall = open_screen(kiosk, "echo_wall", LANDSCAPE, "zh")
    assert wall.empty_text == ""
    assert wall.ids["figures"].opacity == 1


@DISPLAYS
@LANGS
def test_every_figure_name_and_header_is_whole(kiosk: Kiosk, display, lang):
    _a_year_of_feed(kiosk)
    wall = open_screen(kiosk, "echo_wall", display, lang)
    cells = list(reversed(wall.ids["figures"].children))
    assert len(cells) == 15
    for cell in cells:
        assert text_whole(cell), f"{cell.text!r} cut in {cell.size}"
        assert inside_window(window_box(cell)), cell.text


@DISPLAYS
@LANGS
def test_chart_month_numbers_and_legend_stand_apart(kiosk: Kiosk, display, lang):
    _a_year_of_feed(kiosk)
    wall = open_screen(kiosk, "echo_wall", display, lang)
    kiosk.driver.tap(wall.ids["pager"].ids["next"])
    kiosk.driver.frames(3)
    chart = wall.ids["chart"]
    boxes = chart.label_boxes()
    assert len(boxes) == 12
    for (_l1, r1), (l2, _r2) in itertools.pairwise(boxes):
        assert l2 - r1 >= 2, f"month numbers touch: {boxes}"
    chart_box = window_box(chart)
    for key in wall.ids["legend"].children:
        box = window_box(key)
        assert box[1] + box[3] <= chart_box[1] + 1, "the legend sits below the month numbers"
        label = next(w for w in key.children if hasattr(w, "texture_update"))
        assert text_whole(label), label.text


@DISPLAYS
@LANGS
def test_next_reads_a_long_card_to_its_end_before_the_next_one(kiosk: Kiosk, display, lang):
    _a_year_of_feed(kiosk)
    wall = open_screen(kiosk, "echo_wall", display, lang)
    nxt = wall.ids["pager"].ids["next"]
    kiosk.driver.tap(nxt)
    kiosk.driver.tap(nxt)
    assert wall.kind == "items"
    first = wall.page
    for _step in range(10):
        kiosk.driver.frames(2)
        if not wall.more_below:
            break
        assert wall.ids["pager"].label, "says there is more"
        kiosk.driver.tap(nxt)
        assert wall.page == first, "the rest of the card before the next page"
    assert not wall.more_below
    view = window_box(wall.ids["cards_scroll"])
    card = wall.ids["cards"].children[-1]
    _x, y, _w, _h = window_box(card)
    assert y >= view[1] - 1, "the card's last line is in view"
    kiosk.driver.tap(nxt)
    assert wall.page == first + 1
