"""Pictograms: the kiosk's own drawings (assets/pictograms), else Font Awesome 4.7 glyphs.

A name with a drawing is drawn from its PNG, tinted with the text colour of where it stands
(kiosk.ui.widgets.Pictogram). The drawings replace the Font Awesome stand-ins that said the wrong
thing to a resident (a house for a seat, a doctor for a mask, a wrench for "broken", a reload
arrow for "say it again"), and give every name staff may use in the config one consistent style.
The glyphs stay for controls and states whose Font Awesome picture already says what it means.
"""

from __future__ import annotations

import logging
from functools import cache

from kiosk.config.files import asset
from kiosk.domain.pictograms import PICTOGRAMS

log = logging.getLogger("kiosk.ui")

# Names drawn by the kiosk itself: assets/pictograms/<file>.png (tests keep this and the folder
# in step). "repeat" (the title bar: hear this screen again) is the same act as "say-again".
DRAWN: dict[str, str] = {
    **{name: name for name in PICTOGRAMS},  # the config's names, seat and mask among them
    "broken": "broken",
    "say-again": "say-again",
    "repeat": "say-again",
    "speech-on": "speech-on",
    "speech-off": "speech-off",
}

# The glyph of a name that has a drawing is only drawn if its PNG is missing.
GLYPHS: dict[str, str] = {
    # home screen
    "notices": "\uf0a1",  # bullhorn
    "activities": "\uf073",  # calendar
    "feedback": "\uf044",  # pencil on paper
    "echo-wall": "\uf058",  # check in a circle: solved and published
    "red-post": "\uf024",  # flag
    "lookup": "\uf002",  # magnifier
    # feedback categories
    "wrench": "\uf0ad",
    "broom": "\uf1f8",  # bin: FA 4.7 has no broom
    "safety": "\uf071",  # warning triangle
    "neighbours": "\uf0c0",  # people
    "elderly": "\uf193",  # wheelchair
    "suggestion": "\uf0eb",  # light bulb
    # Red Post amenities
    "hot-water": "\uf0f4",  # cup
    "first-aid": "\uf0fa",  # medical kit
    "mask": "\uf0f0",  # doctor with mask
    "seat": "\uf015",  # shelter
    "charging": "\uf1e6",  # plug
    "book": "\uf02d",
    # controls and states
    "back": "\uf060",  # arrow left
    "back-rtl": "\uf061",  # arrow right
    "home": "\uf015",
    "language": "\uf0ac",  # globe
    "prev": "\uf077",
    "next": "\uf078",
    "clock": "\uf017",
    "place": "\uf041",
    "available": "\uf00c",
    "out": "\uf05e",
    "broken": "\uf0ad",
    "online": "\uf1eb",  # wifi
    "offline": "\uf127",  # broken link
    "open": "\uf09c",  # unlocked
    "closed": "\uf023",  # locked
    "pinned": "\uf08d",  # thumb tack
    "repeat": "\uf028",  # loudspeaker on a title bar: tap to hear this screen again
    "say-again": "\uf01e",  # circular arrow: the home screen's "say it again", beside speech on/off
    "speech-on": "\uf028",
    "speech-off": "\uf026",
    "volume": "\uf012",  # rising bars: how loud, beside the loudspeaker of speech on/off
    "bigger-text": "\uf034",  # a tall "T" with arrows: text height
    "next-step": "\uf138",  # chevron in a circle, pointing right
    "next-step-rtl": "\uf137",  # pointing left: forward in right-to-left
    "delete": "\uf177",  # long arrow back (left)
    "delete-rtl": "\uf178",  # long arrow right: back in right-to-left
    "submit": "\uf1d8",  # paper plane
    "change": "\uf040",  # pencil
    "join": "\uf164",  # thumbs up
    "printer": "\uf02f",
    "qrcode": "\uf029",
    # Echo Wall, look-up and rating
    "chart": "\uf080",  # bar chart
    "on-time": "\uf017",  # clock
    "late": "\uf071",
    "rate": "\uf005",  # star
    "satisfied": "\uf118",  # smiling face
    "so-so": "\uf11a",  # neutral face
    "not-satisfied": "\uf119",  # frowning face
    "check-another": "\uf002",
}


# Pictograms that point along the reading direction, and the mirrored one drawn instead in a
# right-to-left language (forward points left in Uyghur). Up/down (the pager) need no mirror.
MIRRORED: dict[str, str] = {
    "back": "back-rtl",
    "next-step": "next-step-rtl",
    "delete": "delete-rtl",
}


def directed(name: str, rtl: bool) -> str:
    """The pictogram to draw for `name` in a language of this direction (kv: Pictogram)."""
    if rtl:
        return MIRRORED.get(name, name)
    return name


def glyph(name: str) -> str:
    """The glyph for a pictogram name; an unknown name (never from a valid config) draws a dot."""
    return GLYPHS.get(name, "\uf111")


@cache
def picture(name: str) -> str:
    """The PNG of the kiosk's own drawing for `name`, or "" to draw the glyph instead."""
    drawn = DRAWN.get(name)
    if drawn is None:
        return ""
    try:
        path = asset("pictograms", f"{drawn}.png")
    except ModuleNotFoundError:  # an install older than kiosk.assets: glyphs, not a crash
        log.warning("pictograms: the package kiosk.assets is not installed; drawing glyphs")
        return ""
    return str(path) if path.is_file() else ""
