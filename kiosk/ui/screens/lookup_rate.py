"""Check my ticket, step 3: satisfied, so-so or not satisfied — three large buttons, one question.

The rating is stored with its own Idempotency-Key before the screen moves on, like feedback;
"not satisfied" tells the resident the case goes back to staff.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.app import App
from kivy.properties import StringProperty

from kiosk.domain.answer_texts import RATING_ICONS, rating_text
from kiosk.domain.messages import message
from kiosk.domain.rating import Rating
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool

log = logging.getLogger("kiosk.ui")


class LookupRateScreen(KioskScreen):
    note = StringProperty("")  # shown only when the rating could not be stored

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._chosen, kind="toggle")

    def refresh(self) -> None:
        lang = App.get_running_app().lang
        items = [(r, RATING_ICONS[r], rating_text(r, lang)) for r in Rating]
        buttons = self._pool.fill(
            self.ids.choices, items, vertical=not App.get_running_app().theme.portrait
        )
        for button in buttons:
            button.icon_scale = 1.0 if App.get_running_app().theme.portrait else 2.0
        self.note = ""

    def reset(self) -> None:
        self.note = ""

    def prompt(self) -> str:
        return message("say_rate", App.get_running_app().lang)

    def _chosen(self, button: BigButton) -> None:
        app = App.get_running_app()
        answer = app.screen("lookup_result").answer
        if answer is None:
            app.go_home()
            return
        try:
            self.services.desk.rate(answer.code, button.value)
        except Exception:  # storage trouble: say so, keep the resident's choice on screen
            log.exception("a rating could not be stored")
            self.note = message("rate_failed", app.lang)
            app.say(self.note)
            return
        app.back()  # the result screen now thanks them
        app.speak_screen()
