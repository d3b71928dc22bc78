"""The Echo Book desk: store a report, then print its receipt — in that order, always.

The one place where the ticket book, the config and the printer meet, so the kiosk screens, the
`kiosk feedback add` command and the tests all follow the same rule: a ticket is on disk before
anything can fail on paper.
"""

from __future__ import annotations

import io
import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime

from PIL import Image

from kiosk.config.model import KioskConfig
from kiosk.config.public_url import qr_base
from kiosk.domain.content import Category
from kiosk.domain.rating import Rating
from kiosk.domain.request_limits import too_long
from kiosk.domain.ticket_code import make_code
from kiosk.domain.tickets import Draft, Ticket, promised_date
from kiosk.receipt.data import ReceiptData
from kiosk.receipt.printers import PrinterState, ReceiptPrinter, make_printer
from kiosk.receipt.qr import qr_image, status_url
from kiosk.receipt.status import PrintResult
from kiosk.store.ticket_book import TicketBook
from kiosk.wire.payloads import request_payload

log = logging.getLogger("kiosk.desk")


class UnknownCategoryError(LookupError):
    pass


class Desk:
    def __init__(
        self,
        *,
        book: TicketBook,
        config: Callable[[], KioskConfig],
        now: Callable[[], datetime],
        printer_factory: Callable[[KioskConfig], ReceiptPrinter] | None = None,
        stored: Callable[[], None] = lambda: None,
    ) -> None:
        self._book = book
        self._stored = stored  # tells the sync worker there is something new to send
        self._config = config
        self._now = now
        self._printer_factory = printer_factory or (lambda cfg: make_printer(cfg.printer))
        self._print_lock = threading.Lock()  # one receipt at a time on one printer
        self.printer_state: PrinterState | None = None

    def category(self, code: str) -> Category:
        for category in self._config().content.categories:
            if category.code == code:
                return category
        raise UnknownCategoryError(f"no category with code {code!r} in the config")

    def same_problem(self, draft: Draft) -> Ticket | None:
        return self._book.find_same_problem(
            draft, category=self.category(draft.category), now=self._now()
        )

    def too_long(self, draft: Draft) -> list[str]:
        """What the centre would refuse for good in this report (kiosk.domain.request_limits),
        asked before a code is printed for it; empty when it can be stored and sent."""
        kiosk = self._config().content.community.kiosk_number
        fields = request_payload(
            draft,
            category=self.category(draft.category),
            code=make_code(kiosk, 1),  # any code: only the lengths of the texts are checked
            kiosk_number=kiosk,
            created=self._now(),
        )
        return too_long(fields)

    def submit(self, draft: Draft) -> Ticket:
        config = self._config()
        ticket = self._book.submit(
            draft,
            category=self.category(draft.category),
            kiosk_number=config.content.community.kiosk_number,
            now=self._now(),
        )
        self._stored()
        return ticket

    def join(self, code: str, draft: Draft) -> Ticket:
        ticket = self._book.join(code, draft_id=draft.draft_id, now=self._now())
        self._stored()
        return ticket

    def rate(self, code: str, rating: Rating) -> None:
        """A resident's rating of closed ticket `code` (from any kiosk): on disk in one
        transaction, then sent by the sync worker. A double tap is recorded once."""
        config = self._config()
        if self._book.rate(
            code, rating, kiosk_number=config.content.community.kiosk_number, now=self._now()
        ):
            self._stored()

    def my_rating(self, code: str) -> Rating | None:
        """What this kiosk recorded for `code` (waiting or sent), for "thank you, you rated …"."""
        return self._book.my_rating(code)

    def sample_ticket(self) -> Ticket:
        """A receipt-shaped ticket that is never stored: for printer tests and screenshots."""
        content = self._config().content
        category = content.categories[0]
        now = self._now()
        return Ticket(
            code=make_code(content.community.kiosk_number, 1),
            key=str(uuid.uuid4()),
            category=category.code,
            responsible=category.responsible,
            created=now,
            promised=promised_date(now, category),
        )

    def status_url(self, ticket: Ticket, lang: str = "") -> str:
        """The status page's address for residents' phones (central.public_url, else
        central.url), in `lang` (the receipt's language; else the ticket's), with the ticket's
        secret. A joined ticket has its first resident's secret: both receipts open one page."""
        return status_url(
            qr_base(self._config().central),
            ticket.code,
            lang=lang or ticket.lang,
            secret=ticket.secret,
        )

    def qr_image(self, ticket: Ticket, lang: str = "") -> Image.Image:
        return qr_image(self.status_url(ticket, lang))

    def warm_up(self) -> None:
        """Import and run once what the first receipt needs (qrcode, the layout, Pillow's PNG
        writer): the kiosk starts without them (issue 18), and the first resident's done screen
        should not wait for them. Meant for a background thread once start-up is over; a
        failure here only costs that wait (and shows again, where it matters, at the ticket)."""
        try:
            from kiosk.receipt.layout import render_receipt  # noqa: F401  # imported to warm it

            qr_image("https://example.invalid/status/0010000017").save(io.BytesIO(), format="png")
        except Exception as exc:
            log.warning("receipt parts not made ready: %s: %s", type(exc).__name__, exc)

    def receipt_data(self, ticket: Ticket, lang: str) -> ReceiptData:
        """What the receipt says, in `lang`: also what the done screen shows when no paper
        comes out (`submitted`, `phone`, `submitted_line()`, `phone_line()`, `status_url`)."""
        config = self._config()
        return ReceiptData.for_ticket(
            ticket,
            category=self.category(ticket.category),
            community=config.content.community,
            status_url=self.status_url(ticket, lang),
            lang=lang,
        )

    def receipt_image(self, ticket: Ticket, lang: str) -> Image.Image:
        from kiosk.receipt.layout import render_receipt  # with the first receipt (issue 18)

        data = self.receipt_data(ticket, lang)
        return render_receipt(data, dots=self._config().printer.dots)

    def print_receipt(self, ticket: Ticket, lang: str) -> PrintResult:
        """Never raises: a printer problem is a result for the screen and for staff."""
        config = self._config()
        if config.printer.type == "none":
            return PrintResult(printed=False, no_printer=True, reason="no printer configured")
        try:
            image = self.receipt_image(ticket, lang)
            with self._print_lock:
                printer = self._printer_factory(config)
                outcome = printer.print_image(image)
            self.printer_state = outcome.state
        except Exception as error:  # a bug in an adapter must not lose the resident's receipt
            log.exception("printing the receipt for %s failed", ticket.code)
            return PrintResult(printed=False, reason=str(error))
        if not outcome.ok:
            log.warning("receipt for %s not printed: %s", ticket.code, outcome.message)
        return PrintResult(printed=outcome.ok, reason=outcome.message)
