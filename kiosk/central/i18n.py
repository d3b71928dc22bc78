"""Choosing the language of a page, and looking words up in the domain's one catalogue.

The centre has no words of its own: every text it shows a person (status page, staff pages, the
promise in an Open311 answer) is a key of `kiosk.domain.messages.MESSAGES`, the catalogue the
kiosk's screens, voice and receipt read, so a ticket state is worded the same on the kiosk, on
the status page and on the staff pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from kiosk.domain.answer_texts import state_words
from kiosk.domain.messages import message
from kiosk.domain.rating import Rating
from kiosk.domain.text import Languages, is_rtl
from kiosk.domain.tickets import TicketStatus

STAFF_LANG = "zh"  # the staff pages are Chinese only for now (messages_office.py)
LANGUAGE_NAMES = Languages().labels  # each language's own name, for the language switch


def text(key: str, lang: str, **values: object) -> str:
    """The domain's text for `key` in `lang`."""
    return message(key, lang, **values)


def staff_text(key: str, **values: object) -> str:
    """A staff page's text (the templates' `w`)."""
    return message(key, STAFF_LANG, **values)


def state(status: str, rating: str | None, lang: str) -> str:
    """A stored ticket's state in the kiosk's words (re-opened after a 'not satisfied' too)."""
    rated = Rating(rating) if rating in {r.value for r in Rating} else None
    return state_words(TicketStatus(status), lang, rated)


def date(value: datetime, lang: str) -> str:
    return message("long_date", lang, year=value.year, month=value.month, day=value.day)


def direction(lang: str) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


def negotiate(
    wanted: str | None, accept_language: str | None, available: Sequence[str], default: str
) -> str:
    """`?lang=` first, then the browser's Accept-Language (by q-value), then the default."""
    if wanted in available:
        return str(wanted)
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in available and quality > 0:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else default
