"""Colours of the kiosk, and the text/background pairs that must reach 7:1 (WCAG 2.2 AAA).

Pure data with no Kivy import, so the contrast rule can be checked anywhere.
"""

from __future__ import annotations

Rgb = tuple[float, float, float]


def hex_rgb(code: str) -> Rgb:
    code = code.lstrip("#")
    r, g, b = (int(code[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b)


def rgba(code: str, alpha: float = 1.0) -> list[float]:
    """Kivy's colour form."""
    return [*hex_rgb(code), alpha]


BACKGROUND = "#FBF7F0"  # warm paper white
SURFACE = "#FFFFFF"  # cards and list rows
TEXT = "#1C1917"
TEXT_MUTED = "#3F3A36"  # still 7:1 on both backgrounds
PRIMARY = "#8F1D1D"  # the Red Post's red, dark enough for white text
ON_PRIMARY = "#FFFFFF"
SECONDARY = "#1E3A5F"  # navigation buttons
ON_SECONDARY = "#FFFFFF"
SELECTED = "#FCE7B2"  # a chosen toggle: dark text on warm yellow, plus a thick border
OK = "#14532D"  # "available", "open now", "online"
WARN = "#7C2D12"  # "out", "late"
BAD = "#7F1D1D"  # "broken", "closed"
BORDER = "#1C1917"
SCRIM = "#000000"

# Every pair text is drawn on: (foreground, background, where).
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    (TEXT, BACKGROUND, "body text"),
    (TEXT, SURFACE, "card text"),
    (TEXT_MUTED, BACKGROUND, "secondary text"),
    (TEXT_MUTED, SURFACE, "secondary text on cards"),
    (ON_PRIMARY, PRIMARY, "main buttons"),
    (ON_SECONDARY, SECONDARY, "navigation buttons"),
    (TEXT, SELECTED, "chosen toggle"),
    (OK, SURFACE, "good status"),
    (OK, BACKGROUND, "good status line"),
    (WARN, SURFACE, "warning status"),
    (WARN, BACKGROUND, "warning status line"),
    (BAD, SURFACE, "bad status"),
    (BAD, BACKGROUND, "bad status line"),
)


def relative_luminance(rgb: Rgb) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(hex_rgb(foreground)), relative_luminance(hex_rgb(background))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)
