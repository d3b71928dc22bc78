"""Files the kiosk reads but does not make: its own assets, and the Debian fonts it draws with.

The assets (pictograms, sounds, the recorded-prompt folder's README) live in the project's top-level
`assets/` folder and travel as the package data of `kiosk.assets` (setup.py maps the one onto the
other), so a wheel, an editable install and a clone all find them the same way; they are looked up
by name through `importlib.resources`, never imported.

Fonts are not shipped: Debian packages them (fonts-ukij-uyghur, fonts-font-awesome) with their
licences and security updates, and both the screen and the receipt look them up in the one list
below, so a new place to look is added once. Standard library only: the UI, the receipt and speech
may all use it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# UKIJ CJK covers Simplified Chinese and Uyghur in one font, so a mixed line never misses a glyph
# (Kivy has no glyph fallback; face 0 of NotoSansCJK .ttc is the Japanese face: not used).
TEXT_FONTS = (
    Path("/usr/share/fonts/truetype/fonts-ukij-uyghur/UKIJCJK.ttf"),  # Debian fonts-ukij-uyghur
    Path("/usr/local/share/fonts/UKIJCJK.ttf"),  # a copy installed by hand
)
TEXT_FONT_PACKAGE = "fonts-ukij-uyghur"
# Font Awesome 4.7: the pictograms the kiosk has not drawn itself yet (kiosk/ui/icons.py).
ICON_FONTS = (
    Path("/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf"),
    Path("/usr/share/fonts-font-awesome/fonts/fontawesome-webfont.ttf"),
)
ICON_FONT_PACKAGE = "fonts-font-awesome"


class FontMissingError(FileNotFoundError):
    """None of a font's places holds it; the message names the Debian package to install."""


def find_font(candidates: tuple[Path, ...], package: str) -> Path:
    """The first of `candidates` that is a file."""
    for path in candidates:
        if path.is_file():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise FontMissingError(
        f"{candidates[0].name} not found (looked in {looked}); install the package {package}"
    )


def text_font() -> Path:
    """UKIJ CJK, for every word the kiosk shows or prints."""
    return find_font(TEXT_FONTS, TEXT_FONT_PACKAGE)


def icon_font() -> Path:
    """Font Awesome 4.7, for the pictograms without a drawing of the kiosk's own."""
    return find_font(ICON_FONTS, ICON_FONT_PACKAGE)


def assets_dir() -> Path:
    """The shipped `assets/` folder (installed as the package `kiosk.assets`)."""
    return Path(str(files("kiosk.assets")))


def asset(*parts: str) -> Path:
    """A file in the assets, e.g. `asset("sounds", "chime.wav")`; it may not exist."""
    return assets_dir().joinpath(*parts)
