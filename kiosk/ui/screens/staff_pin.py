"""The staff PIN pad: digits shown as dots, checked against the config's salted hash.

Only the title is spoken when the pad opens; never a digit, nor how many were typed: the PIN
is no business of the hall. The hash is checked off the
UI thread (PBKDF2 takes a noticeable moment on a Pi); five wrong PINs lock the pad (PinLock).
"""

from __future__ import annotations

import threading
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.config.pin import verify_pin
from kiosk.domain.messages import message
from kiosk.domain.pin_lock import PinVerdict
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.shell import StaffShell
from kiosk.ui.widgets import DELETE, ENTER

MAX_DIGITS = 12


class StaffPinScreen(KioskScreen):
    prefill = True
    shell: StaffShell  # the app hands the staff screens its staff door as well
    dots = StringProperty("")
    note = StringProperty("")  # wrong PIN, locked, checking
    checking = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._digits = ""

    def reset(self) -> None:
        self._digits = ""
        self.note = ""
        self.dots = ""

    def prompt(self) -> str:
        return message("staff_pin_hint", self.shell.lang)

    def on_leave(self, *_args: object) -> None:
        self.reset()  # a PIN half typed must not wait for the next person

    def refresh(self) -> None:
        lang = self.shell.lang
        self.ids.pad.fill(message("delete_key", lang), message("ok_key", lang))
        self._show_lock()
        self.dots = "●" * len(self._digits)

    def _show_lock(self) -> bool:
        left = self.shell.pin_lock.locked_seconds()
        if left > 0:
            verdict = PinVerdict(ok=False, locked_seconds=left)
            self.note = message("staff_pin_locked", self.shell.lang, minutes=verdict.locked_minutes)
            return True
        return False

    def key(self, value: str) -> None:
        if self.checking or self._show_lock():
            return
        if value == ENTER:
            self._check()
            return
        if value == DELETE:
            self._digits = self._digits[:-1]
        elif len(self._digits) < MAX_DIGITS:
            self._digits += value
        self.shell.key_click()  # the same click for every digit: it tells nothing of the PIN
        self.note = ""
        self.dots = "●" * len(self._digits)

    def _check(self) -> None:
        pin, self._digits = self._digits, ""
        self.dots = ""
        pin_hash = self.services.config().staff.pin_hash or ""
        if not pin or not pin_hash:
            return
        self.checking = True
        self.note = message("staff_pin_checking", self.shell.lang)
        pin_lock = self.shell.pin_lock

        def check() -> None:
            verdict = pin_lock.attempt(lambda: verify_pin(pin, pin_hash))
            Clock.schedule_once(lambda _dt: self._checked(verdict))

        threading.Thread(target=check, name="staff-pin", daemon=True).start()

    def _checked(self, verdict: PinVerdict) -> None:
        shell = self.shell
        self.checking = False
        if shell.stopped or self.manager is None or self.manager.current != self.name:
            self.note = ""
            return  # the idle reset or Home came first: the panel stays closed
        if verdict.ok:
            self.note = ""
            shell.open_staff_panel()
        elif verdict.locked_seconds > 0:
            self.note = message("staff_pin_locked", shell.lang, minutes=verdict.locked_minutes)
        else:
            self.note = message("staff_pin_wrong", shell.lang, tries=verdict.tries_left)
