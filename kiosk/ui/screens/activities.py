"""Activities (活动安排): today and the next 7 days, a day per page, grouped by room.

What is on now and what is on next are highlighted, so a glance answers "can I go now?". A day
longer than the screen is read with the same Next button (kiosk.ui.scroll_steps), never with a
scrollbar alone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from kiosk.domain.messages import message, weekday_name
from kiosk.domain.prompts import activities_prompt
from kiosk.domain.schedule import Day, Occurrence, by_room, state_at, upcoming_days
from kiosk.ui import scroll_steps
from kiosk.ui.lay_out_now import lay_out_now
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import MirrorBox

DAYS_SHOWN = 8  # today and the next 7


class ScheduleRow(MirrorBox):
    """One line of the day: a room heading, or a time and an activity with its state."""

    time_text = StringProperty("")
    title_text = StringProperty("")
    state_text = StringProperty("")
    state = StringProperty("later")  # past / now / next / later
    heading = BooleanProperty(False)


def day_title(day: date, today: date, lang: str) -> str:
    label = message(
        "date_format", lang, month=day.month, day=day.day, weekday=weekday_name(day.weekday(), lang)
    )
    offset = (day - today).days
    if offset == 0:
        return f"{message('today', lang)} · {label}"
    if offset == 1:
        return f"{message('tomorrow', lang)} · {label}"
    return label


class ActivitiesScreen(KioskScreen):
    prefill = True
    day_index = NumericProperty(0)
    day_text = StringProperty("")
    has_prev = BooleanProperty(False)
    has_next = BooleanProperty(False)
    empty_text = StringProperty("")
    more_below = BooleanProperty(False)
    more_above = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool: list[ScheduleRow] = []
        self._day: Day | None = None
        self._now: datetime | None = None

    def reset(self) -> None:
        self.day_index = 0

    def on_kv_post(self, base_widget: Any) -> None:
        scroll_steps.watch(self.ids.scroll, self._update_cue)

    def _update_cue(self) -> None:
        self.more_below = scroll_steps.more_below(self.ids.scroll)
        self.more_above = scroll_steps.more_above(self.ids.scroll)

    def days(self, now: datetime) -> list[Day]:
        config = self.services.config()
        tz = ZoneInfo(config.content.community.timezone)
        return upcoming_days(config.content.events, tz=tz, now=now, days=DAYS_SHOWN)

    def turn(self, step: int) -> None:
        if scroll_steps.scroll_step(self.ids.scroll, step):
            return  # the rest of this day first
        self.day_index = max(0, min(DAYS_SHOWN - 1, int(self.day_index) + step))
        self.refresh()
        self.shell.speak_screen()

    def prompt(self) -> str:
        if self._day is None:
            return ""
        rooms = self.services.config().content.rooms
        lang = self.shell.lang
        return activities_prompt(self.day_text, self._day.occurrences, rooms, lang, now=self._now)

    def refresh(self) -> None:
        lang = self.shell.lang
        now = self.services.now()
        days = self.days(now)
        day = days[int(self.day_index)]
        self._day, self._now = day, now
        self.day_text = day_title(day.date, now.date(), lang)
        self.has_prev = self.day_index > 0
        self.has_next = self.day_index < len(days) - 1
        self.empty_text = "" if day.occurrences else message("no_events", lang)
        self._fill(day, now, lang)
        scroll_steps.to_top(self.ids.scroll)

    def _fill(self, day: Day, now: datetime, lang: str) -> None:
        content = self.services.config().content
        lines: list[tuple[bool, str, str, str]] = []
        for room_id, occs in by_room(day.occurrences).items():
            room = content.room(room_id)
            lines.append((True, "", room.name.get(lang) if room else room_id, "later"))
            lines.extend(self._line(occ, now, day, lang) for occ in occs)
        box = self.ids.rows
        box.clear_widgets()
        while len(self._pool) < len(lines):
            self._pool.append(ScheduleRow())
        for row, (heading, time_text, title, state) in zip(self._pool, lines, strict=False):
            row.heading, row.time_text, row.title_text, row.state = heading, time_text, title, state
            row.state_text = {"now": message("now_on", lang), "next": message("next_on", lang)}.get(
                state, ""
            )
            box.add_widget(row)
        lay_out_now(box)  # the rows' words laid out first at their own width

    @staticmethod
    def _line(occ: Occurrence, now: datetime, day: Day, lang: str) -> tuple[bool, str, str, str]:
        state = state_at(occ, now, among=day.occurrences)
        return (False, f"{occ.starts:%H:%M}–{occ.ends:%H:%M}", occ.event.title.get(lang), state)
