"""The Echo Wall (回音壁): what was asked, what was done, and whether it was on time.

Page 1 holds the figures (this month and the last twelve), page 2 the twelve months as bars, the
pages after it the most recently solved problems, newest first. Everything comes from the local
copy of the centre's feed, so the wall works offline; it shows no names and no phone numbers.
"""

from __future__ import annotations

from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty

from kiosk.domain.answer_texts import (
    answer_block,
    dates_line,
    own_summary,
    summary_block,
    timeliness,
    wall_figures_prompt,
)
from kiosk.domain.answer_texts import wall_item_prompt as item_prompt
from kiosk.domain.figures import MonthFigures, combined
from kiosk.domain.lookup import Answer
from kiosk.domain.messages import message
from kiosk.domain.paging import paginate
from kiosk.domain.spoken import Prompt, Spoken
from kiosk.domain.text import is_rtl
from kiosk.ui import scroll_steps
from kiosk.ui.bar_chart import BarChart  # noqa: F401 (registers the kv class)
from kiosk.ui.lay_out_now import lay_out_now
from kiosk.ui.screens.base import KioskScreen

WALL_SIZE = 60  # solved problems kept on the wall
ROWS_LANDSCAPE = 1
ROWS_PORTRAIT = 1  # a Uyghur card with its answer is more than half the portrait list
FIGURE_PAGES = 2  # the figures table, then the chart
FIGURES = (
    ("fig_received", "received"),
    ("fig_solved", "solved"),
    ("fig_on_time", "solved_on_time"),
    ("fig_satisfied", "satisfied"),
)


class EchoWallScreen(KioskScreen):
    prefill = True
    page = NumericProperty(0)
    page_label = StringProperty("")
    has_prev = BooleanProperty(False)
    has_next = BooleanProperty(False)
    kind = StringProperty("figures")  # figures | chart | items
    slots = ListProperty([])  # the chart's twelve MonthFigures, oldest first
    empty_text = StringProperty("")
    more_below = BooleanProperty(False)  # the card goes on below: Next reads it first
    more_above = BooleanProperty(False)
    received = BooleanProperty(True)  # False until the centre's feed first answered: no figures

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cards: list[Any] = []
        self._items: tuple[Answer, ...] = ()
        self._first_number = 1
        self._month: MonthFigures | None = None  # this month and the last twelve, once counted
        self._year: MonthFigures | None = None
        self._header_height = 0.0

    def reset(self) -> None:
        self.page = 0

    def on_kv_post(self, base_widget: Any) -> None:
        # the columns follow the table's width, known only after a layout pass (or a display change)
        self.ids.figures.bind(width=self._resize_figures)
        scroll_steps.watch(self.ids.cards_scroll, self._update_cue)

    def _update_cue(self) -> None:
        view = self.ids.cards_scroll
        shown = self.kind == "items"
        self.more_below = shown and scroll_steps.more_below(view)
        self.more_above = shown and scroll_steps.more_above(view)

    def _resize_figures(self, *_args: Any) -> None:
        if self._month is not None:
            self._fill_figures(self.shell.lang)

    def refresh(self) -> None:
        shell = self.shell
        lang = shell.lang
        solved = self.services.lookup.solved(WALL_SIZE)
        rows = ROWS_PORTRAIT if shell.theme.portrait else ROWS_LANDSCAPE
        item_pages = max(1, -(-len(solved) // rows))
        last = FIGURE_PAGES + item_pages - 1
        self.page = min(max(0, int(self.page)), last)
        self.has_prev, self.has_next = self.page > 0, self.page < last
        self.page_label = f"{self.page + 1}/{last + 1}"
        if self.page == 0:
            self.kind = "figures"
        elif self.page == 1:
            self.kind = "chart"
        else:
            self.kind = "items"
        self.received = self.services.remote.feed_received()
        if self.kind != "items":  # counting every ticket ever pulled: not on a page turn
            months = self.services.remote.monthly(self.services.now(), months=12)
            self._month, self._year = months[-1], combined(months)
            self.slots = months
            self._fill_figures(lang)
        page = paginate(solved, rows, max(0, int(self.page) - FIGURE_PAGES))
        self._items = page.items if self.kind == "items" else ()
        self._first_number = page.index * rows + 1
        if self.kind != "items":
            self.empty_text = "" if self.received else message("wall_not_received", lang)
        else:
            self.empty_text = "" if solved else message("wall_empty", lang)
        self._fill_cards(lang)

    def _fill_figures(self, lang: str) -> None:
        theme = self.shell.theme
        rows = [("", message("this_month", lang), message("last_12_months", lang))]
        rows += [
            (message(key, lang), str(getattr(self._month, field)), str(getattr(self._year, field)))
            for key, field in FIGURES
        ]
        grid = self.ids.figures
        if not grid.children:
            for _cell in range(len(rows) * 3):
                grid.add_widget(Factory.FillLabel())
        cells = list(reversed(grid.children))
        widths = self._size_columns(grid, rows)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = cells[r * 3 + c]
                cell.text = text
                cell.halign = "center" if c else ("right" if self.shell.rtl else "left")
                number = r > 0 and c > 0
                cell.font_size = theme.font_title if number else theme.font_body
                cell.color = theme.text if r > 0 else theme.text_muted
                cell.shorten = False  # a figure's name wraps (headers) or has its width: never "…"
                cell.size_hint_x, cell.width = None, widths[c]
                # the header row as tall as its lines, the figures share the rest
                cell.size_hint_y, cell.height = (None, self._header_height) if r == 0 else (1, 1)

    def _size_columns(self, grid: Any, rows: list[tuple[str, str, str]]) -> list[float]:
        """Column widths from the words: the names on one line, this month as wide as its
        header or number, the twelve months the rest; its header may take two lines (portrait
        "近12 / 个月", "يېقىنقى / 12 ئاي") but is never cut to "…"."""
        theme = self.shell.theme
        body = CoreLabel(font_name=theme.text_font, font_size=theme.font_body)
        title = CoreLabel(font_name=theme.text_font, font_size=theme.font_title)
        names = max(body.get_extents(row[0])[0] for row in rows[1:])
        month = max(
            [body.get_extents(rows[0][1])[0]] + [title.get_extents(row[1])[0] for row in rows[1:]]
        )
        widths = [names + theme.pad, month + theme.pad]
        widths.append(max(1.0, grid.width - sum(widths)))
        one_line = body.get_extents(rows[0][2])[0] <= widths[2]
        self._header_height = body.get_extents("Hg")[1] * (1 if one_line else 2)
        return widths

    def _fill_cards(self, lang: str) -> None:
        box = self.ids.cards
        while len(self._cards) < len(self._items):
            self._cards.append(Factory.WallCard())
        box.clear_widgets()
        for card, answer in zip(self._cards, self._items, strict=False):
            category = self.services.category(answer.category)
            name = category.name.get(lang) if category else answer.category_name
            card.icon = category.icon if category else "echo-wall"
            summary = own_summary(answer, lang)
            card.heading = name + (f" · {summary}" if summary else "")
            other = summary_block(answer, lang)
            card.summary_note, card.summary = (other.note, other.text) if other else ("", "")
            card.summary_rtl = is_rtl(other.lang if other else lang)
            block = answer_block(answer, lang)
            card.answer_note, card.answer = (block.note, block.text) if block else ("", "")
            card.answer_rtl = is_rtl(block.lang if block else lang)
            card.dates = dates_line(answer, lang)
            card.timely = timeliness(answer, lang)
            card.late = answer.on_time is False
            box.add_widget(card)
        lay_out_now(box)  # the cards' words laid out first at their own width
        # After the layout pass: the scroll view may only now have its height (it was folded away
        # on the figure pages), and a position set before that leaves the card out of sight.
        scroll_steps.to_top(self.ids.cards_scroll.__self__)
        self._update_cue()

    def turn(self, step: int) -> None:
        if self.kind == "items" and scroll_steps.scroll_step(self.ids.cards_scroll, step):
            return  # the rest of this card first
        self.page += step
        self.refresh()
        self.shell.speak_screen()

    def prompt(self) -> Prompt:
        lang = self.shell.lang
        if self.kind != "items":
            if not self.received:
                return message("wall_not_received", lang)
            if self._month is None or self._year is None:
                return ""
            return wall_figures_prompt(self._month, self._year, lang)
        if not self._items:
            return message("wall_empty", lang)
        spoken = Spoken(())
        for number, answer in enumerate(self._items, start=self._first_number):
            category = self.services.category(answer.category)
            name = category.name.get(lang) if category else answer.category_name
            spoken += item_prompt(answer, lang, number=number, category_name=name)
        return spoken
