"""What the kiosk says aloud on each screen, in the resident's language. Pure functions, no I/O.

Spoken texts are built from the same fixed messages and staff texts the screen shows, but
written for the ear: times as "8点30分" rather than "08:30", ticket codes digit by digit in
groups, no symbols a voice would spell out. A phone number being typed is never read aloud,
only how many digits were entered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from kiosk.domain.content import Category, Content, Notice, Place, RedPost, Room
from kiosk.domain.messages import message, weekday_name
from kiosk.domain.red_post import day_runs, hours_summary_rows, is_open, next_change
from kiosk.domain.schedule import Occurrence, state_at
from kiosk.domain.text import ltr_run
from kiosk.domain.ticket_code import spoken_groups
from kiosk.domain.tickets import Ticket

HOME_DOORS = ("notices", "activities", "feedback", "echo_wall", "red_post", "lookup")

# 幺 (yāo) for one, as Chinese speakers read codes and phone numbers: 一 (yī) and 七 (qī) are
# easily confused, and espeak-ng pronounces 幺 clearly.
_DIGITS = {
    "zh": ("零", "幺", "二", "三", "四", "五", "六", "七", "八", "九"),
    "ug": ("نۆل", "بىر", "ئىككى", "ئۈچ", "تۆت", "بەش", "ئالتە", "يەتتە", "سەككىز", "توققۇز"),
}
_UG_TENS = (
    "", "ئون", "يىگىرمە", "ئوتتۇز", "قىرىق", "ئەللىك", "ئاتمىش", "يەتمىش", "سەكسەن", "توقسان",
)  # fmt: skip
_ZH_UNITS = ("", "一", "两", "三", "四", "五", "六", "七", "八", "九")
_LIST = {"zh": "、", "ug": "، "}  # between items of a list
_PAUSE = {"zh": "，", "ug": "، "}  # a short pause inside a sentence
_ITEMS = {"zh": "；", "ug": "؛ "}  # between longer items (notices, activities)
_COLON = {"zh": "：", "ug": ": "}
_ENDS = ("。", "！", "？", "：", ".", "!", "?", "؟", ":")
_MASKED = re.compile(r"\u2066?[•*]+\d*\u2069?")  # •••••••5678, isolated in RTL text


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang, table["zh"])


def _clean(text: str, lang: str) -> str:
    """Screen text made speakable: line breaks and middle dots become pauses."""
    text = text.replace("\n", " ").replace(" · ", _pick(_PAUSE, lang)).replace("·", " ")
    return re.sub(r"\s+", " ", text).strip()


def sentences(parts: Iterable[str], lang: str) -> str:
    """Non-empty parts as sentences, each closed with a full stop unless it has its own end."""
    stop, gap = ("。", "") if lang == "zh" else (".", " ")
    out = []
    for part in parts:
        part = _clean(part, lang)
        if part:
            out.append(part if part.endswith(_ENDS) else part + stop)
    return gap.join(out)


def _join(items: Iterable[str], lang: str, table: dict[str, str] = _LIST) -> str:
    return _pick(table, lang).join(_clean(item, lang) for item in items if item.strip())


def spoken_code(code: str, lang: str) -> str:
    """A ticket code digit by digit as words, its groups (as on screen) separated by pauses."""
    words = _DIGITS.get(lang, _DIGITS["zh"])
    inner = "" if lang == "zh" else " "
    groups = [
        inner.join(words[int(d)] for d in group if d.isdigit()) for group in spoken_groups(code)
    ]
    return _pick(_PAUSE, lang).join(g for g in groups if g)


def count_words(n: int, lang: str) -> str:
    """A small count (0-99) in words: "十一" / "ئون بىر"; larger ones as digits."""
    if not 0 <= n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    if lang == "ug":
        if n == 0:
            return _DIGITS["ug"][0]
        return " ".join(w for w in (_UG_TENS[tens], _DIGITS["ug"][units] if units else "") if w)
    if n == 0:
        return "零"
    if tens == 0:
        return _ZH_UNITS[units]
    head = "" if tens == 1 else ("二" if tens == 2 else _ZH_UNITS[tens])
    return head + "十" + ("" if units == 0 else "一二三四五六七八九"[units - 1])


def spoken_clock(moment: time | datetime, lang: str) -> str:
    if moment.minute == 0:
        return message("say_hour", lang, hour=moment.hour)
    return message("say_hour_minute", lang, hour=moment.hour, minute=f"{moment.minute:02d}")


def spoken_date(day: date, lang: str) -> str:
    weekday = weekday_name(day.weekday(), lang)
    return message("date_format", lang, month=day.month, day=day.day, weekday=weekday)


def home_prompt(content: Content, lang: str, doors: Sequence[str] = HOME_DOORS) -> str:
    names = _join((message(door, lang) for door in doors), lang)
    return message("say_home", lang, community=content.community.short_name.get(lang), doors=names)


def notices_prompt(
    notices_on_page: Sequence[Notice], lang: str, *, page: int = 1, pages: int = 1
) -> str:
    if not notices_on_page:
        return sentences([message("notices", lang), message("no_notices", lang)], lang)
    titles = _join((_notice_title(n, lang) for n in notices_on_page), lang, _ITEMS)
    page_text = message("say_page", lang, page=page, pages=pages) if pages > 1 else ""
    return sentences([message("say_notices", lang, titles=titles), page_text], lang)


def notice_detail_prompt(notice: Notice, lang: str) -> str:
    return sentences([_notice_title(notice, lang), notice.body.get(lang)], lang)


def _notice_title(notice: Notice, lang: str) -> str:
    urgent = message("urgent", lang) + _pick(_PAUSE, lang) if notice.urgent else ""
    return urgent + notice.title.get(lang)


def activities_prompt(
    day_title: str,
    occurrences: Sequence[Occurrence],
    rooms: Iterable[Room],
    lang: str,
    *,
    now: datetime | None = None,
) -> str:
    """The day's activities in order; with `now`, what is on now and next is said first."""
    if not occurrences:
        return sentences([message("activities", lang), day_title, message("no_events", lang)], lang)
    names = {room.id: room.name.get(lang) for room in rooms}
    events = []
    for occ in occurrences:
        span = message(
            "say_span", lang, start=spoken_clock(occ.starts, lang), end=spoken_clock(occ.ends, lang)
        )
        room = names.get(occ.event.room, "")
        line = message("say_event", lang, span=span, room=room, title=occ.event.title.get(lang))
        state = state_at(occ, now, among=occurrences) if now is not None else "later"
        if state in ("now", "next"):
            line = message(f"{state}_on", lang) + _pick(_PAUSE, lang) + line
        events.append(line)
    return sentences([message("activities", lang), day_title, _join(events, lang, _ITEMS)], lang)


def red_post_prompt(red_post: RedPost | None, *, now: datetime, lang: str) -> str:
    """Open or closed now and until when, what is there, the hours, then the staff's notes."""
    if red_post is None:
        return message("red_post", lang)
    hours = red_post.opening_hours
    open_now = is_open(hours, now)
    parts = [message("red_post", lang), message("open_now" if open_now else "closed_now", lang)]
    change = next_change(hours, now)
    if change is not None:
        clock = spoken_clock(change, lang)
        if open_now:
            parts.append(message("closes_at", lang, time=clock))
        else:
            today = change.date() == now.date()
            day = message("today", lang) if today else weekday_name(change.weekday(), lang)
            parts.append(message("opens_at", lang, day=day, time=clock))
    pause = _pick(_PAUSE, lang)
    things = []
    for amenity in red_post.amenities:
        status = message(f"status_{amenity.status.value}", lang)
        note = amenity.note.get(lang)
        things.append(amenity.name.get(lang) + pause + status + (pause + note if note else ""))
    if things:
        parts.append(message("amenities", lang) + _pick(_COLON, lang) + _join(things, lang, _ITEMS))
    rows = []
    for days, opens, closes in hours_summary_rows(hours):
        runs = [_day_run(first, last, lang) for first, last in day_runs(days)]
        span = message(
            "say_span", lang, start=spoken_clock(opens, lang), end=spoken_clock(closes, lang)
        )
        rows.append(_join(runs, lang) + pause + span)
    if rows:
        parts.append(
            message("opening_hours", lang) + _pick(_COLON, lang) + _join(rows, lang, _ITEMS)
        )
    parts.append(red_post.notes.get(lang))
    return sentences(parts, lang)


def _day_run(first: int, last: int, lang: str) -> str:
    if first == last:
        return weekday_name(first, lang)
    first_name, last_name = weekday_name(first, lang), weekday_name(last, lang)
    return message("say_day_range", lang, first=first_name, last=last_name)


def category_prompt(categories: Sequence[Category], lang: str) -> str:
    return message("say_category", lang, names=_join((c.name.get(lang) for c in categories), lang))


def phrases_prompt(category: Category, lang: str) -> str:
    phrases = _join((p.get(lang) for p in category.phrases), lang)
    return message("say_what", lang, category=category.name.get(lang), phrases=phrases)


def places_prompt(places: Sequence[Place], lang: str) -> str:
    return message("say_where", lang, places=_join((p.name.get(lang) for p in places), lang))


def phone_prompt(digit_count: int, lang: str) -> str:
    """Step 4. Only how many digits were typed is said, in words: never the digits."""
    if digit_count <= 0:
        parts = ["say_phone", "fb_phone_hint", "say_phone_private"]
        return sentences((message(key, lang) for key in parts), lang)
    return message("say_phone_digits", lang, count=count_words(digit_count, lang))


def confirm_prompt(summary_lines: Sequence[str], lang: str) -> str:
    """Step 5: the confirm screen's summary lines, the phone number read back before the
    resident submits it: how many digits and the last four ("共11位，尾号5678").

    Why not every digit: the loudspeaker is heard across a public hall, and a whole number read
    aloud is the one thing the screen never shows (DESIGN.md 6). The last four are already on
    the screen and are what a resident checks a number by (banks read back the same); with the
    count they catch a missed or doubled digit without telling a bystander the number.
    """
    lines = [_MASKED.sub(lambda m: _phone_check(m.group(0), lang), line) for line in summary_lines]
    summary = sentences(lines, lang)
    return message("say_confirm", lang, summary=summary)


def _phone_check(masked: str, lang: str) -> str:
    last = "".join(c for c in masked if c.isdigit())
    if not last:
        return message("say_phone_given", lang)
    count = count_words(len(masked), lang)
    return message("say_phone_check", lang, count=count, last4=spoken_code(last, lang))


def submitted_text(created: datetime, lang: str) -> str:
    """When a ticket was submitted, as the done screen shows it: "12月4日 15:15"."""
    day = message("short_date", lang, month=created.month, day=created.day)
    return message("date_time", lang, date=day, time=ltr_run(f"{created:%H:%M}", lang))


def spoken_phone(phone: str, lang: str) -> str:
    """A phone number digit by digit, its groups ("0996-7102345") separated by pauses."""
    words = _DIGITS.get(lang, _DIGITS["zh"])
    inner = "" if lang == "zh" else " "
    groups = ("".join(c if c.isdigit() else " " for c in phone)).split()
    return _pick(_PAUSE, lang).join(inner.join(words[int(d)] for d in g) for g in groups)


def ticket_prompt(
    ticket: Ticket, lang: str, *, category: Category | None = None, phone: str = ""
) -> str:
    """The receipt aloud, as the done screen shows it: the code twice, digit by digit, the
    category, who answers, by when, when it was submitted and the office's phone number."""
    code = spoken_code(ticket.code, lang)
    day, clock = spoken_date(ticket.created.date(), lang), spoken_clock(ticket.created, lang)
    when = message("date_time", lang, date=day, time=clock)
    return sentences(
        [
            message("say_done", lang),
            message("say_code", lang, code=code),
            message("say_code_again", lang, code=code),
            message("receipt_category", lang, value=category.name.get(lang)) if category else "",
            message("responsible_is", lang, who=ticket.responsible.get(lang)),
            message("receipt_promised", lang, date=spoken_date(ticket.promised, lang)),
            message("submitted_at", lang, when=when),
            message("office_phone", lang, phone=spoken_phone(phone, lang)) if phone else "",
        ],
        lang,
    )


def idle_warning_prompt(seconds: float, lang: str) -> str:
    countdown = message("idle_countdown", lang, seconds=round(seconds))
    parts = [message("idle_question", lang), countdown, message("say_idle_continue", lang)]
    return sentences(parts, lang)
