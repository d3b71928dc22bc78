"""What a form field may hold once read: text a database and a page can take as it is.

A kiosk's or a browser's field may carry a NUL byte (PostgreSQL refuses it: a 500, which a kiosk
retries for ever), other control characters, or a lone surrogate (not encodable as UTF-8). A
resident's words are never refused for that: the stray characters are dropped (controls) or
shown as U+FFFD (surrogates), and everything else, right-to-left text included, is kept.
"""

from __future__ import annotations

_KEPT = "\t\n\r"
_DROPPED = dict.fromkeys(
    c for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in _KEPT
)


def clean(value: str) -> str:
    """`value` without control characters (tab and line breaks kept) and lone surrogates."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        value = value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value.translate(_DROPPED)
