"""Feedback step 2: what is wrong, as the category's preset phrases (several may be chosen).

Free text is offered only where a keyboard is attached; it is never required.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk.domain.prompts import phrases_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool


class FeedbackWhatScreen(KioskScreen):
    can_go_on = BooleanProperty(False)
    category_name = StringProperty("")
    keyboard = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._toggled, kind="toggle")

    def refresh(self) -> None:
        shell = self.shell
        form = self.services.form
        self.keyboard = self.services.keyboard_attached
        category = self.services.category(form.category)
        if category is None:  # the config lost this category while the resident was here
            shell.go_home()
            return
        self.category_name = category.name.get(shell.lang)
        # No pictogram: the category's own would repeat on every phrase and crowd out the words.
        items = [(i, "", p.get(shell.lang)) for i, p in enumerate(category.phrases)]
        self._pool.fill(self.ids.choices, items, active=lambda i: i in form.phrases)
        self.ids.free_text.text = form.free_text
        self.can_go_on = form.says_what

    def prompt(self) -> str:
        category = self.services.category(self.services.form.category)
        return phrases_prompt(category, self.shell.lang) if category else ""

    def _toggled(self, button: BigButton) -> None:
        self.services.form.toggle_phrase(button.value)
        button.active = button.value in self.services.form.phrases
        self.can_go_on = self.services.form.says_what
        if button.active:
            self.shell.say(button.text)  # read back what was chosen

    def text_changed(self, text: str) -> None:
        kept = self.services.form.type_text(text)
        if kept != text:  # past the limit: the box shows what will be sent
            self.ids.free_text.text = kept
        self.can_go_on = self.services.form.says_what
