"""Page buttons that move through a long list before they turn the page.

A thin scrollbar is no cue for a resident who does not swipe (DESIGN.md 6): the screen's Next
first moves the text by most of a screen, a "more below" line says that there is more, and only
at the end does Next turn to the next page or day.
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock

STEP = 0.8  # of the visible height: the last lines stay in view as a thread to follow


def _overflow(view: Any) -> float:
    content = view.children[0] if view.children else None
    return float(content.height - view.height) if content is not None else 0.0


def more_below(view: Any) -> bool:
    return _overflow(view) > 1 and view.scroll_y > 0.001


def more_above(view: Any) -> bool:
    return _overflow(view) > 1 and view.scroll_y < 0.999


def scroll_step(view: Any, step: int) -> bool:
    """Move `view` down (`step` > 0) or up by a screen, row by row: the first row cut at the
    bottom becomes the top one (or the last cut at the top the bottom one), so every row is
    once seen whole; a row taller than the view moves by most of a screen. False at the end."""
    overflow = _overflow(view)
    if overflow <= 1 or not (more_below(view) if step > 0 else more_above(view)):
        return False
    content = view.children[0]
    offset = view.scroll_y * overflow  # the content's height hidden below the view
    rows = [(kid.y - content.y, kid.top - content.y) for kid in _rows(content, view.height)]
    if step > 0:
        cut = [top for bottom, top in rows if bottom < offset - 1]
        target = max(cut) - view.height if cut else offset - view.height * STEP
        if target >= offset - 1:
            target = offset - view.height * STEP
    else:
        top_seen = offset + view.height
        cut = [bottom for bottom, top in rows if top > top_seen + 1]
        target = min(cut) if cut else offset + view.height * STEP
        if target <= offset + 1:
            target = offset + view.height * STEP
    _place(view, min(1.0, max(0.0, target / overflow)))
    return True


def _rows(content: Any, height: float) -> list[Any]:
    """The content's children; one taller than the view (a grid of cards) by its own children."""
    rows: list[Any] = []
    for kid in content.children:
        tall = kid.height > height and kid.children
        rows.extend(kid.children if tall else [kid])
    return rows


def to_top(view: Any) -> None:
    """Show the top of new content: now, and again once the layout pass has sized it (a
    position set before that, on the old heights, drifts as the scroll effect springs back)."""
    _place(view, 1.0)
    Clock.schedule_once(lambda _dt: _place(view, 1.0), 0)


def _place(view: Any, scroll_y: float) -> None:
    view.scroll_y = scroll_y
    if view.effect_y is not None:
        view.effect_y.velocity = 0
        view.effect_y.value = view.effect_y.max * scroll_y


def watch(view: Any, callback: Any) -> None:
    """Call `callback()` whenever the view's position or either height changes."""
    view.bind(scroll_y=lambda *_a: callback(), height=lambda *_a: callback())
    if view.children:
        view.children[0].bind(height=lambda *_a: callback())
