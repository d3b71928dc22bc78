"""How an answer to a resident reads on screen and aloud: look-up, rating and the Echo Wall.

The screen and the voice use the same fixed messages, so what is heard is what is shown; the voice
reads the code digit by digit and dates as words. Staff texts (answer, summary) are shown in the
resident's language when staff wrote one, else in the other with a line saying so, and spoken in
the language they are written in (kiosk.domain.answer_language, kiosk.domain.spoken).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kiosk.domain.answer_language import ShownText, in_language
from kiosk.domain.figures import MonthFigures
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.prompts import sentences, spoken_code, spoken_date
from kiosk.domain.rating import Rating
from kiosk.domain.spoken import Spoken
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


_ARABIC = re.compile(r"[\u0600-\u06ff]")


def written_in(text: str) -> str:
    """The language a staff text from an older centre is written in: Uyghur uses the Arabic
    script, everything else is taken for Chinese."""
    return "ug" if _ARABIC.search(text) else "zh"


def _texts(per_lang: Mapping[str, str], single: str) -> Mapping[str, str]:
    """Staff texts per language; an older centre's single text under the language it is in."""
    return per_lang or ({written_in(single): single} if single.strip() else {})


def shown_answer(answer: Answer, lang: str) -> ShownText | None:
    return in_language(_texts(answer.answers, answer.answer), lang)


def shown_summary(answer: Answer, lang: str) -> ShownText | None:
    return in_language(_texts(answer.summaries, answer.summary), lang)


@dataclass(frozen=True)
class StaffBlock:
    """A staff text on screen: `text` laid out in `lang` (its own language), after `note` (in
    the resident's language, "" when the text is in it)."""

    note: str
    text: str
    lang: str


def answer_block(answer: Answer, lang: str, *, none_yet: bool = False) -> StaffBlock | None:
    """The answer as shown: "答复：…" in the resident's language, else the note and the text;
    with `none_yet`, "no answer yet" instead of nothing."""
    shown = shown_answer(answer, lang)
    if shown is None:
        return StaffBlock("", message("no_answer_yet", lang), lang) if none_yet else None
    if shown.other:
        return StaffBlock(message("answer_in_other", lang), shown.text, shown.lang)
    return StaffBlock("", message("answer_is", lang, answer=shown.text), lang)


def summary_block(answer: Answer, lang: str) -> StaffBlock | None:
    """The reported problem when it is only in the other language (else it is in the heading)."""
    shown = shown_summary(answer, lang)
    if shown is None or not shown.other:
        return None
    return StaffBlock(message("summary_in_other", lang), shown.text, shown.lang)


def own_summary(answer: Answer, lang: str) -> str:
    """The reported problem when it is in the resident's language, for the heading."""
    shown = shown_summary(answer, lang)
    return shown.text if shown is not None and not shown.other else ""


_PAUSE = {"zh": "，", "ug": "، "}


def spoken_block(block: StaffBlock | None, lang: str) -> Spoken:
    """A staff block aloud: the note in the resident's voice, the text in its own."""
    if block is None:
        return Spoken(())
    return Spoken.of(
        [(sentences([block.note], lang), lang), (sentences([block.text], block.lang), block.lang)]
    )


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
    summary = own_summary(answer, lang)
    lines = [
        category_name + (f" · {summary}" if summary else ""),
        message("responsible_is", lang, who=answer.responsible.get(lang)),
        promised,
        " · ".join(p for p in (dates_line(answer, lang), timeliness(answer, lang)) if p),
    ]
    return [line for line in lines if line]


def answer_prompt(
    answer: Answer, lang: str, *, category_name: str, rated: Rating | None, can_rate: bool
) -> Spoken:
    """The look-up result aloud, in the screen's order: the state, the answer (in its own
    voice, after the note when it is not in the resident's language), the code, who, by when,
    and the rating question."""
    promised = (
        message("promised_by", lang, date=spoken_date(answer.promised, lang))
        if answer.promised and answer.status is not TicketStatus.CLOSED
        else ""
    )
    before = [state_text(answer, lang, rated)]
    after = [
        message("code_is", lang, code=spoken_code(answer.code, lang)),
        category_name,
        message("responsible_is", lang, who=answer.responsible.get(lang)),
        promised,
        dates_line(answer, lang, spoken=True),
        timeliness(answer, lang),
        thanks_text(rated, lang) if rated else (message("say_rate", lang) if can_rate else ""),
    ]
    return (
        Spoken.of([(sentences(before, lang), lang)])
        + spoken_block(answer_block(answer, lang, none_yet=True), lang)
        + Spoken.of([(sentences(after, lang), lang)])
    )


def wall_item_prompt(answer: Answer, lang: str, *, number: int, category_name: str) -> Spoken:
    """One solved problem on the wall aloud, as its card reads: the staff texts in their own
    voices."""
    summary = own_summary(answer, lang)
    heading = category_name + (_PAUSE.get(lang, ", ") + summary if summary else "")
    return (
        Spoken.of(
            [(sentences([message("say_wall_item", lang, number=number), heading], lang), lang)]
        )
        + spoken_block(summary_block(answer, lang), lang)
        + spoken_block(answer_block(answer, lang), lang)
        + Spoken.of(
            [
                (
                    sentences(
                        [dates_line(answer, lang, spoken=True), timeliness(answer, lang)], lang
                    ),
                    lang,
                )
            ]
        )
    )


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
