"""The staff panel: what is wrong (sync, printer, config, speech, disk) and the simple fixes.

Reached only through the PIN screen (`StaffShell.staff_unlocked`); leaving it by any route locks it.
Slow actions (printing, reading the config) run off the UI thread and report back through the
Kivy clock. Only the title is spoken on opening; the facts are not read out to the hall.
Everything shown is in the staff's language; the machines' English goes to the journal. Exit and
Restart take a second tap within `CONFIRM_SECONDS`, so a slip does not end the kiosk.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from kiosk.core.staff import (
    detail_lines,
    facts_lines,
    gather,
    print_test_receipt,
    printer_text,
    reload_config,
    retry_rejected,
    sync_now,
)
from kiosk.domain.messages import message
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.shell import StaffShell

log = logging.getLogger("kiosk.ui.staff")
REFRESH_SECONDS = 2.0
CONFIRM_SECONDS = 4.0  # Exit or Restart: the second tap must come within this


class StaffPanelScreen(KioskScreen):
    """Reads and acts through kiosk.core.staff on its own `services`, never through the app."""

    shell: StaffShell  # the app hands the staff screens its staff door as well
    facts_text = StringProperty("")
    result_text = StringProperty("")  # what the last action did
    busy = BooleanProperty(False)  # a slow action is running: its button waits
    arming = StringProperty("")  # "leave" or "restart": tapped once, waiting for the second tap
    page = NumericProperty(0)  # the facts, paged by plain buttons (kv: pages follow the height)
    pages = NumericProperty(1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._timer: Any = None
        self._armed_at = 0.0
        self._logged: set[str] = set()

    def refresh(self, *_args: object) -> None:
        if not self.shell.staff_unlocked:
            self.facts_text = ""
            return
        if self.arming and self.services.monotonic() - self._armed_at > CONFIRM_SECONDS:
            self.arming = ""
        try:
            facts = gather(self.services)
            self.facts_text = "\n".join(facts_lines(facts, self.shell.lang))
            self._log_details(detail_lines(facts))
        except Exception:  # a broken store must not take the panel (the way to fix it) down
            log.exception("gathering the staff panel's facts failed")
            self.facts_text = message("staff_failed", self.shell.lang)

    def _log_details(self, lines: list[str]) -> None:
        """Each English detail once while it lasts, not at every refresh."""
        for line in lines:
            if line not in self._logged:
                log.warning("staff panel: %s", line)
        self._logged = set(lines)

    def on_kv_post(self, base_widget: Any) -> None:
        ids = self.ids
        for widget in (ids.facts_area, ids.facts_box, ids.pager, ids.facts, ids.result):
            widget.fbind("size", self._paginate)
        self.fbind("page", self._paginate)

    def _paginate(self, *_args: object) -> None:
        """Pages of whole lines: the view is as tall as the lines that fit (no line is cut at
        its foot), and a page turn moves it by its height."""
        ids = self.ids
        view, box, area, facts = ids.facts_view, ids.facts_box, ids.facts_area, ids.facts
        # what the result line and the page buttons leave, with the gaps between the three
        room = area.height - ids.pager.height - ids.result.height - 2 * area.spacing
        lines = len(facts.shown_lines) or 1
        line = facts.height / lines  # the pitch the wrapped label laid its lines at
        if line <= 1 or room <= 1:
            return  # not laid out yet: the size bindings call again
        view.height = max(line, math.floor(room / line) * line)
        overflow = box.height - view.height
        step = view.height
        self.pages = 1 + math.ceil(overflow / step) if overflow > 1 else 1
        self.page = max(0, min(int(self.page), int(self.pages) - 1))
        view.scroll_y = 1 - min(1.0, self.page * step / overflow) if overflow > 1 else 1

    def turn(self, step: int) -> None:
        self.page = min(max(0, int(self.page) + step), int(self.pages) - 1)

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
        self.reset()

    def reset(self) -> None:
        self.result_text = ""
        self.arming = ""
        self.page = 0

    # --- actions --------------------------------------------------------------------------------
    def _in_background(self, work: Callable[[], str], waiting: str) -> None:
        if self.busy:
            return
        lang = self.shell.lang
        self.busy = True
        self.result_text = waiting

        def run() -> None:
            try:
                text = work()
            except Exception:
                log.exception("staff action failed")
                text = message("staff_failed", lang)
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
            log.warning("test receipt not printed: %s", result.reason)
            state = printer_text(services.desk.printer_state, services.config().printer.type, lang)
            return message("staff_not_printed", lang, reason=state)

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
        if self._confirmed("leave"):
            self.shell.leave_kiosk_mode()

    def restart(self) -> None:
        if self._confirmed("restart"):
            self.shell.restart_kiosk()

    def _confirmed(self, action: str) -> bool:
        """The second tap on the same destructive button within CONFIRM_SECONDS; the first
        only arms it (its label asks for the second tap)."""
        now = self.services.monotonic()
        if self.arming == action and now - self._armed_at <= CONFIRM_SECONDS:
            self.arming = ""
            return True
        self.arming = action
        self._armed_at = now
        self.result_text = message("staff_confirm_again", self.shell.lang)
        return False

    def close(self) -> None:
        self.shell.close_staff_panel()
