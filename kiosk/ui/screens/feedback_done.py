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
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.core.desk import PrintResult
from kiosk.domain.line_breaks import break_lines
from kiosk.domain.messages import message
from kiosk.domain.prompts import ticket_prompt
from kiosk.domain.ticket_code import display_code
from kiosk.domain.tickets import Ticket
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.wrapping import line_height, measure_for

QR_MM = {"portrait": 26.0, "landscape": 46.0}  # the QR's size when there is room
QR_MIN_MM = 18.0  # the smallest a phone still reads from arm's length


class FeedbackDoneScreen(KioskScreen):
    code_text = StringProperty("")
    responsible_text = StringProperty("")
    promised_text = StringProperty("")
    receipt_text = StringProperty("")
    show_qr = BooleanProperty(False)
    qr_texture = ObjectProperty(None, allownone=True)
    lines_font = NumericProperty(0)  # the lines under the code: body size, bigger if there is room
    qr_mm = NumericProperty(QR_MM["landscape"])
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
        fit = Clock.create_trigger(lambda _dt: self.fit_lines())
        self.ids["main"].bind(size=lambda *_a: fit())
        for name in ("responsible_text", "promised_text", "receipt_text", "show_qr"):
            self.fbind(name, lambda *_a: fit())
        for name in ("font_body", "font_title", "portrait", "px_per_mm"):
            self.shell.theme.fbind(name, lambda *_a: fit())

    def fit_lines(self) -> None:
        """Choose the lines' size and the QR's so the code keeps at least title size on one line.

        The code gives way first (its kv size), then the lines: bigger text falls back to body
        size, then the QR shrinks to its minimum. Measured here, not bound in kv, since the code's
        room and the lines' size depend on each other and bindings would swing between them.
        """
        theme = self.shell.theme
        normal = theme.font_body / max(1.0, theme.text_scale)
        kind = "portrait" if theme.portrait else "landscape"
        tries = [(theme.font_body, QR_MM[kind]), (normal, QR_MM[kind]), (normal, QR_MIN_MM)]
        for font, qr_mm in tries:
            if self._lines_fit(font, qr_mm):
                break
        self.lines_font, self.qr_mm = font, qr_mm

    def _lines_fit(self, font: float, qr_mm: float) -> bool:
        theme, main = self.shell.theme, self.ids["main"]
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        pad = theme.pad
        if theme.portrait:
            column_w, column_h = main.width, main.height - theme.gap
            facts = self._height(self.responsible_text, column_w - qr - pad, font)
            facts += pad + self._height(self.promised_text, column_w - qr - pad, font)
            under = max(facts, qr)
        else:
            column_w, column_h = main.width - theme.gap - qr, main.height
            under = self._height(self.responsible_text, column_w, font) + pad
            under += self._height(self.promised_text, column_w, font)
        under += self._height(self.receipt_text, column_w, font)
        return bool(theme.font_title * 1.4 + under + 3 * pad <= column_h)

    def _height(self, text: str, width: float, font: float) -> float:
        """A KLabel's height for this text: its lines as broken for the width, plus a pixel."""
        name = self.shell.theme.text_font
        lines = break_lines(text, max(1.0, width - 1), measure_for(name, font)).lines
        return len(lines) * line_height(name, font) + 1
