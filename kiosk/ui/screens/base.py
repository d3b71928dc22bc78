"""What every screen shares: injected services, a reset hook and a refresh hook."""

from __future__ import annotations

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.core.services import Services


class KioskScreen(Screen):
    title_key = StringProperty("")
    services: Services = ObjectProperty(None, rebind=True)  # type: ignore[assignment]

    def reset(self) -> None:
        """Forget everything the last person entered (idle reset, privacy in a public place)."""

    def refresh(self) -> None:
        """Redraw from the current config and language; called on entering and on changes."""

    def handle_back(self) -> bool:
        """Step back inside the screen (detail to list); False lets the app leave the screen."""
        return False

    def prompt(self) -> str:
        """What the screen says when it opens, in the current language (EN 301 549 5.1.3)."""
        return ""

    def on_pre_enter(self, *_args: object) -> None:
        self.refresh()

    def on_enter(self, *_args: object) -> None:
        from kivy.app import App

        App.get_running_app().speak_screen()
