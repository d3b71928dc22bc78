"""What every screen shares: injected services, a reset hook and a refresh hook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.config.model import KioskConfig
from kiosk.desk import Desk
from kiosk.domain.content import Category
from kiosk.domain.feedback_form import FeedbackForm
from kiosk.domain.status import SyncStatus
from kiosk.lookup import TicketLookUp
from kiosk.speech import Speaker
from kiosk.store.remote import RemoteStore


@dataclass(frozen=True)
class Services:
    """What screens may use; the composition root fills it, tests pass their own."""

    now: Callable[[], datetime]  # aware, in the community's time zone
    config: Callable[[], KioskConfig]  # the last good config
    sync_status: Callable[[], SyncStatus]
    form: FeedbackForm  # the report being entered; cleared by the idle reset
    desk: Desk  # stores tickets and prints receipts
    speaker: Speaker  # says each screen's prompt; any touch stops it
    lookup: TicketLookUp  # finds tickets for the look-up and the Echo Wall
    remote: RemoteStore  # what the centre sent: the Echo Wall's figures
    keyboard_attached: bool = False

    def category(self, code: str | None) -> Category | None:
        categories = self.config().content.categories
        return next((c for c in categories if c.code == code), None)


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
