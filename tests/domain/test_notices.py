from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.content import Notice
from kiosk.domain.notices import is_visible, visible_notices
from kiosk.domain.text import Text


def notice(
    id: str,
    publish: date,
    *,
    expires: date | None = None,
    pinned: bool = False,
    urgent: bool = False,
) -> Notice:
    return Notice(
        id=id,
        title=Text({"zh": id}),
        body=Text({"zh": ""}),
        publish=publish,
        expires=expires,
        pinned=pinned,
        urgent=urgent,
    )


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (date(2024, 11, 30), False),  # before publishing
        (date(2024, 12, 1), True),  # publish day
        (date(2025, 3, 31), True),  # expiry day is the last day shown
        (date(2025, 4, 1), False),  # the day after expiry
    ],
)
def test_notice_is_shown_from_publish_through_expiry_day(today: date, shown: bool) -> None:
    n = notice("winter", date(2024, 12, 1), expires=date(2025, 3, 31))
    assert is_visible(n, today=today) is shown
    assert (visible_notices([n], today=today) == [n]) is shown


def test_notice_without_expiry_stays_shown() -> None:
    n = notice("rules", date(2024, 12, 1))
    assert visible_notices([n], today=date(2030, 1, 1)) == [n]


def test_sample_notices_order_pinned_then_urgent_then_newest() -> None:
    notices = [
        notice("echo-book-rules", date(2024, 12, 1), pinned=True),
        notice("red-post-winter", date(2024, 11, 15), expires=date(2025, 3, 31), urgent=True),
        notice("errands-for-elderly", date(2024, 12, 2)),
        notice("civilised-city-lecture", date(2024, 11, 20)),
    ]
    shown = visible_notices(notices, today=date(2024, 12, 4))
    assert [n.id for n in shown] == [
        "echo-book-rules",
        "red-post-winter",
        "errands-for-elderly",
        "civilised-city-lecture",
    ]


def test_pinned_urgent_notice_leads_the_pinned_ones() -> None:
    notices = [
        notice("pinned-newer", date(2024, 12, 3), pinned=True),
        notice("pinned-urgent", date(2024, 11, 1), pinned=True, urgent=True),
    ]
    shown = visible_notices(notices, today=date(2024, 12, 4))
    assert [n.id for n in shown] == ["pinned-urgent", "pinned-newer"]


def test_same_day_notices_are_ordered_by_id_whatever_the_input_order() -> None:
    a, b, c = (notice(i, date(2024, 12, 1)) for i in ("a", "b", "c"))
    assert visible_notices([c, a, b], today=date(2024, 12, 4)) == [a, b, c]
    assert visible_notices([b, c, a], today=date(2024, 12, 4)) == [a, b, c]
