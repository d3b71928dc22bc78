"""The feedback form a resident fills in step by step, before it becomes a stored ticket.

Plain state with the rules of each step, so the screens only draw it. A fresh `draft_id` is made
when the form is cleared: the same draft submitted twice (a double tap) is the same ticket.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from kiosk.domain.tickets import Draft, masked_phone

PHONE_MAX_DIGITS = 11  # a mainland mobile number
# What a keyboard may add to the preset phrases: with all of a category's phrases it stays far
# under what the centre takes (kiosk.domain.request_limits.MAX_DESCRIPTION), so a stored report
# is never one the centre refuses for its length.
FREE_TEXT_MAX = 1000


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class FeedbackForm:
    draft_id: str = field(default_factory=_new_id)
    category: str | None = None
    phrases: list[int] = field(default_factory=list)
    free_text: str = ""
    place: str | None = None
    phone: str = ""

    def choose_category(self, code: str) -> None:
        if code != self.category:
            self.phrases.clear()  # another category's phrases no longer apply
        self.category = code

    def toggle_phrase(self, index: int) -> None:
        if index in self.phrases:
            self.phrases.remove(index)
        else:
            self.phrases.append(index)
            self.phrases.sort()

    @property
    def says_what(self) -> bool:
        """Step 2 is done once a phrase is chosen or something is typed."""
        return bool(self.phrases) or bool(self.free_text.strip())

    def type_text(self, text: str) -> str:
        """Keep what was typed, at most FREE_TEXT_MAX characters; returns what was kept."""
        self.free_text = text[:FREE_TEXT_MAX]
        return self.free_text

    def press_digit(self, digit: str) -> None:
        if digit.isdigit() and len(digit) == 1 and len(self.phone) < PHONE_MAX_DIGITS:
            self.phone += digit

    def delete_digit(self) -> None:
        self.phone = self.phone[:-1]

    @property
    def masked_phone(self) -> str:
        return masked_phone(self.phone)

    @property
    def is_empty(self) -> bool:
        return self.category is None and not self.phone and not self.free_text

    def to_draft(self, lang: str = "") -> Draft:
        """`lang`: the language on screen, kept with the ticket for its receipt and answers."""
        if self.category is None:
            raise ValueError("no category chosen")
        return Draft(
            draft_id=self.draft_id,
            category=self.category,
            phrases=tuple(self.phrases),
            free_text=self.free_text.strip(),
            place=self.place,
            phone=self.phone,
            lang=lang,
        )

    def clear(self) -> None:
        """Forget everything (idle reset, or after a ticket is stored); the next draft is new."""
        self.draft_id = _new_id()
        self.category = None
        self.phrases = []
        self.free_text = ""
        self.place = None
        self.phone = ""
