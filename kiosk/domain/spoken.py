"""One utterance in more than one language: a staff answer read in its own voice inside a prompt
in the resident's language.

Staff may answer only in Chinese while the resident listens in Uyghur: the Uyghur voice cannot
read Han characters, and "see the screen" helps nobody who cannot read. So a prompt is a
sequence of parts, each spoken with its own language's voice, played as one request: a touch
cuts all of it, "say again" repeats all of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_GAP = {"zh": ""}  # between sentences of one language: Chinese needs no space


@dataclass(frozen=True)
class Spoken:
    """`parts` are (text, lang) in order; neighbours differ in language, none is empty."""

    parts: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, parts: Iterable[tuple[str, str]]) -> Spoken:
        """Empty parts dropped, neighbours in the same language joined into one part."""
        merged: list[tuple[str, str]] = []
        for text, lang in parts:
            text = text.strip()
            if not text:
                continue
            if merged and merged[-1][1] == lang:
                merged[-1] = (merged[-1][0] + _GAP.get(lang, " ") + text, lang)
            else:
                merged.append((text, lang))
        return cls(tuple(merged))

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for _text, lang in self.parts)

    @property
    def text(self) -> str:
        """All the words, for logs and tests; speak `parts`, each with its voice."""
        return " ".join(text for text, _lang in self.parts)

    def __add__(self, other: Spoken) -> Spoken:
        return Spoken.of((*self.parts, *other.parts))


Prompt = str | Spoken  # what a screen says: one language, or parts in several


def as_spoken(prompt: Prompt, lang: str) -> Spoken:
    """A screen's prompt as parts; plain text is in the screen's language `lang`."""
    return prompt if isinstance(prompt, Spoken) else Spoken.of([(prompt, lang)])
