"""The content part of a staff YAML file, cut out as text: comments and layout kept.

Staff who ran a kiosk on one file start publishing with `kiosk content extract`: the sections a
community publishes (kiosk.config.content_keys) are copied line for line, with the comments
above each, and the device's own lines are left out, so the result reads like the file they know.
"""

from __future__ import annotations

import re

from kiosk.config.content_keys import CONTENT_SECTIONS, DEVICE_COMMUNITY_KEYS

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_DEVICE_LINE = re.compile(r"^[ \t]+(" + "|".join(DEVICE_COMMUNITY_KEYS) + r")\s*:")


def content_text(text: str) -> str:
    """The content sections of `text` (a whole kiosk.yaml), with the comments before each."""
    kept: list[str] = []
    pending: list[str] = []  # comments and blank lines: they belong to the section after them
    section: str | None = None
    for line in text.splitlines(keepends=True):
        top = _TOP_KEY.match(line)
        if top is not None:
            section = top.group(1)
            if section in CONTENT_SECTIONS:
                kept += pending
            pending = []
            if section in CONTENT_SECTIONS:
                kept.append(line)
            continue
        if section is None or not line.strip() or line.startswith("#"):
            pending.append(line)
            continue
        if section in CONTENT_SECTIONS and not (
            section == "community" and _DEVICE_LINE.match(line)
        ):
            kept += pending
            kept.append(line)
        pending = []
    return "".join(kept)
