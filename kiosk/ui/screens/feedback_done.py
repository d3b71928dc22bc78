"""Feedback step 6: the ticket code very large, who answers and by when, when it was submitted,
the community office's phone number, and the receipt.

Printing runs on a worker thread: a printer that hangs must never freeze the screen. If it fails,
or there is no printer, the QR code is shown here instead and the resident is told plainly.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from kiosk.domain.answer_texts import short_date
from kiosk.domain.line_breaks import break_lines
from kiosk.domain.messages import message
from kiosk.domain.prompts import ticket_prompt
from kiosk.domain.ticket_code import display_code
from kiosk.domain.tickets import Ticket
from kiosk.receipt.status import PrintResult
from kiosk.ui.lay_out_now import lay_out_now
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.wrapping import line_height, measure_for

QR_MM = {"portrait": 26.0, "landscape": 46.0}  # the QR's size when there is room
QR_MIN_MM = 18.0  # the smallest a phone still reads from arm's length
QR_LANDSCAPE_MM = (QR_MM["landscape"], 30.0, QR_MIN_MM)  # the sizes tried, largest first
SIDE_SHARES = tuple(n / 100 for n in range(28, 52, 2))  # landscape: the QR and note's column


Try = TypeVar("Try", bound=tuple[Any, ...])


def _first_fitting(
    tries: list[Try], room_of: Callable[..., float], need: float
) -> tuple[float, Try]:
    """The first try (in order of preference) that leaves `need` of room, measuring none after
    it (the landscape's 36-72 tries took ~10 ms of the done screen's first frame); if none
    does, the roomiest, whose words scroll least."""
    measured: list[tuple[float, Try]] = []
    for tried in tries:
        room = room_of(*tried)
        if room >= need:
            return room, tried
        measured.append((room, tried))
    return max(measured)


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
    code_font = NumericProperty(0)  # the code's largest size in the arrangement chosen
    arrangement = StringProperty("plain")  # plain | compact | low | side: see _arrange
    side_width = NumericProperty(0)  # landscape: the column of the QR and the receipt note
    # How much taller than the screen the words are at body size (Uyghur on the portrait
    # panel): that much scrolls, the code first. 0 almost always.
    overflow = NumericProperty(0)
    ticket: Ticket | None = None
    result: PrintResult | None = None

    def show(self, ticket: Ticket) -> None:
        """Called before the screen is entered; starts printing at once."""
        self.ticket = ticket
        self.result = None
        self.show_qr = False
        self.ids["scroll"].scroll_y = 1  # the code first
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
        self.fit_lines()  # now, not on the clock: the new words are laid out once, in place

    def _load_qr(self, ticket: Ticket) -> None:
        """On the screen's thread, in the frame the print's answer arrives: drawn on the print
        thread instead, the QR came a frame or more after the screen (no printer: an answer at
        once), and the screen was laid out twice, the code's size changing under the eye."""
        data = io.BytesIO()
        self.services.desk.qr_image(ticket, self.shell.lang).save(data, format="png")
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
        # the paper receipt's words (kiosk/receipt): shorter than the look-up's "promised_by"
        day = short_date(ticket.promised, lang)
        self.promised_text = message("receipt_promised", lang, date=day)
        paper = self.services.desk.receipt_data(ticket, lang)  # the same words as on paper
        self.submitted_text = paper.submitted_line()
        self.phone_text = paper.phone_line()
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
        phone = self.services.desk.receipt_data(self.ticket, self.shell.lang).phone
        return ticket_prompt(self.ticket, self.shell.lang, category=category, phone=phone)

    def handle_back(self) -> bool:
        self.shell.go_home()  # the report is stored: back must not resubmit it
        return True

    def reset(self) -> None:
        self.ticket = None
        self.result = None
        self.show_qr = False
        self.qr_texture = None

    def on_kv_post(self, base_widget: Any) -> None:
        self._arrangement = "plain"  # as the kv file lays it out
        self.reset()
        fit = Clock.create_trigger(lambda _dt: self.fit_lines())
        self.ids["main"].bind(width=lambda *_a: fit())
        self.ids["scroll"].bind(size=lambda *_a: fit())
        for name in ("responsible_text", "dates_text", "receipt_text", "show_qr", "code_text"):
            self.fbind(name, lambda *_a: fit())
        for name in ("font_body", "font_title", "portrait", "px_per_mm"):
            self.shell.theme.fbind(name, lambda *_a: fit())

    def fit_lines(self) -> None:
        """Choose the lines' size, the QR's and the arrangement so the code keeps at least title
        size on one line, clear of the nav bar.

        The code gives way first (its kv size), then the lines: bigger text falls back to body
        size, then the QR shrinks towards its minimum. Landscape: the QR and the receipt note
        share a column beside the code and its facts, as wide as they need. Portrait: short of
        room, the code moves up beside the QR and the dates below it. Measured here, not bound
        in kv, since the code's room and the lines' size depend on each other and bindings
        would swing between them.
        """
        theme = self.shell.theme
        normal = theme.font_body / max(1.0, theme.text_scale)
        fonts = tuple(dict.fromkeys((theme.font_body, normal)))
        need = theme.font_title * 1.4
        if not theme.portrait:
            wide = [(f, q, s) for f in fonts for q in QR_LANDSCAPE_MM for s in SIDE_SHARES]
            room, (font, qr_mm, share) = _first_fitting(wide, self._side_room, need)
            self.side_width = self._side_w(qr_mm, share)
            self._place(font, qr_mm, room, "side")
            return
        modes = ["plain", "low"] + (["compact"] if self.show_qr else [])
        tries = [(theme.font_body, QR_MM["portrait"], "plain")]
        tries += [(normal, q, m) for m in modes for q in (QR_MM["portrait"], QR_MIN_MM)]
        room, (font, qr_mm, mode) = _first_fitting(tries, self._code_room, need)
        self.side_width = 0
        self._place(font, qr_mm, room, mode)

    def _place(self, font: float, qr_mm: float, room: float, mode: str) -> None:
        theme = self.shell.theme
        overflow = max(0.0, theme.font_title * 1.4 - room)
        if overflow != self.overflow:
            self.overflow = overflow
            Clock.schedule_once(lambda _dt: setattr(self.ids["scroll"], "scroll_y", 1))
        room += overflow
        self.lines_font, self.qr_mm = font, qr_mm
        self.code_font = max(
            theme.font_title, min(theme.font_huge, room / 1.4, self._widest(qr_mm, mode))
        )
        self._arrange(mode)
        self.arrangement = mode
        lay_out_now(self)  # the words laid out first where and as wide as they are placed

    def _side_w(self, qr_mm: float, share: float) -> float:
        qr = qr_mm * self.shell.theme.px_per_mm if self.show_qr else 0.0
        return max(qr, float(self.ids["main"].width) * share)

    def _side_room(self, font: float, qr_mm: float, share: float) -> float:
        """Landscape: the height left for the code with the QR and the receipt note in a column
        `share` of the width beside it, less what that column is too tall by."""
        theme, main = self.shell.theme, self.ids["main"]
        pad, side_w = float(theme.pad), self._side_w(qr_mm, share)
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        side = qr + pad + self._height(self.receipt_text, side_w, font)
        column_w = main.width - theme.gap - side_w
        under = self._height(self.responsible_text, column_w, font) + pad
        under += self._height(self.dates_text, column_w, font)
        return self._room() - under - 3 * pad - max(0.0, side - self._room())

    def _code_room(self, font: float, qr_mm: float, mode: str) -> float:
        """Portrait: the height left for the code's line with these sizes and arrangement."""
        theme, main = self.shell.theme, self.ids["main"]
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        pad = float(theme.pad)
        column_w, beside = main.width, main.width - qr - pad
        receipt = self._height(self.receipt_text, column_w, font)
        dates = self._height(self.dates_text, column_w, font)
        if mode == "compact":  # [code, responsible] beside the QR; the dates and receipt below
            name = theme.text_font
            if measure_for(name, theme.font_title)(self.code_text) > beside:
                return float("-inf")  # the code cannot go beside the QR
            under = pad + self._height(self.responsible_text, beside, font)
            return self._room() - under - dates - receipt - 3 * pad
        if mode == "low":  # every line the whole width; the receipt note beside the QR
            low = max(self._height(self.receipt_text, beside, font), qr)
            facts = self._height(self.responsible_text, column_w, font) + dates
            return self._room() - facts - low - 4 * pad
        facts = self._height(self.responsible_text, beside, font) + pad
        facts = max(facts + self._height(self.dates_text, beside, font), qr)
        return self._room() - facts - receipt - 3 * pad

    def _room(self) -> float:
        """The height under the nav bar: the words scroll only if they need more."""
        return float(self.ids["scroll"].height)

    def _widest(self, qr_mm: float, mode: str) -> float:
        """The code's size that fills its width with a little to spare: a code fitted to the
        exact pixel would wrap its last digit."""
        theme = self.shell.theme
        qr = qr_mm * theme.px_per_mm if self.show_qr else 0.0
        width = self.ids["main"].width
        if mode == "compact":
            width -= qr + theme.pad
        elif mode == "side":
            width -= self.side_width + theme.gap
        wide = measure_for(theme.text_font, theme.font_title)(self.code_text)
        return float(theme.font_title * 0.97 * width / wide) if wide else float(theme.font_huge)

    def _arrange(self, mode: str) -> None:
        """Put the code, the facts and the receipt note where the arrangement wants them.

        plain: the code on top, the facts beside the QR, the receipt note below (portrait).
        compact: the code moves into the column beside the QR, the dates below it with the
        whole width. low: every line the whole width, the receipt note beside the QR. side
        (landscape): the receipt note under the QR, in a column beside the code and its facts.
        """
        if mode == self._arrangement:
            return
        self._arrangement = mode
        names: tuple[str, ...] = ("code", "responsible", "promised", "receipt", "facts_row")
        names += ("column_end", "qr", "side_end", "facts", "column", "side")
        w = {name: self.ids[name].__self__ for name in names}  # ids are weak proxies
        for name in names[:8]:
            if w[name].parent is not None:
                w[name].parent.remove_widget(w[name])
        code, who, dates, receipt = (w[n] for n in ("code", "responsible", "promised", "receipt"))
        facts = {"plain": [who, dates], "compact": [code, who], "low": [receipt]}
        column = {
            "plain": [code, w["facts_row"], receipt],
            "compact": [w["facts_row"], dates, receipt],
            "low": [code, who, dates, w["facts_row"]],
            "side": [code, w["facts_row"]],
        }
        layout = {
            "facts": facts.get(mode, [who, dates]),
            "column": [*column[mode], w["column_end"]],
            "side": [w["qr"], *([receipt] if mode == "side" else []), w["side_end"]],
        }
        for box, children in layout.items():
            for child in children:  # top to bottom: each one added goes last
                w[box].add_widget(child)

    def _height(self, text: str, width: float, font: float) -> float:
        """A KLabel's height for this text: its lines as broken for the width, plus a pixel."""
        name = self.shell.theme.text_font
        lines = break_lines(text, max(1.0, width - 1), measure_for(name, font)).lines
        return len(lines) * line_height(name, font) + 1
