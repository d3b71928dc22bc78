"""Check my ticket, tapped on the real window: typos caught, own tickets offline, rating once."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.rating import Rating
from kiosk.domain.ticket_code import make_code, typed_code
from kiosk.domain.tickets import Draft, TicketStatus
from kiosk.store.outbox import Outbox
from kiosk.store.remote import RemoteRequest
from kiosk.ui.widgets import ENTER, BigButton
from tests.fixtures.residents import button_on
from tests.ui.helpers import Kiosk


def _type(kiosk: Kiosk, code: str) -> None:
    if kiosk.current != "lookup":
        kiosk.driver.tap(kiosk.screen("home").ids["door_lookup"])
    assert kiosk.current == "lookup"
    for digit in code:
        kiosk.driver.tap(button_on(kiosk, "lookup", digit))
    kiosk.driver.tap(button_on(kiosk, "lookup", ENTER))


def _own_ticket(kiosk: Kiosk) -> str:
    desk = kiosk.app.services.desk
    ticket = desk.submit(Draft(draft_id="d1", category="property-repair", phrases=(0,)))
    return ticket.code


def test_a_mistyped_code_asks_to_check_the_number_and_a_short_one_for_more(kiosk: Kiosk):
    code = _own_ticket(kiosk)
    typo = code[:4] + str((int(code[4]) + 1) % 10) + code[5:]
    _type(kiosk, typo)
    lookup = kiosk.screen("lookup")
    assert kiosk.current == "lookup"
    assert "输错" in lookup.note
    assert lookup.note_is_problem
    assert kiosk.speaker.said[-1][1] == lookup.note
    for _digit in typo:
        kiosk.driver.tap(button_on(kiosk, "lookup", "delete"))
    _type(kiosk, code[:5])
    assert "9 位" in lookup.note


def test_an_own_ticket_is_answered_offline_with_person_date_and_state(kiosk: Kiosk):
    code = _own_ticket(kiosk)
    _type(kiosk, code)
    assert kiosk.current == "lookup_result"
    result = kiosk.screen("lookup_result")
    assert typed_code(result.code_text).endswith(code)
    assert result.state == "已受理，等待办理"
    assert "物业公司维修部" in result.details
    assert "12月7日" in result.details
    assert not result.can_rate, "only a closed ticket can be rated"
    name, text, _lang = kiosk.speaker.said[-1]
    assert name == "lookup_result"
    assert "物业公司维修部" in text


def test_another_kiosks_code_while_the_centre_is_unreachable_says_so(kiosk: Kiosk):
    _type(kiosk, make_code(9, 1))
    lookup = kiosk.screen("lookup")
    kiosk.driver.settle()
    for _frame in range(50):
        if not lookup.asking:
            break
        kiosk.driver.frames(2)
    assert kiosk.current == "lookup"
    assert "连不上中心" in lookup.note


def _close_at_centre(kiosk: Kiosk, code: str, *, days: float) -> None:
    """What a sync round writes when staff close the ticket at the centre."""
    ticket = kiosk.app.services.book.get(code)
    assert ticket is not None
    closed = ticket.created + timedelta(days=days)
    remote = RemoteRequest(
        code=code,
        status=TicketStatus.CLOSED,
        service_code=ticket.category,
        requested=ticket.created,
        updated=closed,
        closed=closed,
        expected=ticket.created + timedelta(days=3),
        status_notes="充电桩已修好",
    )
    kiosk.app.services.remote.apply_requests([remote], cursor="c1", etag=None)


def test_a_closed_ticket_is_rated_once_and_the_resident_is_thanked(kiosk: Kiosk):
    code = _own_ticket(kiosk)
    _close_at_centre(kiosk, code, days=1)
    _type(kiosk, code)
    result = kiosk.screen("lookup_result")
    assert result.state == "已办结"
    assert "按时办结" in result.details
    assert "充电桩已修好" in result.answer_text
    assert result.can_rate
    assert "满意吗" in kiosk.speaker.said[-1][1]
    rate = next(b for b in result.walk() if isinstance(b, BigButton) and b.icon == "rate")
    kiosk.driver.tap(rate)
    assert kiosk.current == "lookup_rate"
    satisfied = button_on(kiosk, "lookup_rate", Rating.SATISFIED)
    kiosk.driver.tap(satisfied)
    assert kiosk.current == "lookup_result"
    assert kiosk.app.services.desk.my_rating(code) is Rating.SATISFIED
    assert not result.can_rate
    assert "谢谢" in result.thanks
    outbox = Outbox.open(kiosk.app.services.data_dir / "tickets.sqlite3")
    try:
        waiting = outbox.counts().waiting
    finally:
        outbox.close()
    assert waiting == 2, "the ticket itself and one rating"


def test_not_satisfied_says_the_case_goes_back_to_staff(kiosk: Kiosk):
    code = _own_ticket(kiosk)
    _close_at_centre(kiosk, code, days=5)
    _type(kiosk, code)
    result = kiosk.screen("lookup_result")
    assert "超时办结" in result.details
    kiosk.app.go("lookup_rate")
    kiosk.driver.tap(button_on(kiosk, "lookup_rate", Rating.NOT_SATISFIED))
    assert "重新办理" in result.thanks


def test_each_key_of_the_pad_clicks_and_says_nothing_else(kiosk: Kiosk):
    kiosk.driver.tap(kiosk.screen("home").ids["door_lookup"])
    said = len(kiosk.speaker.said)
    for key in ("1", "2", "delete"):
        kiosk.driver.tap(button_on(kiosk, "lookup", key))
    assert kiosk.speaker.sounds == [("click.wav", "")] * 3
    assert [text for _name, text, _lang in kiosk.speaker.said[said:]] == [""] * 3
