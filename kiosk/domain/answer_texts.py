"""How an answer to a resident reads on screen and aloud: look-up, rating and the Echo Wall.

The screen and the voice use the same fixed messages, so what is heard is what is shown; the voice
reads the code digit by digit and dates as words.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.domain.figures import MonthFigures
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.prompts import sentences, spoken_code, spoken_date
from kiosk.domain.rating import Rating
from kiosk.domain.tickets import TicketStatus

RATING_KEYS = {
    Rating.SATISFIED: "rating_satisfied",
    Rating.SO_SO: "rating_so_so",
    Rating.NOT_SATISFIED: "rating_not_satisfied",
}
RATING_ICONS = {
    Rating.SATISFIED: "satisfied",
    Rating.SO_SO: "so-so",
    Rating.NOT_SATISFIED: "not-satisfied",
}


_HAN = re.compile(r"[\u4e00-\u9fff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def speakable(text: str, lang: str) -> bool:
    """Whether the voice for `lang` can read `text`: staff answer in one language only."""
    foreign = _HAN if lang != "zh" else _ARABIC
    return not foreign.search(text)


def spoken_answer(answer: Answer, lang: str) -> str:
    if not answer.answer:
        return ""
    if not speakable(answer.answer, lang):
        return message("answer_on_screen", lang)
    return message("answer_is", lang, answer=answer.answer)


def short_date(day: date, lang: str) -> str:
    return message("short_date", lang, month=day.month, day=day.day)


def state_words(status: TicketStatus, lang: str, rated: Rating | None = None) -> str:
    """A ticket's state as residents and staff read it, on the kiosk and the centre's pages alike.

    A resident's "not satisfied" re-opens a ticket; until it is closed again it reads as being
    handled again, not as new.
    """
    if status is not TicketStatus.CLOSED and rated is Rating.NOT_SATISFIED:
        return message("state_reopened", lang)
    return message(f"state_{status.value}", lang)


def state_text(answer: Answer, lang: str, rated: Rating | None = None) -> str:
    return state_words(answer.status, lang, rated)


def timeliness(answer: Answer, lang: str) -> str:
    """ "On time" or "late" for a solved ticket with a promised date; else nothing."""
    if answer.on_time is None:
        return ""
    return message("on_time" if answer.on_time else "late", lang)


def dates_line(answer: Answer, lang: str, *, spoken: bool = False) -> str:
    when = spoken_date if spoken else short_date
    if answer.solved is None:
        return ""
    return message(
        "received_solved",
        lang,
        received=when(answer.received.date(), lang),
        solved=when(answer.solved.date(), lang),
    )


def rating_text(rating: Rating, lang: str) -> str:
    return message(RATING_KEYS[rating], lang)


def thanks_text(rating: Rating, lang: str) -> str:
    parts = [message("rated_thanks", lang, rating=rating_text(rating, lang))]
    if rating.reopens:
        parts.append(message("rated_reopen", lang))
    return sentences(parts, lang)


def answer_lines(answer: Answer, lang: str, *, category_name: str) -> list[str]:
    """The facts under the code on the look-up result, one per line."""
    promised = (
        message("promised_by", lang, date=short_date(answer.promised, lang))
        if answer.promised and answer.status is not TicketStatus.CLOSED
        else ""
    )
    lines = [
        category_name + (f" · {answer.summary}" if answer.summary else ""),
        message("responsible_is", lang, who=answer.responsible.get(lang)),
        promised,
        " · ".join(p for p in (dates_line(answer, lang), timeliness(answer, lang)) if p),
    ]
    return [line for line in lines if line]


def answer_prompt(
    answer: Answer, lang: str, *, category_name: str, rated: Rating | None, can_rate: bool
) -> str:
    """The look-up result aloud: code, state, who, by when, the answer, and the rating question."""
    promised = (
        message("promised_by", lang, date=spoken_date(answer.promised, lang))
        if answer.promised and answer.status is not TicketStatus.CLOSED
        else ""
    )
    parts = [
        message("code_is", lang, code=spoken_code(answer.code, lang)),
        state_text(answer, lang, rated),
        category_name,
        message("responsible_is", lang, who=answer.responsible.get(lang)),
        promised,
        dates_line(answer, lang, spoken=True),
        timeliness(answer, lang),
        spoken_answer(answer, lang),
        thanks_text(rated, lang) if rated else (message("say_rate", lang) if can_rate else ""),
    ]
    return sentences(parts, lang)


def wall_item_prompt(answer: Answer, lang: str, *, number: int, category_name: str) -> str:
    summary = answer.summary if speakable(answer.summary, lang) else ""
    parts = [
        message("say_wall_item", lang, number=number),
        category_name + ("，" if lang == "zh" else "، ") + summary if summary else category_name,
        spoken_answer(answer, lang),
        dates_line(answer, lang, spoken=True),
        timeliness(answer, lang),
    ]
    return sentences(parts, lang)


def wall_figures_prompt(month: MonthFigures, year: MonthFigures, lang: str) -> str:
    return message(
        "say_wall_figures",
        lang,
        received=month.received,
        solved=month.solved,
        on_time=month.solved_on_time,
        satisfied=month.satisfied,
        received12=year.received,
        solved12=year.solved,
        on_time12=year.solved_on_time,
    )
