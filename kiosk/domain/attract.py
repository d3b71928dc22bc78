"""The signage loop shown while nobody stands at the kiosk: what is worth seeing from afar.

Pinned notices, today's activities and the newest solved problems, in turn, each as one large
slide. Built from the same content and answers the screens use, so signage never says anything
the screens would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain.answer_texts import dates_line, timeliness
from kiosk.domain.content import Content
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.notices import visible_notices
from kiosk.domain.schedule import upcoming_days

BODY_CHARS = 90  # a slide is read from a few steps away: the start of a notice, not all of it
SOLVED_SLIDES = 3


@dataclass(frozen=True)
class Slide:
    icon: str
    title: str
    lines: tuple[str, ...]


def _shorten(text: str, limit: int = BODY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attract_slides(
    content: Content, solved: Sequence[Answer], *, now: datetime, lang: str
) -> list[Slide]:
    slides = [
        Slide("pinned", n.title.get(lang), (_shorten(n.body.get(lang)),))
        for n in visible_notices(content.notices, today=now.date())
        if n.pinned
    ]
    tz = ZoneInfo(content.community.timezone)
    today = upcoming_days(content.events, tz=tz, now=now, days=1)[0]
    if today.occurrences:
        events = []
        for occ in today.occurrences:
            room = content.room(occ.event.room)
            where = f" · {room.name.get(lang)}" if room else ""
            events.append(f"{occ.starts:%H:%M} {occ.event.title.get(lang)}{where}")
        slides.append(Slide("activities", message("attract_today", lang), tuple(events)))
    colon = "：" if lang == "zh" else ": "
    names = {c.code: c.name.get(lang) for c in content.categories}
    for answer in solved[:SOLVED_SLIDES]:
        name = names.get(answer.category, answer.category_name)
        heading = name + (f" · {answer.summary}" if answer.summary else "")
        lines = (
            message("answer_is", lang, answer=_shorten(answer.answer)) if answer.answer else "",
            " · ".join(p for p in (dates_line(answer, lang), timeliness(answer, lang)) if p),
        )
        title = message("attract_solved", lang) + colon + heading
        slides.append(Slide("echo-wall", title, tuple(line for line in lines if line)))
    return slides
