"""Home: who we are, the time, the link status, the language switch and six big doors."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty

from kiosk.domain.messages import message, weekday_name
from kiosk.ui.screens.base import KioskScreen

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
    status_text = StringProperty("")
    status_online = StringProperty("offline")
    community_name = StringProperty("")
    config_marker = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ticker: Any = None

    def on_enter(self, *_args: object) -> None:
        self._ticker = Clock.schedule_interval(lambda _dt: self.tick(), 1.0)

    def on_leave(self, *_args: object) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def refresh(self) -> None:
        from kivy.app import App

        lang = App.get_running_app().lang
        config = self.services.config()
        self.community_name = config.content.community.short_name.get(lang)
        self.tick()

    def tick(self) -> None:
        from kivy.app import App

        app = App.get_running_app()
        lang = app.lang
        now = self.services.now()
        date_text = message(
            "date_format",
            lang,
            month=now.month,
            day=now.day,
            weekday=weekday_name(now.weekday(), lang),
        )
        self.clock_text = f"{now:%H:%M}  {date_text}"  # the time first: it must never be cut off
        status = self.services.sync_status()
        self.status_online = "online" if status.online else "offline"
        parts = [message(self.status_online, lang), message("waiting", lang, count=status.waiting)]
        self.status_text = "  ·  ".join(parts)
        self.config_marker = self._staff_marker(lang, bool(app.config_errors))

    def _staff_marker(self, lang: str, config_broken: bool) -> str:
        """A small word for staff passing by; residents see nothing alarming."""
        if config_broken:
            return message("config_marker", lang)
        printer = self.services.desk.printer_state
        if printer is not None and printer.fault is not None:
            return message(f"printer_{printer.fault.value}", lang)
        return ""
