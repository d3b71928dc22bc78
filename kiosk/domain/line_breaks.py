"""Line breaking for Chinese and Uyghur, done by the kiosk rather than by Kivy.

Kivy wraps at spaces and splits any "word" longer than the line at an arbitrary character: that
cuts Uyghur words into wrongly joined halves and lets Chinese lines start with 、 or ；. Here text
is cut into unbreakable clusters first (a Uyghur or Latin word, a Han character with the
punctuation that must stay beside it, a number with its unit) and lines are filled cluster by
cluster. Pure: the caller gives a `measure(text) -> px` (its font at its size).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

Measure = Callable[[str], float]

ELLIPSIS = "…"
# No line starts with these (Chinese rules, and the ASCII ones in mixed text)...
CLOSING = frozenset("、，。；：！？）」』】》〉〕〗〙〛｝”’…‥・·％,.;:!?)]}%")
# ...and no line ends with these.
OPENING = frozenset("（「『【《〈〔〖〘〚｛“‘([{")
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: up to the PDI, one unbreakable run
PDI = "\u2069"


@dataclass(frozen=True)
class Layout:
    """The lines to draw; `too_wide` lists clusters wider than a line on their own (shrink the
    font: they are never split); `shortened` when lines were dropped and "…" ends the last."""

    lines: tuple[str, ...]
    too_wide: tuple[str, ...] = ()
    shortened: bool = False


@dataclass
class _Cluster:
    sep: str  # the spaces before it: dropped at a line start
    text: str
    kind: str  # "han", "word" or "digits"


def is_wide(char: str) -> bool:
    """Han, kana, CJK punctuation and full-width forms: each one a place a line may break."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(paragraph: str) -> list[_Cluster]:
    """Runs of non-space, non-wide characters (words, numbers) and single wide characters."""
    tokens: list[_Cluster] = []
    sep, word = "", ""

    def flush() -> None:
        nonlocal sep, word
        if word:
            kind = "digits" if word[0].isdigit() else "word"
            tokens.append(_Cluster(sep, word, kind))
            sep, word = "", ""

    isolated = 0  # inside LRI … PDI (kiosk.domain.bidi): one run, kept on one line
    for char in paragraph:
        isolated += (char in ISOLATES) - (char == PDI and isolated > 0)
        if isolated and char not in ISOLATES:
            word += char
        elif char.isspace():
            flush()
            sep += char
        elif is_wide(char):
            flush()
            tokens.append(_Cluster(sep, char, "han"))
            sep = ""
        else:
            word += char
    flush()
    return tokens


def _all_in(text: str, chars: frozenset[str]) -> bool:
    return bool(text) and all(c in chars for c in text)


def clusters(paragraph: str) -> list[_Cluster]:
    """The paragraph as unbreakable clusters, each with the spaces before it."""
    out: list[_Cluster] = []
    glue_next = False  # the previous token forbids a break after it
    after_number = False  # the previous token was a Han unit right after digits (12月|6日)
    prev: _Cluster | None = None
    for token in _tokens(paragraph):
        glue = bool(out) and (
            glue_next
            or _all_in(token.text, CLOSING)
            or (prev is not None and _keeps_number(prev, token, after_number))
        )
        after_number = (
            token.kind == "han" and not token.sep and prev is not None and prev.kind == "digits"
        )
        if glue:
            out[-1].text += token.sep + token.text
        else:
            out.append(_Cluster(token.sep, token.text, token.kind))
        glue_next = _all_in(token.text[-1:], OPENING)
        prev = token
    return out


def _keeps_number(prev: _Cluster, token: _Cluster, after_number: bool) -> bool:
    """A number keeps its unit (12月, 3条), a date its parts (12月6日) and a code written in
    groups stays whole (001 000 015)."""
    if token.sep:
        return prev.text.isdigit() and token.text.isdigit()
    if prev.kind == "digits" and token.kind == "han":
        return True
    return after_number and token.kind == "digits"


def _text(line: list[_Cluster]) -> str:
    return "".join((c.sep if i else "") + c.text for i, c in enumerate(line))


def _fill(items: list[_Cluster], width: float, measure: Measure) -> list[list[_Cluster]]:
    """Greedy filling: sum the clusters' widths (cheap, cached by the caller), then measure each
    finished line whole, since shaping and kerning make a line a little wider or narrower."""
    lines: list[list[_Cluster]] = []
    queue = list(items)
    while queue:
        line = [queue.pop(0)]
        used = measure(line[0].text)
        while queue:
            nxt = queue[0]
            extra = measure(nxt.text) + (measure(f"a{nxt.sep}a") - measure("aa") if nxt.sep else 0)
            if used + extra > width:
                break
            line.append(queue.pop(0))
            used += extra
        while len(line) > 1 and measure(_text(line)) > width:
            queue.insert(0, line.pop())
        lines.append(line)
    return lines


def _lone(line: list[_Cluster]) -> bool:
    letters = [c for c in _text(line) if not (c in CLOSING or c in OPENING or c.isspace())]
    return len(letters) == 1 and is_wide(letters[0])


def _no_orphan(lines: list[list[_Cluster]], width: float, measure: Measure) -> None:
    """A last line of one Han character takes the previous line's last cluster with it."""
    if len(lines) < 2 or not _lone(lines[-1]) or len(lines[-2]) < 2:
        return
    moved = [lines[-2][-1], *lines[-1]]
    if measure(_text(moved)) <= width:
        lines[-2].pop()
        lines[-1] = moved


def _shorten(kept: list[list[_Cluster]], width: float, measure: Measure) -> list[str]:
    """The lines kept, the last ending at a cluster boundary with "…" that fits; when no word
    of the last line fits beside "…", the "…" ends the line before it instead, since a line
    that is only "…" reads as a broken line start, not as 'more follows'."""
    *before, line = kept
    while line and measure(_text(line) + ELLIPSIS) > width:
        line = line[:-1]
    if not line and before:
        line = before.pop()
        while len(line) > 1 and measure(_text(line) + ELLIPSIS) > width:
            line = line[:-1]
    return [*(_text(one) for one in before), _text(line) + ELLIPSIS]


def break_lines(
    text: str, width: float, measure: Measure, *, max_lines: int | None = None
) -> Layout:
    """Break `text` (its own newlines kept) into lines no wider than `width`, never inside a
    word or number and never against the Chinese punctuation rules; with `max_lines`, cut at a
    cluster and end in "…"."""
    laid: list[list[_Cluster]] = []
    too_wide: list[str] = []
    for paragraph in text.split("\n"):
        items = clusters(paragraph)
        too_wide += [c.text for c in items if measure(c.text) > width]
        lines = _fill(items, width, measure) if items else [[]]
        _no_orphan(lines, width, measure)
        laid += lines
    if max_lines is not None and len(laid) > max(1, max_lines):
        keep = max(1, max_lines)
        lines_out = tuple(_shorten(laid[:keep], width, measure))
        return Layout(lines_out, tuple(too_wide), shortened=True)
    return Layout(tuple(_text(line) for line in laid), tuple(too_wide))
