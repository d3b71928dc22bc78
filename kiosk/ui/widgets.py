"""Shared widgets: big pictogram buttons, labels that follow the language, mirrored rows."""

from __future__ import annotations

import math
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Rectangle
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.ui import pictogram_textures
from kiosk.ui.holding import Holding
from kiosk.ui.lay_out_now import lay_out_now
from kiosk.ui.tap_guard import content_changed
from kiosk.ui.wrapping import WrapLabel


class KLabel(WrapLabel):
    """Wrapped text in the kiosk font, aligned to the reading direction, as tall as its text."""


class StaffLabel(WrapLabel):
    """A staff text (an answer, a summary) laid out in the language it is written in, not the
    screen's: a Chinese answer on a Uyghur screen reads from the left, a Uyghur one on a Chinese
    screen from the right. Otherwise a KLabel."""

    text_rtl = BooleanProperty(False)


class FillLabel(WrapLabel):
    """Text that fills its box (for rows of fixed height), aligned to the reading direction: as
    many lines as the height holds, the last ending in "…" at a word if the text goes on."""


class FitLabel(Label):
    """One line that must be read whole (a ticket code): the font shrinks to the width rather than
    the text being cut, since a code that ends in "…" cannot be written down."""

    max_font_size = NumericProperty(0)

    def on_text(self, *_args: Any) -> None:
        self._fit()

    def on_size(self, *_args: Any) -> None:
        self._fit()

    def on_max_font_size(self, *_args: Any) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.max_font_size:
            return
        if not self.text or self.width <= 1:
            self.font_size = self.max_font_size
            return
        probe = CoreLabel(font_name=self.font_name, font_size=self.max_font_size)
        wide = probe.get_extents(self.text)[0]
        # Kivy wraps a line that fills it exactly (`padding` is [left, top, right, bottom]: the
        # older `padding_x` is deprecated and logs a warning each time it is read)
        room = self.width - self.padding[0] - self.padding[2] - 2
        # Whole pixels, rounded down: Pillow draws at an integer size, and one rounded up would
        # be a little wider than measured and wrap ("1/" over "5").
        fitted = self.max_font_size * min(1.0, room / wide) if wide else self.max_font_size
        self.font_size = max(1, math.floor(fitted))


class Pictogram(Label):
    """One pictogram: the kiosk's own drawing (a white PNG) tinted with `color`, or, for a name
    not drawn yet, its Font Awesome glyph as text.

    `color` is the text colour of where the pictogram stands, so a drawing keeps the 7:1 contrast
    the words beside it have. A drawing is a `font_size` square (kv sets the size); a glyph is as
    large as its text. The PNG is 256 px, box-filtered to the size it is drawn at
    (kiosk.ui.pictogram_textures), so it stays smooth at 11 mm on any panel.
    """

    icon = StringProperty("")
    drawn = StringProperty("")  # the name drawn: `icon`, mirrored in right-to-left (kv)
    source = StringProperty("")  # the drawing's PNG, "" for a glyph (kv: icons.picture)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        with self.canvas.after:
            self._tint = Color(0, 0, 0, 0)
            self._picture = Rectangle()
        for name in ("source", "pos", "size", "color", "disabled", "disabled_color"):
            self.fbind(name, self._draw)
        self._draw()

    def _draw(self, *_args: Any) -> None:
        side = min(self.width, self.height)
        if not self.source or side < 2:
            # Nothing to draw, or no room yet: a widget starts at size 0 until its row lays it
            # out, and a texture for that would read and scale the whole PNG for nothing (half
            # the home screen's drawings were made twice, ~1 ms each, before its first frame).
            self._tint.rgba = (0, 0, 0, 0)
            self._picture.texture = None
            return
        self._picture.texture = pictogram_textures.texture(self.source, side)
        self._picture.size = (side, side)
        # x and y, not center_x/center_y: those aliases may not have caught up when pos fires
        self._picture.pos = (self.x + (self.width - side) / 2, self.y + (self.height - side) / 2)
        self._tint.rgba = self.disabled_color if self.disabled else self.color


class IconLabel(Pictogram):
    """A pictogram standing alone (a status, a category), in the body text's colour."""


class BigButton(ButtonBehavior, Widget):
    """A touch target of at least 20 mm with a pictogram and a text label.

    `kind` picks colours; `active` marks a chosen toggle with a thick border as well as a colour, so
    the choice does not depend on colour vision.
    """

    icon = StringProperty("")
    text = StringProperty("")
    kind = OptionProperty("primary", options=["primary", "secondary", "toggle", "plain"])
    active = BooleanProperty(False)
    vertical = BooleanProperty(False)  # pictogram above the text (portrait grids)
    icon_scale = NumericProperty(1.0)  # a pictogram that is the message itself (rating faces)
    value = ObjectProperty(None, allownone=True)  # what the button stands for (a code, an index)
    bg = ListProperty([0, 0, 0, 1])
    fg = ListProperty([1, 1, 1, 1])


class MirrorBox(Holding, BoxLayout):
    """A row whose order flips for right-to-left languages (Back sits on the right in Uyghur).

    Only a horizontal box is mirrored; one that turns vertical (portrait) returns to its own order.
    """

    rtl = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        self._mirrored = False
        super().__init__(**kwargs)
        self.fbind("rtl", self._apply)
        self.fbind("orientation", self._apply)

    def add_widget(self, widget: Any, index: int = 0, *args: Any, **kwargs: Any) -> None:
        """In reading order: `index` counts from the reading end (0: last), also while the row
        is held reversed for a right-to-left language (a row made while Uyghur is on gets its
        kv children after `rtl` was already set)."""
        if self._mirrored:
            index = len(self.children) - index
        super().add_widget(widget, index, *args, **kwargs)

    def insert(self, widget: Any, index: int = 0) -> None:
        """`add_widget` in reading order (kept for its callers)."""
        self.add_widget(widget, index)

    def _apply(self, *_args: object) -> None:
        if self.put_off():  # on a hidden screen: mirrored when it shows (holding.py)
            return
        want = self.rtl and self.orientation == "horizontal"
        if want == self._mirrored:
            return
        kids = list(self.children)
        self.clear_widgets()
        for kid in kids:
            super().add_widget(kid)
        self._mirrored = want

    def catch_up(self) -> None:
        self._apply()


class NavBar(BoxLayout):
    """Back, the screen's title (tap it to hear the prompt again) and Home.

    `shell` (the screen's, set in each screen's kv) takes the taps; `portrait` follows the theme.
    """

    title = StringProperty("")
    shell = ObjectProperty(None)
    portrait = BooleanProperty(False)

    def on_kv_post(self, base_widget: Any) -> None:
        self.fbind("portrait", lambda *_a: self.place_title())
        self.place_title()

    def place_title(self) -> None:
        # ids hold weak proxies: compare the widgets themselves.
        title, row = self.ids.repeat.__self__, self.ids.row.__self__
        if self.portrait and title.parent is row:
            row.remove_widget(title)
            self.add_widget(title)
        elif not self.portrait and title.parent is not row:
            self.remove_widget(title)
            row.add_widget(title, index=1)  # between Back and Home, whatever the direction


class Pager(MirrorBox):
    """Previous / next buttons with a position label: paging for hands that do not swipe well.

    A column beside the content in landscape, a row under it in portrait (see widgets.kv).
    """

    label = StringProperty("")
    prev_text = StringProperty("")
    next_text = StringProperty("")
    has_prev = BooleanProperty(False)
    has_next = BooleanProperty(False)

    __events__ = ("on_prev", "on_next")

    # Kivy runs these after the screen's own handlers (the turn itself): new buttons now lie
    # under the finger, so the tap guard starts again, as after a screen change.
    def on_prev(self) -> None:
        content_changed(self)

    def on_next(self) -> None:
        content_changed(self)


class ButtonPool:
    """Big buttons made once and relabelled on every refresh: pil-rendered labels are slow to build.

    Each item is (value, icon, text); a tap calls `on_tap(button)` with `button.value` set.
    """

    def __init__(self, on_tap: Any, *, kind: str = "primary") -> None:
        self._on_tap = on_tap
        self._kind = kind
        self._buttons: list[BigButton] = []

    @property
    def buttons(self) -> list[BigButton]:
        return list(self._buttons)

    def fill(
        self,
        box: Any,
        items: list[tuple[Any, str, str]],
        *,
        vertical: bool = False,
        active: Any = None,
    ) -> list[BigButton]:
        while len(self._buttons) < len(items):
            button = BigButton(kind=self._kind)
            button.bind(on_release=self._on_tap)
            self._buttons.append(button)
        used = self._buttons[: len(items)]
        for button, (value, icon, text) in zip(used, items, strict=True):
            button.value = value
            button.icon = icon
            button.text = text
            button.vertical = vertical
            button.active = bool(active(value)) if active is not None else False
        # Re-adding the same buttons would move them for a frame and lose a touch in progress.
        if [child.__self__ for child in reversed(box.children)] != used:
            box.clear_widgets()
            for button in used:
                box.add_widget(button)
            lay_out_now(box)  # the buttons' words laid out first at their own width
        return used


DIGITS = "1234567890"
DELETE = "delete"
ENTER = "next"


class NumberPad(GridLayout):
    """Ten digit keys, Delete and one action key (Next, OK): the phone number and the staff PIN.

    `fill()` (re)labels the keys; a tap dispatches `on_key` with the digit, DELETE or ENTER.
    Set `cols` and `spacing` where it is used: the pad's shape follows the space it has.
    """

    __events__ = ("on_key",)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool = ButtonPool(lambda button: self.dispatch("on_key", button.value), kind="plain")

    def fill(self, delete_text: str, enter_text: str) -> None:
        # Text only: a 20 mm key holds two characters at body size, not a pictogram as well.
        keys = [(d, "", d) for d in DIGITS]
        keys += [(DELETE, "", delete_text), (ENTER, "", enter_text)]
        for button in self._pool.fill(self, keys):
            button.kind = "primary" if button.value == ENTER else "plain"

    @property
    def enter_key(self) -> BigButton:
        return next(b for b in self._pool.buttons if b.value == ENTER)

    def on_key(self, value: str) -> None:
        pass
