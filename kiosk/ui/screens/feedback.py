"""Feedback step 1 (我要反映): the category, as large pictogram buttons from the config."""

from __future__ import annotations

from typing import Any

from kiosk.domain.prompts import category_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import BigButton, ButtonPool


class FeedbackScreen(KioskScreen):
    prefill = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(self._chosen, kind="primary")

    def reset(self) -> None:
        self.services.form.clear()

    def refresh(self) -> None:
        shell = self.shell
        categories = self.services.config().content.categories
        items = [(c.code, c.icon, c.name.get(shell.lang)) for c in categories]
        self._pool.fill(self.ids.choices, items, vertical=shell.theme.portrait)

    def prompt(self) -> str:
        categories = self.services.config().content.categories
        return category_prompt(categories, self.shell.lang)

    def _chosen(self, button: BigButton) -> None:
        self.services.form.choose_category(button.value)
        self.shell.go("feedback_what")
