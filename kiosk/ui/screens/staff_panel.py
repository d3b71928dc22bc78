"""The staff panel: what is wrong (sync, printer, config, speech, disk) and the simple fixes.

Reached only through the PIN screen (`app.staff_unlocked`); leaving it by any route locks it.
Slow actions (printing, reading the config) run off the UI thread and report back through the
Kivy clock. Only the title is spoken on opening; the facts are not read out to the hall.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.core.staff import facts_lines, gather, print_test_receipt
from kiosk.ui.screens.base import KioskScreen

log = logging.getLogger("kiosk.ui.staff")
REFRESH_SECONDS = 2.0


class StaffPanelScreen(KioskScreen):
    facts_text = StringProperty("")
    result_text = StringProperty("")  # what the last action did
    busy = BooleanProperty(False)  # a slow action is running: its button waits

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._timer: Any = None

    def refresh(self, *_args: object) -> None:
        app = App.get_running_app()
        if not app.staff_unlocked:
            self.facts_text = ""
            return
        try:
            self.facts_text = "\n".join(facts_lines(gather(app.wiring), app.lang))
        except Exception:  # a broken store must not take the panel (the way to fix it) down
            log.exception("gathering the staff panel's facts failed")
            self.facts_text = "?"

    def prompt(self) -> str:
        app = App.get_running_app()
        return str(app.t("staff_title", app.lang)) if app.staff_unlocked else ""

    def on_enter(self, *_args: object) -> None:
        app = App.get_running_app()
        if not app.staff_unlocked:
            Clock.schedule_once(lambda _dt: app.go_home())  # never shown without the PIN
            return
        super().on_enter()
        self._timer = Clock.schedule_interval(self.refresh, REFRESH_SECONDS)

    def on_leave(self, *_args: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        App.get_running_app().staff_unlocked = False
        self.result_text = ""

    def reset(self) -> None:
        self.result_text = ""

    # --- actions --------------------------------------------------------------------------------
    def _in_background(self, work: Callable[[], str], waiting: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.result_text = waiting

        def run() -> None:
            try:
                text = work()
            except Exception as error:
                log.exception("staff action failed")
                text = str(error)
            Clock.schedule_once(lambda _dt: self._done(text))

        threading.Thread(target=run, name="staff-action", daemon=True).start()

    def _done(self, text: str) -> None:
        self.busy = False
        self.result_text = text
        self.refresh()

    def print_test(self) -> None:
        app = App.get_running_app()
        lang = app.lang

        def work() -> str:
            result = print_test_receipt(app.wiring, lang)
            if result.printed:
                return app.t("staff_printed", lang)
            return app.t("staff_not_printed", lang, reason=result.reason)

        self._in_background(work, app.t("staff_printing", lang))

    def sync_now(self) -> None:
        app = App.get_running_app()
        app.wiring.sync.wake()  # the worker's own thread runs the round
        self.result_text = app.t("staff_syncing", app.lang)
        Clock.schedule_once(self.refresh, REFRESH_SECONDS)

    def reload_config(self) -> None:
        app = App.get_running_app()
        lang = app.lang

        def work() -> str:
            errors = app.wiring.live.reload_now()
            if errors:
                return app.t("staff_reload_failed", lang, count=len(errors))
            return app.t("staff_reloaded", lang)

        self._in_background(work, app.t("staff_reloading", lang))

    def retry_rejected(self) -> None:
        app = App.get_running_app()
        moved = app.wiring.sync.retry_rejected()
        self.result_text = app.t("staff_retried", app.lang, count=moved)
        self.refresh()

    def leave_kiosk_mode(self) -> None:
        App.get_running_app().leave_kiosk_mode()

    def restart(self) -> None:
        App.get_running_app().restart_kiosk()

    def close(self) -> None:
        App.get_running_app().close_staff_panel()
