"""Which language a staff answer is shown and spoken in, for a resident reading in `lang`.

Staff write an answer in Chinese, in Uyghur or in both. A resident sees their own language; where
only the other exists they see that, with one line saying so, and hear it in that language's own
voice (never read by the wrong voice, never silence).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ShownText:
    text: str
    lang: str  # the language `text` is written in: the voice to read it with
    other: bool  # True: not the resident's language (say so in one line)


def in_language(
    texts: Mapping[str, str], lang: str, order: tuple[str, ...] = ("zh", "ug")
) -> ShownText | None:
    """The text for `lang`, else the first other language in `order` that has one; None if none."""
    own = (texts.get(lang) or "").strip()
    if own:
        return ShownText(own, lang, other=False)
    for other in (*order, *sorted(texts)):
        text = (texts.get(other) or "").strip()
        if other != lang and text:
            return ShownText(text, other, other=True)
    return None
