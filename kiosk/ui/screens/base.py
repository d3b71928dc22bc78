"""What every screen shares: injected services and shell, a reset hook and a refresh hook."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.core.services import Services
from kiosk.domain.spoken import Prompt
from kiosk.ui.holding import Holding
from kiosk.ui.shell import Shell

S = TypeVar("S", bound="KioskScreen")


class KioskScreen(Screen):
    """Made by the app with `services` (everything outside the UI) and `shell` (navigation,
    speech, language, look); both are Kivy properties so kv rules can read `root.shell`."""

    title_key = StringProperty("")
    # True when refresh() shows only config, store and language, nothing a flow hands over: such
    # a screen may be filled off the window before anyone opens it (kiosk.ui.prewarm).
    prefill: ClassVar[bool] = False
    services: Services = ObjectProperty(None, rebind=True)
    shell: Shell = ObjectProperty(None)
    warming = False  # drawn off the window right now (kiosk.ui.prewarm): nothing is held back

    def __init__(self, *, services: Services, shell: Shell, **kwargs: Any) -> None:
        # Given to Kivy's __init__, so they are set before the kv rules that read them run.
        super().__init__(services=services, shell=shell, **kwargs)

    def other(self, name: str, kind: type[S]) -> S:
        """Screen `name` as its class: the steps of a flow hand each other what they show."""
        screen = self.shell.screen(name)
        assert isinstance(screen, kind)
        return screen

    def reset(self) -> None:
        """Forget everything the last person entered (idle reset, privacy in a public place)."""

    def refresh(self) -> None:
        """Redraw from the current config and language; called on entering and on changes."""

    def handle_back(self) -> bool:
        """Step back inside the screen (detail to list); False lets the app leave the screen."""
        return False

    def prompt(self) -> Prompt:
        """What the screen says when it opens, in the current language (EN 301 549 5.1.3); a
        `Spoken` when a staff text in it is in the other language (each part in its voice)."""
        return ""

    @property
    def holds_back(self) -> bool:
        """Off the window and not being warmed: its labels, rows and chart keep what they drew
        until it shows (kiosk.ui.holding), so a language tap lays out the screen on the window
        alone."""
        return self.parent is None and not self.warming

    def catch_up(self) -> None:
        """Do what its widgets put off while it was off the window."""
        for widget in self.walk(restrict=True):
            if isinstance(widget, Holding) and widget.held:
                widget.catch_up()

    def on_pre_enter(self, *_args: object) -> None:
        self.catch_up()
        self.refresh()

    def on_enter(self, *_args: object) -> None:
        self.shell.speak_screen()
