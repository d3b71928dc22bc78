"""Feedback step 5: everything chosen, in large text, then "submit" or "change".

Submitting stores the ticket first (nothing is printed or sent before it is on disk). If the same
problem is already open here, the resident is offered to add their voice to it instead (不重).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kivy.properties import BooleanProperty, StringProperty

from kiosk.domain.messages import message
from kiosk.domain.prompts import confirm_prompt
from kiosk.domain.text import ltr_run
from kiosk.domain.tickets import Ticket
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.feedback_done import FeedbackDoneScreen
from kiosk.ui.tap_guard import content_changed

log = logging.getLogger("kiosk.ui")


class FeedbackConfirmScreen(KioskScreen):
    summary = StringProperty("")
    offer_text: str = StringProperty("")
    offering = BooleanProperty(False)
    error_text = StringProperty("")

    _same: Ticket | None = None

    def reset(self) -> None:
        self._same = None
        self.offering = False
        self.error_text = ""

    def on_leave(self, *_args: object) -> None:
        self.reset()

    def refresh(self) -> None:
        lang = self.shell.lang
        form = self.services.form
        category = self.services.category(form.category)
        if category is None:
            self.shell.go_home()
            return
        phrases = [category.phrases[i].get(lang) for i in form.phrases if i < len(category.phrases)]
        if form.free_text.strip():
            phrases.append(form.free_text.strip())
        place = next(
            (p for p in self.services.config().content.places if p.code == form.place), None
        )
        not_given = message("not_given", lang)
        self.summary = "\n".join(
            [
                message("sum_category", lang, value=category.name.get(lang)),
                message(
                    "sum_what", lang, value=message("list_sep", lang).join(phrases) or not_given
                ),
                message("sum_where", lang, value=place.name.get(lang) if place else not_given),
                message("sum_phone", lang, value=ltr_run(form.masked_phone, lang) or not_given),
            ]
        )
        if self._same is not None:
            self.offer_text = message(
                "same_problem", lang, code=self._same.code, count=self._same.residents
            )

    def prompt(self) -> str:
        if self.offering:
            return self.offer_text
        return confirm_prompt(self.summary.splitlines(), self.shell.lang)

    def submit(self) -> None:
        self._guarded("storing a ticket", self._submit)

    def _submit(self) -> None:
        draft = self.services.form.to_draft(self.shell.lang)
        desk = self.services.desk
        if self._same is None and not self.offering:
            same = desk.same_problem(draft)
            if same is not None:
                self._same = same
                self.offering = True
                content_changed(self)  # Join now lies under the finger that pressed Submit
                self.refresh()
                self.shell.speak_screen()
                return
        self._finish(desk.submit(draft))

    def join(self) -> None:
        same = self._same
        if same is None:
            return
        draft = self.services.form.to_draft(self.shell.lang)
        self._guarded(
            f"adding a voice to ticket {same.code}",
            lambda: self._finish(self.services.desk.join(same.code, draft)),
        )

    def new_one(self) -> None:
        self.offering = False
        draft = self.services.form.to_draft(self.shell.lang)
        self._guarded("storing a ticket", lambda: self._finish(self.services.desk.submit(draft)))

    def _guarded(self, what: str, store: Callable[[], None]) -> None:
        """Every button that stores goes through here: a store error (a full disk) keeps the
        resident on this screen with the plain "not saved, press again" line, never a crash.
        Pressing again is safe: the draft's id makes a second store return the same ticket."""
        try:
            store()
        except Exception:
            log.exception("%s failed", what)
            self.error_text = message("save_failed", self.shell.lang)

    def _finish(self, ticket: Ticket) -> None:
        shell = self.shell
        self.services.form.clear()
        self.other("feedback_done", FeedbackDoneScreen).show(ticket)
        shell.go("feedback_done")
