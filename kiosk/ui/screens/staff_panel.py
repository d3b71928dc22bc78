"""The staff panel: what is wrong (sync, printer, config, speech, disk) and the simple fixes.

Reached only through the PIN screen (`StaffShell.staff_unlocked`); leaving it by any route locks it.
Slow actions (printing, reading the config) run off the UI thread and report back through the
Kivy clock. Only the title is spoken on opening; the facts are not read out to the hall.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.core.staff import (
    facts_lines,
    gather,
    print_test_receipt,
    reload_config,
    retry_rejected,
    sync_now,
)
from kiosk.domain.messages import message
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.shell import StaffShell

log = logging.getLogger("kiosk.ui.staff")
REFRESH_SECONDS = 2.0


class StaffPanelScreen(KioskScreen):
    """Reads and acts through kiosk.core.staff on its own `services`, never through the app."""

    shell: StaffShell  # the app hands the staff screens its staff door as well
    facts_text = StringProperty("")
    result_text = StringProperty("")  # what the last action did
    busy = BooleanProperty(False)  # a slow action is running: its button waits

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._timer: Any = None

    def refresh(self, *_args: object) -> None:
        if not self.shell.staff_unlocked:
            self.facts_text = ""
            return
        try:
            self.facts_text = "\n".join(facts_lines(gather(self.services), self.shell.lang))
        except Exception:  # a broken store must not take the panel (the way to fix it) down
            log.exception("gathering the staff panel's facts failed")
            self.facts_text = "?"

    def prompt(self) -> str:
        return message("staff_title", self.shell.lang) if self.shell.staff_unlocked else ""

    def on_enter(self, *_args: object) -> None:
        shell = self.shell
        if not shell.staff_unlocked:
            Clock.schedule_once(lambda _dt: shell.go_home())  # never shown without the PIN
            return
        super().on_enter()
        self._timer = Clock.schedule_interval(self.refresh, REFRESH_SECONDS)

    def on_leave(self, *_args: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.shell.staff_unlocked = False
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
        services, lang = self.services, self.shell.lang

        def work() -> str:
            result = print_test_receipt(services, lang)
            if result.printed:
                return message("staff_printed", lang)
            return message("staff_not_printed", lang, reason=result.reason)

        self._in_background(work, message("staff_printing", lang))

    def sync_now(self) -> None:
        sync_now(self.services)
        self.result_text = message("staff_syncing", self.shell.lang)
        Clock.schedule_once(self.refresh, REFRESH_SECONDS)

    def reload_config(self) -> None:
        services, lang = self.services, self.shell.lang

        def work() -> str:
            errors = reload_config(services)
            if errors:
                return message("staff_reload_failed", lang, count=len(errors))
            return message("staff_reloaded", lang)

        self._in_background(work, message("staff_reloading", lang))

    def retry_rejected(self) -> None:
        moved = retry_rejected(self.services)
        self.result_text = message("staff_retried", self.shell.lang, count=moved)
        self.refresh()

    def leave_kiosk_mode(self) -> None:
        self.shell.leave_kiosk_mode()

    def restart(self) -> None:
        self.shell.restart_kiosk()

    def close(self) -> None:
        self.shell.close_staff_panel()
