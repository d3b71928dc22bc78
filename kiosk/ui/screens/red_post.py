"""Red Post (红色驿站): open or closed now, the hours, what is there for a worker in a hurry.

The first line answers the sanitation worker's question (is it open, is there hot water) before
anything else; each amenity's state is a pictogram and a word, never colour alone.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk.domain.content import Amenity, AmenityStatus, RedPost
from kiosk.domain.messages import message, weekday_name
from kiosk.domain.prompts import red_post_prompt
from kiosk.domain.red_post import day_runs, hours_summary_rows, is_open, next_change
from kiosk.ui import scroll_steps
from kiosk.ui.lay_out_now import lay_out_now
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets import MirrorBox

STATUS_ICON = {
    AmenityStatus.AVAILABLE: "available",
    AmenityStatus.OUT: "out",
    AmenityStatus.BROKEN: "broken",
}


class AmenityRow(MirrorBox):
    icon = StringProperty("")
    name_text = StringProperty("")
    status = StringProperty("available")
    status_text = StringProperty("")


def hours_lines(red_post: RedPost, lang: str) -> list[str]:
    lines = []
    for days, opens, closes in hours_summary_rows(red_post.opening_hours):
        runs = []
        for first, last in day_runs(days):
            first_name = weekday_name(first, lang)
            runs.append(first_name if first == last else f"{first_name}–{weekday_name(last, lang)}")
        lines.append(f"{message('list_sep', lang).join(runs)}  {opens:%H:%M}–{closes:%H:%M}")
    return lines


class RedPostScreen(KioskScreen):
    prefill = True
    open_now = BooleanProperty(False)
    open_text = StringProperty("")
    change_text = StringProperty("")
    hours_text = StringProperty("")
    notes_text = StringProperty("")
    location_text = StringProperty("")
    more_below = BooleanProperty(False)
    more_above = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[AmenityRow] = []

    def on_kv_post(self, base_widget: Any) -> None:
        scroll_steps.watch(self.ids.scroll, self._update_cue)

    def _update_cue(self) -> None:
        self.more_below = scroll_steps.more_below(self.ids.scroll)
        self.more_above = scroll_steps.more_above(self.ids.scroll)

    def turn(self, step: int) -> None:
        """The page buttons move through the amenities and hours, a screen at a time."""
        scroll_steps.scroll_step(self.ids.scroll, step)

    def reset(self) -> None:
        scroll_steps.to_top(self.ids.scroll)

    def prompt(self) -> str:
        red_post = self.services.config().content.red_post
        lang = self.shell.lang
        return red_post_prompt(red_post, now=self.services.now(), lang=lang)

    def refresh(self) -> None:
        lang = self.shell.lang
        content = self.services.config().content
        red_post = content.red_post
        if red_post is None:
            self.open_text = self.change_text = self.hours_text = self.notes_text = ""
            self._fill(())
            return
        now = self.services.now()
        self.open_now = is_open(red_post.opening_hours, now)
        self.open_text = message("open_now" if self.open_now else "closed_now", lang)
        change = next_change(red_post.opening_hours, now)
        if change is None:
            self.change_text = ""
        elif self.open_now:
            self.change_text = message("closes_at", lang, time=f"{change:%H:%M}")
        else:
            day = (
                message("today", lang)
                if change.date() == now.date()
                else weekday_name(change.weekday(), lang)
            )
            self.change_text = message("opens_at", lang, day=day, time=f"{change:%H:%M}")
        lines = hours_lines(red_post, lang)
        self.hours_text = message("opening_hours", lang) + "\n" + "\n".join(lines)
        self.notes_text = red_post.notes.get(lang)
        room = content.room(red_post.room)
        self.location_text = room.location.get(lang) if room else ""
        self._fill(red_post.amenities, lang)
        scroll_steps.to_top(self.ids.scroll)

    def _fill(self, amenities: tuple[Amenity, ...], lang: str = "zh") -> None:
        box = self.ids.amenities
        box.clear_widgets()
        while len(self._rows) < len(amenities):
            self._rows.append(AmenityRow())
        for row, amenity in zip(self._rows, amenities, strict=False):
            row.icon = amenity.icon
            note = amenity.note.get(lang)
            row.name_text = amenity.name.get(lang)
            row.status = amenity.status.value
            status = message(f"status_{amenity.status.value}", lang)
            row.status_text = message("aside", lang, text=status, note=note) if note else status
            box.add_widget(row)
        lay_out_now(box)  # the rows' words laid out first at their own width
