"""A ticket state reads the same on the kiosk, the status page and the staff pages, zh and ug.

The kiosk's words come from `kiosk.domain.answer_texts.state_words`, the function its look-up
screen uses; the pages are fetched as a phone and a staff member would.
"""

from __future__ import annotations

import html

import pytest

from kiosk.central import i18n
from kiosk.central.staff import STATUS_LABELS
from kiosk.domain.answer_texts import state_words
from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import TicketStatus
from tests.central.helpers import Server
from tests.central.staff_actions import rate, staff_set

CODE = make_code(1, 1)
# the other states' words, which must not show up instead
ALL_STATES = [(status, None) for status in TicketStatus] + [
    (TicketStatus.OPEN, Rating.NOT_SATISFIED)
]


def _status_page(server: Server, lang: str, secret: str) -> str:
    page = server.client.get(f"/status/{CODE}", params={"lang": lang, "k": secret})
    assert page.status_code == 200
    return html.unescape(page.text)


def _check(server: Server, status: TicketStatus, rated: Rating | None, secret: str) -> None:
    for lang in ("zh", "ug"):
        page = _status_page(server, lang, secret)
        kiosk_says = state_words(status, lang, rated)
        assert f"<strong>{kiosk_says}</strong>" in page, (lang, kiosk_says)
    staff_page = html.unescape(server.client.get(f"/staff/tickets/{CODE}").text)
    assert state_words(status, "zh", rated) in staff_page
    staff_list = html.unescape(server.client.get("/staff/tickets").text)
    assert state_words(status, "zh", rated) in staff_list


@pytest.mark.parametrize("status", list(TicketStatus))
def test_each_state_reads_as_on_the_kiosk(server: Server, status: TicketStatus) -> None:
    _, secret = server.post_ticket(1)
    staff_set(server, CODE, status.value)
    _check(server, status, None, secret)


def test_a_ticket_a_resident_reopened_reads_as_on_the_kiosk(server: Server) -> None:
    _, secret = server.post_ticket(1)
    staff_set(server, CODE, "closed", "已修好")
    assert rate(server, CODE, "not_satisfied").status_code < 300
    _check(server, TicketStatus.OPEN, Rating.NOT_SATISFIED, secret)


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_centre_reads_every_state_from_the_kiosks_one_source(lang: str) -> None:
    """The status page and the staff pages word a state with i18n.state and the staff's state
    choices with STATUS_LABELS; both must be the kiosk's state_words, string for string."""
    for status, rated in ALL_STATES:
        rating = rated.value if rated else None
        assert i18n.state(status.value, rating, lang) == state_words(status, lang, rated)
    for status in TicketStatus:
        assert STATUS_LABELS[status.value] == state_words(status, i18n.STAFF_LANG)


def test_every_state_has_its_own_words_in_each_language() -> None:
    """One wording per state, and no two states worded alike (a resident could not tell)."""
    for lang in ("zh", "ug"):
        said = [state_words(status, lang, rated) for status, rated in ALL_STATES]
        assert len(set(said)) == len(said), (lang, said)
