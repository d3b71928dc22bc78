from __future__ import annotations

import sqlite3
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from kiosk.domain.ticket_secret import is_secret
from kiosk.domain.tickets import Ticket
from kiosk.store.db import connect
from kiosk.store.errors import StoreError
from kiosk.store.outbox import Outbox, OutboxError, OutboxKind, OutboxState, enqueue
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.store_samples import ARTICLE_DAY, REPAIR, SANITATION, draft, later


def _submit(book: TicketBook, minutes: int = 0) -> Ticket:
    return book.submit(draft(), category=REPAIR, kiosk_number=1, now=later(minutes=minutes))


def test_a_submitted_ticket_waits_in_the_outbox_with_its_key_for_ever(
    book: TicketBook, outbox: Outbox
):
    ticket = _submit(book)
    [item] = outbox.due(later(), 10)
    assert (item.kind, item.state, item.ticket_code) == (
        OutboxKind.REQUEST,
        OutboxState.WAITING,
        ticket.code,
    )
    assert item.key == ticket.key
    assert item.created == ticket.created
    outbox.mark_retry(item.id, "timeout", later(hours=1))
    [retried] = outbox.due(later(hours=1), 10)
    assert retried.key == ticket.key, "the same Idempotency-Key on every retry"


def test_the_payload_carries_what_an_open311_post_needs(book: TicketBook, outbox: Outbox):
    mine = draft(phrases=(0, 1), free_text="晚上很黑", phone="13912345678", lang="ug")
    ticket = book.submit(mine, category=REPAIR, kiosk_number=7, now=ARTICLE_DAY)
    [item] = outbox.due(later(), 1)
    assert item.fields() == {
        "service_code": "property-repair",
        "description": "充电桩不能充电\n路灯不亮\n晚上很黑",
        "device_id": "007",
        "ticket_code": ticket.code,
        "requested_datetime": "2024-12-04T15:15:00+08:00",
        "expected_datetime": "2024-12-07T23:59:59+08:00",
        "agency_responsible": "物业公司维修部",
        "address_id": "compound-2",
        "phone": "13912345678",
        "attribute": {"phrases": ["0", "1"]},
        "lang": "ug",  # the resident's language: the centre's answer and status page follow it
        "ticket_secret": ticket.secret,  # the receipt's QR link opens the status page with it
    }
    assert is_secret(ticket.secret)


def test_a_payload_without_phone_or_place_leaves_them_out(book: TicketBook, outbox: Outbox):
    book.submit(
        draft(SANITATION, phrases=(1,), place=None),
        category=SANITATION,
        kiosk_number=1,
        now=ARTICLE_DAY,
    )
    fields = outbox.due(later(), 1)[0].fields()
    assert "phone" not in fields
    assert "address_id" not in fields
    assert "lang" not in fields  # a draft from before the screen said its language
    assert fields["description"] == "路面有积水"


def test_due_gives_the_oldest_first_up_to_the_limit(book: TicketBook, outbox: Outbox):
    codes = [_submit(book, minutes=m).code for m in (0, 1, 2)]
    assert [item.ticket_code for item in outbox.due(later(1), 2)] == codes[:2]


def test_a_sent_item_records_the_server_id_and_is_not_due_again(book: TicketBook, outbox: Outbox):
    _submit(book)
    [item] = outbox.due(later(), 10)
    outbox.mark_sent(item.id, "638344", now=later(hours=1))
    assert outbox.due(later(1), 10) == []
    sent = outbox.get(item.id)
    assert sent is not None
    assert (sent.state, sent.service_request_id, sent.attempts) == (OutboxState.SENT, "638344", 1)
    assert sent.finished == later(hours=1)


def test_a_rejected_item_is_kept_with_the_reason_for_staff(book: TicketBook, outbox: Outbox):
    first, second = _submit(book), _submit(book, minutes=1)
    items = outbox.due(later(), 10)
    outbox.mark_rejected(items[0].id, "400 service_code not found")
    outbox.mark_rejected(items[1].id, "403 device not registered")
    assert [i.ticket_code for i in outbox.rejected()] == [second.code, first.code]
    assert outbox.rejected()[1].reason == "400 service_code not found"
    assert outbox.due(later(1), 10) == []
    counts = outbox.counts()
    assert (counts.waiting, counts.rejected, outbox.sent_count()) == (0, 2, 0)


def test_a_retried_item_waits_until_its_next_attempt(book: TicketBook, outbox: Outbox):
    _submit(book)
    [item] = outbox.due(later(), 10)
    outbox.mark_retry(item.id, "connection refused", later(hours=1))
    outbox.mark_retry(item.id, "HTTP 503", later(hours=2))
    assert outbox.due(later(hours=1.9), 10) == []
    [again] = outbox.due(later(hours=2), 10)
    assert (again.attempts, again.last_error) == (2, "HTTP 503")
    assert again.next_attempt == later(hours=2)


def test_retry_times_compare_as_instants_whatever_their_zone(book: TicketBook, outbox: Outbox):
    _submit(book)
    [item] = outbox.due(later(), 10)
    outbox.mark_retry(item.id, "timeout", later(hours=1).astimezone(UTC))
    assert outbox.due(later(minutes=59), 10) == []
    assert len(outbox.due(later(hours=1), 10)) == 1


def test_an_item_leaves_the_waiting_state_only_once(book: TicketBook, outbox: Outbox):
    _submit(book)
    [item] = outbox.due(later(), 10)
    outbox.mark_sent(item.id, "1")
    with pytest.raises(OutboxError, match="already sent"):
        outbox.mark_rejected(item.id, "too late")
    with pytest.raises(OutboxError, match="already sent"):
        outbox.mark_retry(item.id, "too late", later(1))
    with pytest.raises(OutboxError, match="no outbox item 99"):
        outbox.mark_sent(99, "2")


def test_counts_give_the_waiting_number_and_the_oldest_waiting_time(
    book: TicketBook, outbox: Outbox
):
    assert outbox.counts().waiting == 0
    assert outbox.counts().oldest_waiting is None
    _submit(book)
    _submit(book, minutes=30)
    first = outbox.due(later(1), 10)[0]
    assert outbox.counts().oldest_waiting == ARTICLE_DAY
    outbox.mark_sent(first.id, "1")
    counts = outbox.counts()
    assert (counts.waiting, outbox.sent_count()) == (1, 1)
    assert counts.oldest_waiting == later(minutes=30)


def test_a_join_is_due_only_once_its_ticket_has_reached_the_server(
    book: TicketBook, outbox: Outbox
):
    ticket = _submit(book)
    book.join(ticket.code, draft_id="second-resident", now=later(minutes=5))
    [request] = outbox.due(later(1), 10)
    assert request.kind is OutboxKind.REQUEST
    outbox.mark_retry(request.id, "offline", later(2))
    assert outbox.due(later(1), 10) == [], "the join must not overtake its ticket"
    assert outbox.counts().waiting == 2
    [request] = outbox.due(later(2), 10)
    outbox.mark_sent(request.id, "638344")
    [join] = outbox.due(later(2), 10)
    assert join.kind is OutboxKind.JOIN
    assert join.fields() == {
        "ticket_code": ticket.code,
        "device_id": "001",
        "joined_datetime": later(minutes=5).isoformat(),
        "residents": 2,
    }


def test_enqueue_outside_a_ticket_transaction_is_refused(db_path: Path):
    conn = connect(db_path)
    try:
        with pytest.raises(StoreError, match="inside the transaction"):
            enqueue(
                conn,
                key="k",
                kind=OutboxKind.REQUEST,
                ticket_code="001000017",
                payload={},
                created=ARTICLE_DAY,
            )
    finally:
        conn.close()


def test_an_item_for_a_ticket_that_does_not_exist_cannot_be_stored(db_path: Path):
    conn = connect(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.IntegrityError):
            enqueue(
                conn,
                key="k",
                kind=OutboxKind.REQUEST,
                ticket_code="001000017",
                payload={},
                created=ARTICLE_DAY,
            )
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_a_time_without_zone_is_refused(book: TicketBook, outbox: Outbox):
    _submit(book)
    with pytest.raises(ValueError, match="time zone"):
        outbox.due(ARTICLE_DAY.replace(tzinfo=None), 10)
    with pytest.raises(ValueError, match="time zone"):
        outbox.mark_retry(1, "x", (ARTICLE_DAY + timedelta(hours=1)).replace(tzinfo=None))


def test_rejecting_a_ticket_rejects_the_voices_waiting_to_join_it(tmp_path: Path):
    book = TicketBook.open(tmp_path / "t.sqlite3")
    outbox = Outbox.open(tmp_path / "t.sqlite3")
    ticket = book.submit(draft(), category=REPAIR, kiosk_number=1, now=ARTICLE_DAY)
    book.join(ticket.code, draft_id="another-resident", now=later(hours=1))
    request = next(i for i in outbox.due(later(hours=2), 10) if i.kind is OutboxKind.REQUEST)
    outbox.mark_rejected(request.id, "400: unknown service", now=later(hours=2))
    counts = outbox.counts()
    assert (counts.waiting, counts.rejected) == (0, 2)
    join = next(i for i in outbox.rejected() if i.kind is OutboxKind.JOIN)
    assert join.state is OutboxState.REJECTED
    assert join.reason == "its ticket was rejected: 400: unknown service"


def test_retry_rejected_puts_refused_items_back_to_wait_with_the_same_key(
    book: TicketBook, outbox: Outbox
) -> None:
    ticket = _submit(book)
    book.join(ticket.code, draft_id="second-voice", now=later(minutes=5))
    [request] = outbox.due(later(), 10)
    outbox.mark_retry(request.id, "timeout", later(hours=1))
    outbox.mark_rejected(request.id, "unknown service_code", now=later(hours=2))
    assert outbox.counts().rejected == 2, "the join went along with its ticket"
    assert outbox.retry_rejected() == 2
    counts = outbox.counts()
    assert (counts.waiting, counts.rejected) == (2, 0)
    [again] = outbox.due(later(hours=2), 10)  # the join waits for its request, as before
    assert again.id == request.id
    assert again.key == ticket.key, "the same Idempotency-Key"
    assert (again.reason, again.finished, again.next_attempt) == ("", None, None)
    assert "unknown service_code" in again.last_error
    assert outbox.retry_rejected() == 0
