"""Feedback step 3 (optional): where, as the config's places (compounds, buildings, the street)."""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty

from kiosk.domain.prompts import places_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool


class FeedbackWhereScreen(KioskScreen):
    chosen = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._toggled, kind="toggle")

    def refresh(self) -> None:
        shell = self.shell
        form = self.services.form
        places = self.services.config().content.places
        # Portrait buttons are narrow: the same pin on every place would take the width a Uyghur
        # place name needs to show whole, and says nothing the screen's title does not.
        pin = "" if shell.theme.portrait else "place"
        items = [(p.code, pin, p.name.get(shell.lang)) for p in places]
        self._buttons = self._pool.fill(
            self.ids.choices, items, active=lambda code: code == form.place
        )
        self.chosen = form.place is not None

    def prompt(self) -> str:
        places = self.services.config().content.places
        return places_prompt(places, self.shell.lang)

    def _toggled(self, button: BigButton) -> None:
        form = self.services.form
        form.place = None if form.place == button.value else button.value
        for other in self._buttons:
            other.active = other.value == form.place
        self.chosen = form.place is not None
        if form.place is not None:
            self.shell.say(button.text)
