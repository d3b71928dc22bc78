"""A plain word for a door whose service has not opened yet: where to go instead."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from kiosk.domain.prompts import coming_prompt
from kiosk.ui.screens.base import KioskScreen


class ComingScreen(KioskScreen):
    icon = StringProperty("")

    def prompt(self) -> str:
        return coming_prompt(App.get_running_app().lang, door=self.title_key)
