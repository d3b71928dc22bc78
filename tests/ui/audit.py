"""The screen audit: what the window really draws, checked against DESIGN.md 6.

One frame is read back twice from the GPU, once whole and once with every text hidden, so each
label's contrast is measured against what is really behind it (a card, a button, the scrim of a
popup). Where each text sits is its texture's ink, not its widget's box, so a line drawn over a
neighbour counts even when the boxes were laid out apart. The lines Kivy laid out are checked for
what a reader meets: text cut or ellipsised, Chinese lines that start with closing punctuation or
leave one character alone, Uyghur words split mid-word, arrows that do not follow the reading
direction, and touch targets under 20 mm or closer than 6 mm.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kivy.core.window import Window
from kivy.graphics.opengl import GL_RGB, GL_UNSIGNED_BYTE, glReadPixels
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView
from kivy.uix.stencilview import StencilView
from PIL import Image

from kiosk.ui import palette, theme
from kiosk.ui.icons import MIRRORED
from kiosk.ui.widgets import BigButton, Pictogram

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in window pixels

# Closing marks may not start a line, opening marks may not end one (GB/T 15834, JIS X 4051).
CLOSING = set("、，。．；：！？）】」』〉》〕〗’”…%,.;:!?)]}·‰℃")
OPENING = set("（【「『〈《〔〖‘“([{")
# Icons that point along the reading direction: in Uyghur only the mirrored one may be drawn.
POINTS_LTR = frozenset(MIRRORED)
TEXT_CONTRAST = 7.0
ICON_CONTRAST = 3.0  # WCAG 1.4.11 for pictures that carry meaning
TOLERANCE = 0.05  # 8-bit colour rounding on a 7.0:1 palette pair


@dataclass(frozen=True)
class Finding:
    check: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.where}: {self.what}"


@dataclass
class Leaf:
    """A text or a pictogram as drawn: its widget, its ink on the window, the button it is on."""

    widget: Label
    ink: Box
    button: Any | None
    clip: Box | None  # the viewport of a scrolling ancestor, if any

    @property
    def is_icon(self) -> bool:
        return isinstance(self.widget, Pictogram)

    @property
    def name(self) -> str:
        if isinstance(self.widget, Pictogram):
            return f"icon {self.widget.icon!r}"
        text = " ".join(source_text(self.widget).split())
        return repr(text if len(text) <= 24 else text[:23] + "…")


def source_text(label: Label) -> str:
    """What the label was asked to show, before any line breaks the kiosk put in for Kivy."""
    return str(getattr(label, "source_text", "") or label.text)


# --- reading the frame --------------------------------------------------------------------------


def read_frame() -> tuple[bytes, int, int]:
    """RGB rows bottom-up, as OpenGL keeps them: row 0 is Kivy's y = 0."""
    width, height = (int(v) for v in Window.size)
    return bytes(glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE)), width, height


def _visible(widget: Any) -> bool:
    node = widget
    while node is not None and node is not Window:
        if getattr(node, "opacity", 1) <= 0.01:
            return False
        node = node.parent
    return widget.get_root_window() is not None


def top_layer() -> Any:
    """A popup (the idle warning) hides what is under it: audit only the popup then."""
    modals = [w for w in Window.children if isinstance(w, ModalView)]
    return modals[0] if modals else Window.children[-1]


def _window_box(widget: Any, x: float, y: float, w: float, h: float) -> Box:
    x0, y0 = widget.to_window(x, y)
    return (x0, y0, x0 + w, y0 + h)


def _clip_of(widget: Any) -> Box | None:
    node = widget.parent
    clip: Box | None = None
    while node is not None and node is not Window:
        if isinstance(node, StencilView):
            box = _window_box(node, node.x, node.y, node.width, node.height)
            clip = box if clip is None else _intersection(clip, box) or (0, 0, 0, 0)
        node = node.parent
    return clip


def _button_of(widget: Any) -> Any | None:
    node = widget.parent
    while node is not None and node is not Window:
        if isinstance(node, ButtonBehavior):
            return node
        node = node.parent
    return None


def _ink(label: Label) -> Box | None:
    """The box of the label's inked pixels on the window (None: nothing drawn)."""
    texture = label.texture
    if texture is None or not label.text.strip():
        return None
    if isinstance(label, Pictogram) and label.source:
        side = min(label.width, label.height)
        x = label.x + (label.width - side) / 2
        y = label.y + (label.height - side) / 2
        return _window_box(label, x, y, side, side)
    width, height = texture.size
    alpha = Image.frombytes("RGBA", (width, height), texture.pixels).getchannel("A")
    inked = alpha.getbbox()  # left, top, right, bottom; a text texture's first row is its top
    if inked is None:
        return None
    left, top, right, bottom = inked
    tx = int(label.center_x - width / 2.0)
    ty = int(label.center_y - height / 2.0)
    return _window_box(label, tx + left, ty + height - bottom, right - left, bottom - top)


def leaves(layer: Any) -> list[Leaf]:
    found = []
    for widget in layer.walk(restrict=True):
        if not isinstance(widget, Label) or not _visible(widget):
            continue
        ink = _ink(widget)
        if ink is None:
            continue
        found.append(Leaf(widget=widget, ink=ink, button=_button_of(widget), clip=_clip_of(widget)))
    return found


def buttons(layer: Any) -> list[tuple[Any, Box]]:
    """Every button a finger can reach, as much of it as shows: a button scrolled out of its
    list's view is not under the finger, nor is the part of one cut by the view's edge."""
    found = []
    for widget in layer.walk(restrict=True):
        if isinstance(widget, ButtonBehavior) and _visible(widget) and not widget.disabled:
            box: Box | None = _window_box(widget, widget.x, widget.y, *widget.size)
            clip = _clip_of(widget)
            if clip is not None and box is not None:
                box = _intersection(box, clip)
            if box is not None:
                found.append((widget, box))
    return found


# --- geometry ---------------------------------------------------------------------------------


def _intersection(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[2] - box[0] > 1 and box[3] - box[1] > 1 else None


def _inside(inner: Box, outer: Box, slack: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _gap(a: Box, b: Box) -> float:
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])


def _shown(leaf: Leaf) -> Box | None:
    """What of the leaf a resident can see: its ink inside any scrolling viewport."""
    return leaf.ink if leaf.clip is None else _intersection(leaf.ink, leaf.clip)


# --- the checks ---------------------------------------------------------------------------------


def check_frame(where: str, *, rtl: bool, px_per_mm: float) -> list[Finding]:
    """Every check on the frame now on the window."""
    layer = top_layer()
    found = leaves(layer)
    window: Box = (0, 0, float(Window.width), float(Window.height))
    findings: list[Finding] = []
    findings += _check_placement(where, found, buttons(layer), window)
    findings += _check_contrast(where, layer, found)
    for leaf in found:
        if leaf.is_icon:
            if rtl and isinstance(leaf.widget, Pictogram) and leaf.widget.drawn in POINTS_LTR:
                findings.append(Finding("mirror", where, f"{leaf.name} points the wrong way"))
            continue
        findings += [Finding("cut", where, f"{leaf.name}: {w}") for w in cut_text(leaf.widget)]
        findings += [Finding("line-break", where, w) for w in line_break_faults(leaf.widget)]
    if rtl:
        findings += _check_reading_order(where, found)
    findings += _check_targets(where, layer, px_per_mm)
    return findings


def _check_placement(
    where: str, found: list[Leaf], targets: list[tuple[Any, Box]], window: Box
) -> list[Finding]:
    findings = []
    for leaf in found:
        shown = _shown(leaf)
        if shown is None:
            continue  # scrolled out of view: paged content, not a cut
        if not _inside(leaf.ink if leaf.clip is None else leaf.clip, window):
            findings.append(Finding("off-screen", where, f"{leaf.name} runs off the window"))
        if leaf.button is not None:
            own = _window_box(leaf.button, leaf.button.x, leaf.button.y, *leaf.button.size)
            if not _inside(shown, own):
                findings.append(Finding("overlap", where, f"{leaf.name} spills out of its button"))
        for button, box in targets:
            if button is leaf.button or _is_ancestor(leaf.widget, button):
                continue
            if _intersection(shown, box):
                name = getattr(button, "text", "") or type(button).__name__
                findings.append(Finding("overlap", where, f"{leaf.name} is drawn over {name!r}"))
    for a, b in itertools.combinations(found, 2):
        sa, sb = _shown(a), _shown(b)
        if sa is not None and sb is not None and _intersection(sa, sb):
            findings.append(Finding("overlap", where, f"{a.name} and {b.name} overlap"))
    return findings


def _is_ancestor(widget: Any, maybe: Any) -> bool:
    node = widget.parent
    while node is not None and node is not Window:
        if node is maybe:
            return True
        node = node.parent
    return False


def _check_contrast(where: str, layer: Any, found: list[Leaf]) -> list[Finding]:
    whole = frame_image()
    hidden = [leaf.widget for leaf in found]
    saved = [w.opacity for w in hidden]
    for widget in hidden:
        widget.opacity = 0
    _redraw()
    behind = frame_image()
    for widget, opacity in zip(hidden, saved, strict=True):
        widget.opacity = opacity  # drawn again with the next frame; nothing reads this one
    findings = []
    for leaf in found:
        shown = _shown(leaf)
        if shown is None:
            continue
        ratio = drawn_contrast(whole, behind, shown)
        goal = ICON_CONTRAST if leaf.is_icon else TEXT_CONTRAST
        if ratio + TOLERANCE < goal:
            findings.append(Finding("contrast", where, f"{leaf.name} is {ratio:.1f}:1"))
    return findings


def frame_image() -> Image.Image:
    """The frame as an image whose row y is Kivy's y (OpenGL reads bottom-up)."""
    data, width, height = read_frame()
    return Image.frombytes("RGB", (width, height), data)


def _redraw() -> None:
    from kivy.base import EventLoop

    EventLoop.idle()


def drawn_contrast(whole: Image.Image, behind: Image.Image, box: Box) -> float:
    """The text's strongest colour against what is behind it most: the contrast of its fully
    inked strokes (antialiased edges lie between the two and never exceed it)."""
    crop = (int(box[0]), int(box[1]), int(box[2]) + 1, int(box[3]) + 1)
    ground = behind.crop(crop).getcolors(maxcolors=1 << 16) or []
    inked = whole.crop(crop).getcolors(maxcolors=1 << 16) or []
    if not ground or not inked:
        return 1.0
    background = max(ground)[1]
    grounds = {colour for _, colour in ground}
    candidates = [colour for count, colour in inked if colour not in grounds and count >= 2]
    if not candidates:
        return 1.0
    lb = _luminance(background)
    return max(
        (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
        for la in (_luminance(colour) for colour in candidates)
    )


def _luminance(rgb: Any) -> float:
    """Of an 8-bit (r, g, b) as Pillow gives it."""
    return palette.relative_luminance((rgb[0] / 255, rgb[1] / 255, rgb[2] / 255))


def laid_out_lines(label: Label) -> list[str]:
    core = getattr(label, "_label", None)
    lines = getattr(core, "_cached_lines", None) or []
    return ["".join(word.text for word in line.words) for line in lines]


def cut_text(label: Label) -> Iterator[str]:
    drawn = "".join("".join(laid_out_lines(label)).split())
    asked = "".join(source_text(label).split())
    if drawn == asked:
        return
    if "…" in drawn and "…" not in asked:
        yield "ellipsised"
    elif len(drawn) < len(asked):
        yield f"{len(asked) - len(drawn)} of {len(asked)} characters not drawn"


def _is_word_char(char: str) -> bool:
    """Letters and digits of scripts that break only between words (Arabic, Latin, digits)."""
    if char.isdigit():
        return True
    if not char.isalpha():
        return unicodedata.category(char) in ("Mn", "Mc")  # a joining mark belongs to its word
    return not _is_han(char)


def _is_han(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or "\u3040" <= char <= "\u30ff"


def line_break_faults(label: Label) -> Iterator[str]:
    lines = [line for line in laid_out_lines(label)]
    if len(lines) < 2:
        return
    text = source_text(label)
    name = repr(" ".join(text.split())[:24])
    at = 0
    for number, (line, following) in enumerate(itertools.pairwise(lines), start=1):
        at = _advance(text, at, line)
        head, tail = following.lstrip()[:1], line.rstrip()[-1:]
        if head in CLOSING:
            yield f"{name}: line {number + 1} starts with {head!r}"
        if tail in OPENING:
            yield f"{name}: line {number} ends with {tail!r}"
        broke_in_space = at < len(text) and text[at].isspace()
        if not broke_in_space and tail and head and _is_word_char(tail) and _is_word_char(head):
            yield f"{name}: a word is split at line {number} ('{tail}|{head}')"
    for number, line in enumerate(lines, start=1):
        body = line.strip()
        if len(body) == 1 and _is_han(body) and number == len(lines):
            yield f"{name}: line {number} holds the lone character {body!r}"


def _advance(text: str, at: int, line: str) -> int:
    """Where `line` ends in `text`, matching it from `at` while skipping the spaces Kivy drops."""
    for char in line:
        while at < len(text) and text[at] != char and text[at].isspace():
            at += 1
        if at < len(text) and text[at] == char:
            at += 1
    return at


def _check_reading_order(where: str, found: list[Leaf]) -> list[Finding]:
    """In Uyghur a button's picture comes first in reading order: on the right of its word."""
    findings = []
    by_button: dict[int, list[Leaf]] = {}
    for leaf in found:
        if isinstance(leaf.button, BigButton) and not leaf.button.vertical:
            by_button.setdefault(id(leaf.button), []).append(leaf)
    for group in by_button.values():
        icons = [leaf for leaf in group if leaf.is_icon]
        texts = [leaf for leaf in group if not leaf.is_icon]
        for icon, text in itertools.product(icons, texts):
            if icon.ink[0] + icon.ink[2] < text.ink[0] + text.ink[2]:
                findings.append(
                    Finding("mirror", where, f"{icon.name} stands left of {text.name} in Uyghur")
                )
    return findings


def _check_targets(where: str, layer: Any, px: float) -> list[Finding]:
    targets = [(b, box) for b, box in buttons(layer) if not _whole_screen(b)]
    findings = []
    for button, _box in targets:
        width, height = button.width, button.height  # whole, also when scrolled half out
        name = getattr(button, "text", "") or type(button).__name__
        if min(width, height) < theme.TARGET_MM * px - 1:
            size = f"{width / px:.1f} x {height / px:.1f} mm"
            findings.append(Finding("target", where, f"{name!r} is {size}"))
    for (a, box_a), (b, box_b) in itertools.combinations(targets, 2):
        gap = _gap(box_a, box_b)
        if gap < theme.GAP_MM * px - 1:
            names = f"{getattr(a, 'text', '')!r} and {getattr(b, 'text', '')!r}"
            findings.append(Finding("gap", where, f"{names} are {gap / px:.1f} mm apart"))
    return findings


def _whole_screen(button: Any) -> bool:
    return bool(button.width >= Window.width - 1 and button.height >= Window.height - 1)
