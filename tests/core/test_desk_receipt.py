"""The desk's receipt: the status link at the public address in the resident's language with the
ticket's secret, read back from the rendered paper as a phone reads it; the date and time it was
reported and the office's phone, the same facts the done screen shows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest

from kiosk.config.loader import load_config
from kiosk.config.model import KioskConfig
from kiosk.config.paths import REPO_CONFIG
from kiosk.core.desk import Desk
from kiosk.domain.text import LRI, PDI
from kiosk.domain.ticket_secret import is_secret
from kiosk.domain.tickets import Draft, Ticket
from kiosk.receipt.layout import MARGIN
from kiosk.receipt.qr import MIN_MODULE_DOTS, qr_matrix
from kiosk.store.ticket_book import TicketBook
from tests.fixtures.qr_decode import qr_texts

SAMPLE = load_config(REPO_CONFIG)
PUBLIC = "https://echo.ruoqiang-shengli.example.cn/"  # longer than most real addresses
NOW = datetime(2026, 12, 6, 2, 5, tzinfo=UTC)  # 10:05 in the community (Asia/Shanghai)


def _config(
    *, public_url: str | None = PUBLIC, paper: Literal[58, 80] = 58, phone: str = "0996-7102345"
) -> KioskConfig:
    community = replace(SAMPLE.content.community, phone=phone)
    return replace(
        SAMPLE,
        central=replace(SAMPLE.central, public_url=public_url),
        printer=replace(SAMPLE.printer, paper_width_mm=paper),
        content=replace(SAMPLE.content, community=community),
    )


@pytest.fixture
def book(tmp_path: Path) -> Iterator[TicketBook]:
    book = TicketBook.open(tmp_path / "tickets.sqlite3")
    yield book
    book.close()


def _desk(book: TicketBook, config: KioskConfig) -> Desk:
    return Desk(book=book, config=lambda: config, now=lambda: NOW)


def _ticket(desk: Desk, lang: str) -> Ticket:
    category = SAMPLE.content.categories[0]
    draft = Draft(draft_id=f"d-{lang}", category=category.code, phrases=(0,), lang=lang)
    return desk.submit(draft)


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_the_status_link_is_the_public_address_in_the_residents_language_with_the_secret(
    book: TicketBook, lang: str
):
    desk = _desk(book, _config())
    ticket = _ticket(desk, lang)
    assert is_secret(ticket.secret)
    assert desk.status_url(ticket) == f"{PUBLIC}status/{ticket.code}?lang={lang}&k={ticket.secret}"


def test_the_receipts_language_wins_over_the_tickets(book: TicketBook):
    """A resident who joined a ticket in Uyghur reads its page in Uyghur, with its one secret."""
    desk = _desk(book, _config())
    ticket = _ticket(desk, "zh")
    assert (
        desk.status_url(ticket, "ug") == f"{PUBLIC}status/{ticket.code}?lang=ug&k={ticket.secret}"
    )


def test_without_a_public_address_the_link_falls_back_to_the_central_url(book: TicketBook):
    desk = _desk(book, _config(public_url=None))
    ticket = _ticket(desk, "ug")
    assert desk.status_url(ticket).startswith(
        f"{SAMPLE.central.url}status/{ticket.code}?lang=ug&k="
    )


@pytest.mark.parametrize(("paper", "dots"), [(58, 384), (80, 576)])
@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_a_phone_reads_the_public_link_with_language_and_secret_off_the_receipt(
    book: TicketBook, lang: str, paper: Literal[58, 80], dots: int
):
    desk = _desk(book, _config(paper=paper))
    ticket = _ticket(desk, lang)
    receipt = desk.receipt_image(ticket, lang)
    assert receipt.width == dots
    assert qr_texts(receipt) == [f"{PUBLIC}status/{ticket.code}?lang={lang}&k={ticket.secret}"]


def test_the_longer_link_still_prints_with_modules_of_at_least_4_dots_on_58_mm_paper(
    book: TicketBook,
):
    desk = _desk(book, _config())
    url = desk.status_url(_ticket(desk, "ug"))
    modules = len(qr_matrix(url))
    assert len(url) >= 87  # a 12-digit code (a new card's), lang=ug and a 16-character secret
    assert (384 - 2 * MARGIN) // modules >= MIN_MODULE_DOTS + 3  # 7-dot modules: room to spare


def test_the_receipt_data_says_when_it_was_reported_and_the_offices_phone(book: TicketBook):
    desk = _desk(book, _config())
    ticket = _ticket(desk, "ug")
    zh, ug = desk.receipt_data(ticket, "zh"), desk.receipt_data(ticket, "ug")
    assert zh.submitted == "12月6日 10:05"
    assert zh.submitted_line() == "提交时间：12月6日 10:05"
    assert zh.phone_line() == "社区电话：0996-7102345"
    assert ug.submitted == f"12-ئاينىڭ 6-كۈنى {LRI}10:05{PDI}"
    assert ug.phone == "0996-7102345"
    assert ug.phone_line() == f"تېلېفون: {LRI}0996-7102345{PDI}"
    assert ug.status_url == desk.status_url(ticket, "ug")


def test_without_an_office_phone_the_receipt_has_no_phone_line(book: TicketBook):
    with_phone = _desk(book, _config())
    without = _desk(book, _config(phone=""))
    ticket = _ticket(with_phone, "zh")
    assert without.receipt_data(ticket, "zh").phone_line() == ""
    shorter = without.receipt_image(ticket, "zh")
    longer = with_phone.receipt_image(ticket, "zh")
    assert shorter.height < longer.height
    top = (0, 0, 384, shorter.height - 60)  # everything above the phone line is the same
    assert shorter.crop(top).tobytes() == longer.crop(top).tobytes()
