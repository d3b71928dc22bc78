"""Feedback step 4 (optional): a phone number on a large number pad, shown masked.

Only the last four digits are ever on screen: others may be standing behind the resident.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import StringProperty

from kiosk.domain.prompts import phone_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool

DIGITS = "1234567890"
DELETE = "delete"
NEXT = "next"


class FeedbackPhoneScreen(KioskScreen):
    shown = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._pressed, kind="plain")

    def refresh(self) -> None:
        app = App.get_running_app()
        # Text only: a 20 mm key holds two characters at body size, not a pictogram as well.
        keys = [(d, "", d) for d in DIGITS]
        keys.append((DELETE, "", app.t("delete_key", app.lang)))
        keys.append((NEXT, "", ""))
        buttons = self._pool.fill(self.ids.pad, keys)
        for button in buttons:
            button.kind = "primary" if button.value == NEXT else "plain"
        self._update()

    def _update(self) -> None:
        app = App.get_running_app()
        form = self.services.form
        self.shown = form.masked_phone
        next_key = next(b for b in self._pool.buttons if b.value == NEXT)
        next_key.text = app.t("ok_key" if form.phone else "skip_key", app.lang)

    def prompt(self) -> str:
        return phone_prompt(len(self.services.form.phone), App.get_running_app().lang)

    def _pressed(self, button: BigButton) -> None:
        form = self.services.form
        if button.value == NEXT:
            App.get_running_app().go("feedback_confirm")
            return
        if button.value == DELETE:
            form.delete_digit()
        else:
            form.press_digit(button.value)
        self._update()
        # Never the digits themselves on a loudspeaker in a public hall: only how many.
        App.get_running_app().say(self.prompt())
