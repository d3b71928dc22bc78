"""Feedback step 6: the ticket code very large, who answers and by when, when it was submitted,
the community office's phone number, and the receipt.

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
from kiosk.domain.answer_texts import short_date
from kiosk.domain.line_breaks import break_lines
from kiosk.domain.messages import message
from kiosk.domain.prompts import submitted_text, ticket_prompt
from kiosk.domain.text import ltr_run
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
    submitted_text = StringProperty("")
    phone_text = StringProperty("")  # "" when no phone number is configured
    dates_text = StringProperty("")  # by when, submitted when, the phone: the lines under "who"
    receipt_text = StringProperty("")
    show_qr = BooleanProperty(False)
    qr_texture = ObjectProperty(None, allownone=True)
    lines_font = NumericProperty(0)  # the lines under the code: body size, bigger if there is room
    qr_mm = NumericProperty(QR_MM["landscape"])
    code_font = NumericProperty(0)  # the code's largest size in the compact arrangement
    compact = BooleanProperty(False)  # portrait, short of room: the code beside the QR
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
        self.promised_text = message("promised_by", lang, date=short_date(ticket.promised, lang))
        when = submitted_text(ticket.created, lang)
        self.submitted_text = message("submitted_at", lang, when=when)
        phone = self.office_phone()
        self.phone_text = message("office_phone", lang, phone=ltr_run(phone, lang)) if phone else ""
        lines = (self.promised_text, self.submitted_text, self.phone_text)
        self.dates_text = "\n".join(line for line in lines if line)
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
        phone = self.office_phone()
        return ticket_prompt(self.ticket, self.shell.lang, category=category, phone=phone)

    def office_phone(self) -> str:
        """The community office's number (config community.phone), "" when not configured."""
        return self.services.config().content.community.phone.strip()

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
        for name in ("responsible_text", "dates_text", "receipt_text", "show_qr", "code_text"):
            self.fbind(name, lambda *_a: fit())
        for name in ("font_body", "font_title", "portrait", "px_per_mm"):
            self.shell.theme.fbind(name, lambda *_a: fit())

    def fit_lines(self) -> None:
        """Choose the lines' size, the QR's and the arrangement so the code keeps at least title
        size on one line, clear of the nav bar.

        The code gives way first (its kv size), then the lines: bigger text falls back to body
        size, then the QR shrinks to its minimum, then (portrait) the code moves up beside the QR
        and the promised date below it. Measured here, not bound in kv, since the code's room and
        the lines' size depend on each other and bindings would swing between them.
        """
        theme = self.shell.theme
        normal = theme.font_body / max(1.0, theme.text_scale)
        kind = "portrait" if theme.portrait else "landscape"
        tries = [
            (theme.font_body, QR_MM[kind], False),
            (normal, QR_MM[kind], False),
            (normal, QR_MIN_MM, False),
        ]
        if theme.portrait and self.show_qr:
            tries += [(normal, QR_MM[kind], True), (normal, QR_MIN_MM, True)]
        rooms = [(self._code_room(*tried), tried) for tried in tries]
        fitting = [(room, tried) for room, tried in rooms if room >= theme.font_title * 1.4]
        # none fits: the roomiest of the plain arrangements (the code cannot go beside the QR)
        room, (font, qr_mm, compact) = fitting[0] if fitting else max(rooms[:3])
        self.lines_font, self.qr_mm = font, qr_mm
        self.code_font = max(
            theme.font_title, min(theme.font_huge, room / 1.4, self._widest(qr_mm, compact))
        )
        self._arrange(compact)
        self.compact = compact

    def _code_room(self, font: float, qr_mm: float, compact: bool) -> float:
        """The height left for the code's line with these sizes and this arrangement."""
        theme, main = self.shell.theme, self.ids["main"]
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        pad = float(theme.pad)
        if not theme.portrait:
            column_w = main.width - theme.gap - qr
            under = self._height(self.responsible_text, column_w, font) + pad
            under += self._height(self.dates_text, column_w, font)
            return (
                float(main.height)
                - under
                - self._height(self.receipt_text, column_w, font)
                - 3 * pad
            )
        column_w, beside = main.width, main.width - qr - pad
        receipt = self._height(self.receipt_text, column_w, font)
        if compact:  # [code, responsible] beside the QR; the promised date and receipt below
            name = theme.text_font
            if measure_for(name, theme.font_title)(self.code_text) > beside:
                return 0.0
            promised = self._height(self.dates_text, column_w, font)
            under = pad + self._height(self.responsible_text, beside, font)
            return float(main.height) - under - promised - receipt - 3 * pad
        facts = self._height(self.responsible_text, beside, font) + pad
        facts = max(facts + self._height(self.dates_text, beside, font), qr)
        return float(main.height) - facts - receipt - 3 * pad

    def _widest(self, qr_mm: float, compact: bool) -> float:
        """The code's size that fills its width with a little to spare: a code fitted to the
        exact pixel would wrap its last digit."""
        theme = self.shell.theme
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        width = self.ids["main"].width
        if compact:
            width -= qr + theme.pad
        elif not theme.portrait:
            width -= qr + theme.gap
        wide = measure_for(theme.text_font, theme.font_title)(self.code_text)
        return float(theme.font_title * 0.97 * width / wide) if wide else float(theme.font_huge)

    def _arrange(self, compact: bool) -> None:
        """Portrait, short of room: the code moves into the column beside the QR and the
        promised date out of it, under the QR, where it has the whole width."""
        code, promised, facts, column = (
            self.ids[n] for n in ("code", "promised", "facts", "column")
        )
        if compact == self.compact:  # (ids are weak proxies: `parent is facts` is never true)
            return
        code.parent.remove_widget(code)
        promised.parent.remove_widget(promised)
        if compact:
            facts.add_widget(code, index=len(facts.children))  # first: at the top
            column.add_widget(promised, index=len(column.children) - 1)  # after the QR's row
        else:
            column.add_widget(code, index=len(column.children))
            facts.add_widget(promised, index=0)

    def _height(self, text: str, width: float, font: float) -> float:
        """A KLabel's height for this text: its lines as broken for the width, plus a pixel."""
        name = self.shell.theme.text_font
        lines = break_lines(text, max(1.0, width - 1), measure_for(name, font)).lines
        return len(lines) * line_height(name, font) + 1
