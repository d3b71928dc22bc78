"""Check my ticket, step 3: satisfied, so-so or not satisfied — three large buttons, one question.

The rating is stored with its own Idempotency-Key before the screen moves on, like feedback;
"not satisfied" tells the resident the case goes back to staff.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.properties import StringProperty

from kiosk.domain.answer_texts import RATING_ICONS, rating_text
from kiosk.domain.messages import message
from kiosk.domain.rating import Rating
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.widgets import BigButton, ButtonPool

log = logging.getLogger("kiosk.ui")


class LookupRateScreen(KioskScreen):
    prefill = True
    note = StringProperty("")  # shown only when the rating could not be stored

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._chosen, kind="toggle")

    def refresh(self) -> None:
        lang = self.shell.lang
        items = [(r, RATING_ICONS[r], rating_text(r, lang)) for r in Rating]
        buttons = self._pool.fill(self.ids.choices, items, vertical=not self.shell.theme.portrait)
        for button in buttons:
            button.icon_scale = 1.0 if self.shell.theme.portrait else 2.0
        self.note = ""

    def reset(self) -> None:
        self.note = ""

    def prompt(self) -> str:
        return message("say_rate", self.shell.lang)

    def _chosen(self, button: BigButton) -> None:
        shell = self.shell
        answer = self.other("lookup_result", LookupResultScreen).answer
        if answer is None:
            shell.go_home()
            return
        try:
            self.services.desk.rate(answer.code, button.value)
        except Exception:  # storage trouble: say so, keep the resident's choice on screen
            log.exception("a rating could not be stored")
            self.note = message("rate_failed", shell.lang)
            shell.say(self.note)
            return
        shell.back()  # the result screen now thanks them
        shell.speak_screen()
