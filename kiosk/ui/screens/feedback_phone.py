"""Feedback step 4 (optional): a phone number on a large number pad, shown masked.

Only the last four digits are ever on screen: others may be standing behind the resident.
"""

from __future__ import annotations

from kivy.properties import StringProperty

from kiosk.domain.messages import message
from kiosk.domain.prompts import phone_prompt
from kiosk.domain.text import ltr_run
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import DELETE, ENTER

NEXT = ENTER


class FeedbackPhoneScreen(KioskScreen):
    prefill = True
    shown = StringProperty("")

    def refresh(self) -> None:
        shell = self.shell
        self.ids.pad.fill(message("delete_key", shell.lang), "")
        self._update()

    def _update(self) -> None:
        shell = self.shell
        form = self.services.form
        self.shown = ltr_run(form.masked_phone, shell.lang)
        self.ids.pad.enter_key.text = message("ok_key" if form.phone else "skip_key", shell.lang)

    def prompt(self) -> str:
        return phone_prompt(len(self.services.form.phone), self.shell.lang)

    def key(self, value: str) -> None:
        form = self.services.form
        if value == NEXT:
            self.shell.go("feedback_confirm")
            return
        if value == DELETE:
            form.delete_digit()
        else:
            form.press_digit(value)
        self._update()
        # Never the digits themselves on a loudspeaker in a public hall: a click, then how many.
        self.shell.key_click(then_say=self.prompt())
