"""Check my ticket, step 2: what happened to it — state, who, by when, the answer.

Once the ticket is closed the resident may rate it (a separate screen, one question per screen);
after rating, this screen thanks them instead of asking again.
"""

from __future__ import annotations

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.domain.answer_texts import (
    answer_block,
    answer_lines,
    answer_prompt,
    state_text,
    thanks_text,
)
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.rating import Rating
from kiosk.domain.spoken import Spoken
from kiosk.domain.text import is_rtl
from kiosk.domain.ticket_code import display_code
from kiosk.domain.tickets import TicketStatus
from kiosk.ui.screens.base import KioskScreen


class LookupResultScreen(KioskScreen):
    answer: Answer | None = ObjectProperty(None, allownone=True)
    code_text = StringProperty("")
    state = StringProperty("")
    closed = BooleanProperty(False)
    details = StringProperty("")
    answer_note = StringProperty("")  # "only in the other language", "" when it is not
    answer_text = StringProperty("")
    answer_rtl = BooleanProperty(False)  # the answer is laid out in its own language
    thanks = StringProperty("")
    can_rate = BooleanProperty(False)

    def reset(self) -> None:
        self.answer = None

    def rated(self) -> Rating | None:
        return None if self.answer is None else self.services.desk.my_rating(self.answer.code)

    def category_name(self, lang: str) -> str:
        answer = self.answer
        if answer is None:
            return ""
        category = self.services.category(answer.category)
        return category.name.get(lang) if category is not None else answer.category_name

    def refresh(self) -> None:
        answer = self.answer
        if answer is None:
            return
        lang = self.shell.lang
        rated = self.rated()
        self.code_text = message("code_is", lang, code=display_code(answer.code))
        self.state = state_text(answer, lang, rated)
        self.closed = answer.status is TicketStatus.CLOSED
        name = self.category_name(lang)
        self.details = "\n".join(answer_lines(answer, lang, category_name=name))
        block = answer_block(answer, lang, none_yet=True)
        assert block is not None
        self.answer_note, self.answer_text = block.note, block.text
        self.answer_rtl = is_rtl(block.lang)
        self.can_rate = self.closed and rated is None
        self.thanks = thanks_text(rated, lang) if rated is not None else ""

    def prompt(self) -> Spoken | str:
        answer = self.answer
        if answer is None:
            return ""
        lang = self.shell.lang
        return answer_prompt(
            answer,
            lang,
            category_name=self.category_name(lang),
            rated=self.rated(),
            can_rate=self.can_rate,
        )

    def check_another(self) -> None:
        self.other("lookup", KioskScreen).reset()
        self.shell.back()
