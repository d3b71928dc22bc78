"""The signage loop shown while nobody stands at the kiosk: what is worth seeing from afar.

Pinned notices, today's activities and the newest solved problems, in turn, each as one large
slide. Built from the same content and answers the screens use, so signage never says anything
the screens would not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.domain.answer_texts import (
    StaffBlock,
    answer_block,
    dates_line,
    own_summary,
    summary_block,
    timeliness,
)
from kiosk.domain.content import Content
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.notices import visible_notices
from kiosk.domain.schedule import upcoming_days

SOLVED_SLIDES = 3


# a sentence with the spaces after it: ends at 。！？!?؟ or at a full stop before a space
_SENTENCE = re.compile(r".+?(?:[。！？!?؟]|\.(?=\s)|$)\s*")
_CLAUSE = re.compile(r".+?(?:[，；：,;:،؛]|$)\s*")  # where a long sentence may be cut


def sentences(text: str) -> list[tuple[float, str]]:
    """The text's sentences, each with the number of the line (paragraph) it belongs to."""
    return [(n, s) for n, line in enumerate(text.split("\n")) for s in _SENTENCE.findall(line)]


def join_sentences(parts: list[tuple[float, str]]) -> str:
    """Sentences back into text: those of one line run on, lines keep their breaks."""
    lines: dict[float, str] = {}
    for number, sentence in parts:
        lines[number] = lines.get(number, "") + sentence
    return "\n".join(line.strip() for line in lines.values())


def clauses(sentence: str) -> list[str]:
    """A sentence too long for a page, cut after its commas, semicolons and colons."""
    return _CLAUSE.findall(sentence)


@dataclass(frozen=True)
class Slide:
    icon: str
    title: str
    lines: tuple[str, ...]


def _whole(text: str) -> str:
    """The text on one paragraph, never cut: a notice ending in "…" leaves the passer-by
    guessing; the screen shows a long one in pages instead."""
    return " ".join(text.split())


def attract_slides(
    content: Content, solved: Sequence[Answer], *, now: datetime, lang: str
) -> list[Slide]:
    slides = [
        Slide("pinned", n.title.get(lang), (_whole(n.body.get(lang)),))
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
        summary = own_summary(answer, lang)
        heading = name + (f" · {summary}" if summary else "")
        lines = (
            *_block_lines(summary_block(answer, lang)),
            *_block_lines(answer_block(answer, lang)),
            " · ".join(p for p in (dates_line(answer, lang), timeliness(answer, lang)) if p),
        )
        title = message("attract_solved", lang) + colon + heading
        slides.append(Slide("echo-wall", title, tuple(line for line in lines if line)))
    return slides


def _block_lines(block: StaffBlock | None) -> tuple[str, ...]:
    """A staff text's lines: the note saying it is only in the other language, then the text."""
    if block is None:
        return ()
    return tuple(line for line in (block.note, _whole(block.text)) if line)
