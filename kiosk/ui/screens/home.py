"""Home: who we are, the time, the link status, the language switch and six big doors."""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty

from kiosk.domain.messages import message, weekday_name
from kiosk.domain.prompts import home_prompt
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
        super().on_enter()
        self.on_leave()  # never two clocks: a second one would outlive this screen
        self._ticker = Clock.schedule_interval(self._tick, 1.0)

    def _tick(self, _dt: float) -> None:
        if self.get_root_window() is None:  # this app has left the window: stop for good
            self.on_leave()
            return
        self.tick()

    def on_leave(self, *_args: object) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def on_kv_post(self, base_widget: Any) -> None:
        from kivy.app import App

        App.get_running_app().theme.bind(portrait=lambda *_a: self.place_speech_buttons())
        self.place_speech_buttons()

    def place_speech_buttons(self) -> None:
        """Beside the language button in landscape; down by the status line in portrait."""
        from kivy.app import App

        # ids hold weak proxies: compare the widgets themselves.
        header, footer = self.ids.header.__self__, self.ids.footer.__self__
        buttons = self.ids.speech_buttons.__self__
        target = footer if App.get_running_app().theme.portrait else header
        if buttons.parent is target:
            return
        buttons.parent.remove_widget(buttons)
        # Header: just before the language button; footer: first, at the reading start.
        target.add_widget(buttons, index=1 if target is header else len(target.children))

    def prompt(self) -> str:
        from kivy.app import App

        return home_prompt(self.services.config().content, App.get_running_app().lang)

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
        if not app.theme.portrait:  # beside the speech buttons the landscape header is narrow
            self.clock_text = f"{now:%H:%M}  " + message(
                "short_date", lang, month=now.month, day=now.day
            )
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
        self.status_text = "  ·  ".join(parts)
        # Offline is already on the status line; a problem while online (the centre refuses our
        # key, say) is the one staff must act on.
        sync_problem = status.problem if status.online else ""
        self.config_marker = self._staff_marker(lang, bool(app.config_errors), sync_problem)

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
