"""Feedback step 6: the ticket code very large, who answers and by when, and the receipt.

Printing runs on a worker thread: a printer that hangs must never freeze the screen. If it fails,
or there is no printer, the QR code is shown here instead and the resident is told plainly.
"""

from __future__ import annotations

import io
import threading
from typing import Any

from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.core.desk import PrintResult
from kiosk.domain.messages import message
from kiosk.domain.prompts import ticket_prompt
from kiosk.domain.ticket_code import display_code
from kiosk.domain.tickets import Ticket
from kiosk.ui.screens.base import KioskScreen


class FeedbackDoneScreen(KioskScreen):
    code_text = StringProperty("")
    responsible_text = StringProperty("")
    promised_text = StringProperty("")
    receipt_text = StringProperty("")
    show_qr = BooleanProperty(False)
    qr_texture = ObjectProperty(None, allownone=True)
    ticket: Ticket | None = None
    result: PrintResult | None = None

    def show(self, ticket: Ticket) -> None:
        """Called before the screen is entered; starts printing at once."""
        self.ticket = ticket
        self.result = None
        self.show_qr = False
        lang = self.shell.lang
        threading.Thread(
            target=self._print, args=(ticket, lang), name="receipt", daemon=True
        ).start()

    def _print(self, ticket: Ticket, lang: str) -> None:
        result = self.services.desk.print_receipt(ticket, lang)
        Clock.schedule_once(lambda _dt: self._printed(ticket, result))

    def _printed(self, ticket: Ticket, result: PrintResult) -> None:
        if ticket is not self.ticket:
            return  # an old print finishing after the next resident started
        self.result = result
        if not result.printed:
            self._load_qr(ticket)
        self.refresh()

    def _load_qr(self, ticket: Ticket) -> None:
        data = io.BytesIO()
        self.services.desk.qr_image(ticket).save(data, format="png")
        data.seek(0)
        self.qr_texture = CoreImage(data, ext="png").texture
        self.show_qr = True

    def refresh(self) -> None:
        lang = self.shell.lang
        ticket = self.ticket
        if ticket is None:
            return
        self.code_text = display_code(ticket.code)
        self.responsible_text = message("responsible_is", lang, who=ticket.responsible.get(lang))
        self.promised_text = message("promised_by", lang, date=ticket.promised.isoformat())
        if self.result is None:
            self.receipt_text = message("printing", lang)
        elif self.result.printed:
            self.receipt_text = message("printed", lang)
        elif self.result.no_printer:
            self.receipt_text = message("no_printer", lang)
        else:
            self.receipt_text = message("print_failed", lang)

    def prompt(self) -> str:
        if self.ticket is None:
            return ""
        category = self.services.category(self.ticket.category)
        return ticket_prompt(self.ticket, self.shell.lang, category=category)

    def handle_back(self) -> bool:
        self.shell.go_home()  # the report is stored: back must not resubmit it
        return True

    def reset(self) -> None:
        self.ticket = None
        self.result = None
        self.show_qr = False
        self.qr_texture = None

    def on_kv_post(self, base_widget: Any) -> None:
        self.reset()
