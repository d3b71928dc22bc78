"""Texts given per language by staff, with the default language as the fallback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

RTL_LANGUAGES = frozenset({"ug"})


LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate


def is_rtl(lang: str) -> bool:
    """Uyghur is written right to left; the UI mirrors alignment for it."""
    return lang in RTL_LANGUAGES


def ltr_run(text: str, lang: str) -> str:
    """`text` (a masked phone number, a code) kept left to right inside `lang`'s text.

    Without the isolate, "*******5678" inside a Uyghur line is laid out right to left as
    "5678*******"; with it, both languages show the same run. Left-to-right languages and
    empty text are returned unchanged.
    """
    return f"{LRI}{text}{PDI}" if text and is_rtl(lang) else text


@dataclass(frozen=True)
class Text:
    """One text in several languages; a missing translation falls back to the default language."""

    values: Mapping[str, str]
    default_lang: str = "zh"

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(self.default_lang, "")

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.default_lang))


EMPTY = Text({})


def zh_ug(zh: str, ug: str) -> Text:
    """A fixed text of the kiosk's own, in both of its languages (Chinese the fallback)."""
    return Text({"zh": zh, "ug": ug}, "zh")


def zh_only(zh: str) -> Text:
    """A staff-page text: the centre's staff pages are Chinese only for now.

    Still a `Text`, so the day the pages get a Uyghur switch only this module's callers gain a
    second argument; every other language falls back to the Chinese meanwhile.
    """
    return Text({"zh": zh}, "zh")


@dataclass(frozen=True)
class Languages:
    available: tuple[str, ...] = ("zh", "ug")
    default: str = "zh"
    labels: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({"zh": "中文", "ug": "ئۇيغۇرچە"})
    )

    def next_after(self, lang: str) -> str:
        """The language the switch button offers next, cycling through the available ones."""
        order = list(self.available)
        return order[(order.index(lang) + 1) % len(order)] if lang in order else self.default
