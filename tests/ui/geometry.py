"""Where widgets are drawn on the real window, for layout tests: boxes, overlap, whole text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.core.window import Window

from kiosk.ui.palette import contrast_ratio

Box = tuple[float, float, float, float]  # x, y, width, height in window pixels


def window_box(widget: Any) -> Box:
    x, y = widget.to_window(widget.x, widget.y)
    return (x, y, widget.width, widget.height)


def overlap(a: Box, b: Box) -> bool:
    """True when the two boxes share more than a pixel's edge."""
    return (
        a[0] < b[0] + b[2] - 1
        and b[0] < a[0] + a[2] - 1
        and a[1] < b[1] + b[3] - 1
        and (b[1] < a[1] + a[3] - 1)
    )


def contains(outer: Box, inner: Box) -> bool:
    """`inner` lies wholly inside `outer` (a pixel of rounding allowed)."""
    return (
        inner[0] >= outer[0] - 1
        and inner[1] >= outer[1] - 1
        and inner[0] + inner[2] <= outer[0] + outer[2] + 1
        and inner[1] + inner[3] <= outer[1] + outer[3] + 1
    )


def inside_window(box: Box) -> bool:
    x, y, w, h = box
    return x >= -1 and y >= -1 and x + w <= Window.width + 1 and y + h <= Window.height + 1


def shown_texts(screen: Any) -> list[str]:
    """The text of every visible label on the screen."""
    return [
        str(w.text)
        for w in screen.walk()
        if hasattr(w, "text") and isinstance(w.text, str) and w.text and w.opacity > 0
    ]


def text_contrast(shot: Path, box: Box) -> float:
    """Contrast of a label's text on what is drawn behind it, read from a screenshot: the most
    common colour in the box is the background, the one farthest from it in luminance the ink."""
    from PIL import Image

    x, y, w, h = (round(v) for v in box)
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        top = rgb.height - (y + h)  # the window counts from the bottom, the image from the top
        raw = rgb.crop((x, top, x + w, top + h)).tobytes()  # getdata() goes in Pillow 14
        pixels = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
    background = Counter(pixels).most_common(1)[0][0]

    def hex_of(p: tuple[int, int, int]) -> str:
        return "#{:02x}{:02x}{:02x}".format(*p)

    ink = max(pixels, key=lambda p: contrast_ratio(hex_of(p), hex_of(background)))
    return contrast_ratio(hex_of(ink), hex_of(background))


def text_whole(label: Any) -> bool:
    """Every word of the label is drawn inside its box: nothing shortened to "…", no line lost
    below the box, no line wider than it."""
    label.texture_update()
    lines = label._label._cached_lines
    drawn = "".join(str(word.text) for line in lines for word in line.words)
    if "…" in drawn or "".join(drawn.split()) != "".join(str(label.text).split()):
        return False
    width = label.text_size[0] or label.width
    return bool(
        sum(line.h for line in lines) <= label.height + 1
        and all(line.w <= width + 1 for line in lines)
    )


def one_line_fits(label: Any) -> bool:
    """The label's text, at its font size, fits its box on one line: nothing cut or wrapped."""
    probe = CoreLabel(font_name=label.font_name, font_size=label.font_size)
    width, height = probe.get_extents(label.text)
    return bool(width <= label.width and height <= label.height + 1)
