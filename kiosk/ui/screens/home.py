"""Home: who we are, the time, the link status, the language switch and six big doors."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty

from kiosk.domain.messages import message
from kiosk.domain.prompts import home_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import MirrorBox

STATUS_EVERY = 5  # seconds between redraws of the link status (the clock: every second)
DOORS = ("notices", "activities", "feedback", "echo_wall", "red_post", "lookup")
DOOR_ICONS = {
    "notices": "notices",
    "activities": "activities",
    "feedback": "feedback",
    "echo_wall": "echo-wall",
    "red_post": "red-post",
    "lookup": "lookup",
}


class HomeScreen(KioskScreen):
    clock_text = StringProperty("")
    clock_lines = StringProperty("")  # the same on two lines, for the narrow portrait footer
    status_text = StringProperty("")
    status_online = StringProperty("offline")
    community_name = StringProperty("")
    config_marker = StringProperty("")

    _footer: Any = None  # set while kv builds the screen, before __init__ returns
    _status: Any = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ticker: Any = None
        self._ticks = 0

    def on_enter(self, *_args: object) -> None:
        super().on_enter()
        self.on_leave()  # never two clocks: a second one would outlive this screen
        self._ticker = Clock.schedule_interval(self._tick, 1.0)

    def _tick(self, _dt: float) -> None:
        if self.get_root_window() is None:  # this app has left the window: stop for good
            self.on_leave()
            return
        self._ticks += 1
        self.tick(status=self._ticks % STATUS_EVERY == 0)

    def on_leave(self, *_args: object) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def on_kv_post(self, base_widget: Any) -> None:
        self.shell.theme.bind(portrait=lambda *_a: self.place_speech_buttons())
        self.place_speech_buttons()

    def place_speech_buttons(self) -> None:
        """Landscape: speech buttons beside the language button, the status line at the bottom.
        Portrait (narrow): the status line under the name, and a bottom row of the date and
        time and the speech buttons; two 20 mm buttons leave no room for more on one row."""
        ids = self.ids
        if self._footer is None:  # strong references: out of the tree, ids would lose them
            self._footer = ids.footer.__self__
            self._status = ids.status_line.__self__
        # ids hold weak proxies: compare the widgets themselves.
        header, buttons = ids.header.__self__, ids.speech_buttons.__self__
        footer, status, box = self._footer, self._status, header.parent
        portrait = self.shell.theme.portrait
        if portrait:
            _move(status, ids.header_text.__self__, index=0)
            _move(footer, box, index=0)
            _move(buttons, footer, index=0)  # after the clock, at the reading end
        else:
            _move(status, box, index=0)
            _move(buttons, header, index=1)  # just before the language button
            if footer.parent is not None:
                footer.parent.remove_widget(footer)

    def prompt(self) -> str:
        return home_prompt(self.services.config().content, self.shell.lang)

    def refresh(self) -> None:
        lang = self.shell.lang
        config = self.services.config()
        self.community_name = config.content.community.short_name.get(lang)
        self.tick()

    def tick(self, *, status: bool = True) -> None:
        """The clock every second; the link status (`status`) every few: while days of feedback
        drain, a count redrawn every second costs a slow frame a second (benchmark 4)."""
        lang = self.shell.lang
        now = self.services.now()
        # The time first: it must never be cut off. Beside the speech buttons (the landscape
        # header, the portrait footer) there is room for the date but not the weekday.
        short_date = message("short_date", lang, month=now.month, day=now.day)
        self.clock_text = f"{now:%H:%M}  {short_date}"
        self.clock_lines = f"{now:%H:%M}\n{short_date}"
        if status:
            self._show_status(lang)

    def _show_status(self, lang: str) -> None:
        shell = self.shell
        status = self.services.sync_status()
        self.status_online = "online" if status.online else "offline"
        parts = [message(self.status_online, lang), message("waiting", lang, count=status.waiting)]
        age = status.oldest_waiting
        if status.waiting and age is not None and age.total_seconds() >= 3600:
            hours = int(age.total_seconds() // 3600)
            parts.append(
                message("oldest_days", lang, days=hours // 24)
                if hours >= 48
                else message("oldest_hours", lang, hours=hours)
            )
        if shell.theme.portrait:  # under the name there is room for the essentials only
            parts = parts[:2] if status.waiting else parts[:1]
        self.status_text = "  ·  ".join(parts)
        # Offline is already on the status line; a problem while online (the centre refuses our
        # key, say) is the one staff must act on.
        sync_problem = status.problem if status.online else ""
        self.config_marker = self._staff_marker(lang, bool(shell.config_errors), sync_problem)

    def _staff_marker(self, lang: str, config_broken: bool, sync_problem: str) -> str:
        """A small word for staff passing by; residents see nothing alarming."""
        if config_broken:
            return message("config_marker", lang)
        if sync_problem:
            return message("sync_marker", lang)
        printer = self.services.desk.printer_state
        if printer is not None and printer.fault is not None:
            return message(f"printer_{printer.fault.value}", lang)
        return ""


def _move(widget: Any, parent: Any, *, index: int) -> None:
    """Re-parent without touching a widget already in place (a move loses a touch in progress)."""
    if widget.parent is parent:
        return
    if widget.parent is not None:
        widget.parent.remove_widget(widget)
    if isinstance(parent, MirrorBox):
        parent.insert(widget, index)
    else:
        parent.add_widget(widget, index=index)
