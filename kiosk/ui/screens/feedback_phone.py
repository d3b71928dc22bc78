"""Feedback step 4 (optional): a phone number on a large number pad, shown masked.

Only the last four digits are ever on screen: others may be standing behind the resident.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from kiosk.domain.prompts import phone_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import DELETE, ENTER

NEXT = ENTER


class FeedbackPhoneScreen(KioskScreen):
    shown = StringProperty("")

    def refresh(self) -> None:
        app = App.get_running_app()
        self.ids.pad.fill(app.t("delete_key", app.lang), "")
        self._update()

    def _update(self) -> None:
        app = App.get_running_app()
        form = self.services.form
        self.shown = form.masked_phone
        self.ids.pad.enter_key.text = app.t("ok_key" if form.phone else "skip_key", app.lang)

    def prompt(self) -> str:
        return phone_prompt(len(self.services.form.phone), App.get_running_app().lang)

    def key(self, value: str) -> None:
        form = self.services.form
        if value == NEXT:
            App.get_running_app().go("feedback_confirm")
            return
        if value == DELETE:
            form.delete_digit()
        else:
            form.press_digit(value)
        self._update()
        # Never the digits themselves on a loudspeaker in a public hall: only how many.
        App.get_running_app().say(self.prompt())
