"""Check my ticket (查询回音), step 1: the code on a large number pad.

The check digit is tested first, so a typo gets "please check the number". A code this kiosk
knows is answered at once, offline; any other is asked of the centre on a background thread, and
the answer is dropped if the visitor has gone (idle reset) before it came.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.domain.lookup import Answer, CentreUnreachableError
from kiosk.domain.messages import message
from kiosk.domain.ticket_code import CODE_LENGTH, CodeCheck, check_typed, display_code
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.lookup_result import LookupResultScreen
from kiosk.ui.widgets import DELETE, ENTER

log = logging.getLogger("kiosk.ui")
MAX_DIGITS = CODE_LENGTH + 3  # room for sequences past 99999, no more


class LookupScreen(KioskScreen):
    prefill = True
    typed = StringProperty("")
    shown = StringProperty("")  # the typed code in groups, as on the receipt
    note = StringProperty("")
    note_title = StringProperty("")  # the note in a few words, for the portrait title bar
    note_is_problem = BooleanProperty(False)
    asking = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._question = 0  # bumped by every reset: a late answer for a gone visitor is dropped

    def reset(self) -> None:
        self._question += 1
        self.typed = ""
        self.asking = False
        self._set_note("")

    def refresh(self) -> None:
        shell = self.shell
        self.ids.pad.fill(message("delete_key", shell.lang), message("lookup_key", shell.lang))

    def on_typed(self, _screen: object, typed: str) -> None:
        self.shown = display_code(typed) if typed else ""

    def prompt(self) -> str:
        return self.note or message("say_lookup", self.shell.lang)

    def _set_note(self, key: str, *, problem: bool = False, **values: object) -> None:
        lang = self.shell.lang
        self.note = message(key, lang, **values) if key else ""
        self.note_title = message(key + "_title", lang, **values) if key else ""
        self.note_is_problem = problem

    def key(self, value: str) -> None:
        if self.asking:
            return
        if value == ENTER:
            self.search()
            return
        if value == DELETE:
            self.typed = self.typed[:-1]
        elif len(self.typed) < MAX_DIGITS:
            self.typed += value
        self._set_note("")
        self.shell.key_click()

    def search(self) -> None:
        shell = self.shell
        check = check_typed(self.typed)
        if check in (CodeCheck.EMPTY, CodeCheck.TOO_SHORT):
            self._set_note("lookup_short", problem=True, digits=CODE_LENGTH)
        elif check is CodeCheck.MISTYPED:
            self._set_note("lookup_mistyped", problem=True)
        else:
            answer = self.services.lookup.local(self.typed)
            if answer is not None:
                self.show(answer)
                return
            self._ask_centre(self.typed)
        shell.say(self.note)

    def _ask_centre(self, code: str) -> None:
        self.asking = True
        self._set_note("lookup_asking")
        question = self._question
        lookup = self.services.lookup

        def work() -> None:
            answer: Answer | None = None
            outcome = "found"
            try:
                answer = lookup.ask(code)
                outcome = "found" if answer is not None else "lookup_unknown"
            except CentreUnreachableError as error:
                log.info("look-up of a code at the centre failed: %s", error)
                outcome = "lookup_offline"
            except Exception:  # a look-up must never take the kiosk down
                log.exception("look-up at the centre failed")
                outcome = "lookup_offline"
            Clock.schedule_once(lambda _dt: self._answered(question, answer, outcome))

        threading.Thread(target=work, name="lookup", daemon=True).start()

    def _answered(self, question: int, answer: Answer | None, outcome: str) -> None:
        if question != self._question:
            return  # the visitor has gone; the next one must not see this
        self.asking = False
        if answer is not None:
            self._set_note("")
            self.show(answer)
            return
        self._set_note(outcome, problem=True)
        self.shell.say(self.note)

    def show(self, answer: Answer) -> None:
        shell = self.shell
        self.other("lookup_result", LookupResultScreen).answer = answer
        shell.go("lookup_result")
