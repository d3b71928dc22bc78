"""Which notices a resident sees today, and in what order."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kiosk.domain.content import Notice


def is_visible(notice: Notice, *, today: date) -> bool:
    """Shown from its publish date through its expiry date, the last day shown."""
    return notice.publish <= today and (notice.expires is None or today <= notice.expires)


def visible_notices(notices: Iterable[Notice], *, today: date) -> list[Notice]:
    """Today's notices: pinned first, then urgent, then newest published first, then by id.

    Pinned notices are what staff chose to keep on top (the Echo Book rules), so they lead even
    over urgent ones; urgent ones come right after, ahead of anything merely newer. A notice both
    pinned and urgent sorts before the other pinned ones. The id breaks ties so the order never
    shuffles between refreshes.
    """
    shown = [notice for notice in notices if is_visible(notice, today=today)]
    shown.sort(key=lambda n: (not n.pinned, not n.urgent, -n.publish.toordinal(), n.id))
    return shown
