"""Home: who we are, the time, the resident's controls (each a pictogram with its word) and six
big doors.

Technical status (online, waiting tickets, a refused key, printer faults) is for staff and lives
on the staff panel (kiosk/core/staff.py facts_lines); a resident sees one calm line only when it
changes what they get (no printed receipt today), and staff a small muted marker when the config
they edited did not load.
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from kiosk.domain.messages import message
from kiosk.domain.prompts import home_prompt
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.session import VOLUME_STEPS

STATUS_EVERY = 5  # seconds between looks at the printer and config (the clock: every second)
DOORS = ("notices", "activities", "feedback", "echo_wall", "red_post", "lookup")
DOOR_ICONS = {
    "notices": "notices",
    "activities": "activities",
    "feedback": "feedback",
    "echo_wall": "echo-wall",
    "red_post": "red-post",
    "lookup": "lookup",
}
LINE_EM = 1.32  # UKIJ CJK's line height (ascent + descent) in em, as the pil text provider sets it


class HomeScreen(KioskScreen):
    prefill = True
    clock_text = StringProperty("")
    clock_short = StringProperty("")  # the time alone, for the narrow portrait line
    community_name = StringProperty("")
    headline = StringProperty("")  # the name, or the calm line, or staff's marker
    headline_is_marker = BooleanProperty(False)
    config_marker = StringProperty("")  # staff's small word: the config edit did not load
    calm_line = StringProperty("")  # the one line a resident needs (no printed receipt today)
    control_height = NumericProperty(0)

    _bottom: Any = None  # the portrait controls' second row, set on the first placement

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ticker: Any = None
        self._ticks = 0

    def on_enter(self, *_args: object) -> None:
        super().on_enter()
        self.on_leave()  # never two clocks: a second one would outlive this screen
        self._ticker = Clock.schedule_interval(self._tick, 1.0)

    def _tick(self, _dt: float) -> None:
        if self.get_root_window() is None:  # this app has left the window: stop for good
            self.on_leave()
            return
        self._ticks += 1
        self.tick(status=self._ticks % STATUS_EVERY == 0)

    def on_leave(self, *_args: object) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def on_kv_post(self, base_widget: Any) -> None:
        theme = self.shell.theme
        theme.bind(portrait=lambda *_a: self.place_controls())
        for name in ("portrait", "font_body", "font_icon", "target", "pad"):
            theme.fbind(name, self._size_parts)
        self.ids.doors.fbind("size", self._size_parts)
        for name in DOORS:
            self.ids[f"door_{name}"].fbind("text", self._size_parts)
        self.place_controls()
        self._size_parts()

    def place_controls(self) -> None:
        """Landscape: all five controls on one row. Portrait (narrow): three on the first row,
        bigger text and the language on a second; two 20 mm rows cost less than a cut word."""
        ids = self.ids
        if self._bottom is None:  # a strong reference: out of the tree, ids would lose it
            self._bottom = ids.controls_bottom.__self__
        # ids hold weak proxies: move the widgets themselves.
        top, bottom = ids.controls_top.__self__, self._bottom
        bigger, language = ids.bigger_text.__self__, ids.language.__self__
        row = bottom if self.shell.theme.portrait else top
        for widget in (bigger, language):
            if widget.parent is not row:
                widget.parent.remove_widget(widget)
                row.insert(widget, 0)  # at the reading end, in this order
        box = ids.controls.__self__
        if self.shell.theme.portrait and bottom.parent is None:
            box.add_widget(bottom)
        elif not self.shell.theme.portrait and bottom.parent is not None:
            box.remove_widget(bottom)  # an empty row would still cost a gap

    def _size_parts(self, *_args: object) -> None:
        """A control holds its pictogram over one line of its word, whatever the text size; a
        portrait door holds its word's lines under a pictogram made smaller if they need room."""
        theme = self.shell.theme
        line = theme.font_body * LINE_EM
        icon = theme.font_icon * 0.75  # BigButton's pictogram when `vertical`
        self.control_height = max(theme.target, icon + line + theme.pad * 1.5)
        self._share_row(theme)
        doors = self.ids.doors
        rows = (len(DOORS) + 1) // 2
        height = (doors.height - doors.spacing[1] * (rows - 1)) / rows
        width = (doors.width - doors.spacing[0]) / 2 - 2 * theme.pad
        for name in DOORS:
            button = self.ids[f"door_{name}"]
            if not theme.portrait or not icon:
                button.icon_scale = 1.0
                continue
            room = height - theme.pad * 1.5 - line * _lines(button.text, width, theme)
            button.icon_scale = max(0.4, min(1.0, room / icon))

    def _share_row(self, theme: Any) -> None:
        """Each control as wide as its longest word needs (speech on or off, every volume
        step), so the row's width goes where the words are and a tap never resizes a button."""
        lang = self.shell.lang
        languages = self.services.config().languages
        other = languages.labels.get(languages.next_after(lang), "")
        words = {
            "repeat": ["ctl_say_again"],
            "speech": ["ctl_speech_on", "ctl_speech_off"],
            "volume": [f"ctl_volume_{step}" for step in VOLUME_STEPS],
            "bigger_text": ["ctl_bigger_text"],
        }
        for name, keys in words.items():
            texts = [message(key, lang) for key in keys]
            self.ids[name].size_hint_x = _control_width(texts, theme)
        self.ids.language.size_hint_x = _control_width([other], theme)

    def prompt(self) -> str:
        return home_prompt(self.services.config().content, self.shell.lang)

    def refresh(self) -> None:
        lang = self.shell.lang
        config = self.services.config()
        self.community_name = config.content.community.short_name.get(lang)
        self.tick()

    def tick(self, *, status: bool = True) -> None:
        """The clock every second; the printer and config (`status`) every few seconds."""
        lang = self.shell.lang
        now = self.services.now()
        short_date = message("short_date", lang, month=now.month, day=now.day)
        self.clock_short = f"{now:%H:%M}"
        self.clock_text = f"{now:%H:%M}  {short_date}"
        if status:
            self._show_status(lang)

    def _show_status(self, lang: str) -> None:
        self.config_marker = message("config_marker", lang) if self.shell.config_errors else ""
        printer = self.services.printer_state()
        broken = printer is not None and printer.fault is not None
        self.calm_line = message("calm_no_receipts", lang) if broken else ""
        # One line: what changes a resident's visit first, then staff's marker, else the name.
        self.headline = self.calm_line or self.config_marker or self.community_name
        self.headline_is_marker = not self.calm_line and bool(self.config_marker)


def _lines(text: str, width: float, theme: Any) -> int:
    """How many lines `text` takes at body size in `width` (explicit breaks, then wrapping)."""
    if width <= 0:
        return 1
    probe = CoreLabel(font_name=theme.text_font, font_size=theme.font_body)
    return sum(max(1, -(-probe.get_extents(part)[0] // int(width))) for part in text.split("\n"))


def _control_width(texts: list[str], theme: Any) -> float:
    """The width a control needs for the longest of `texts` on one line, at least a target."""
    probe = CoreLabel(font_name=theme.text_font, font_size=theme.font_body)
    widest = max(probe.get_extents(text)[0] for text in texts)
    return float(max(theme.target, widest + 2 * theme.pad + 2))
