"""Lay a widget's layouts out at once, parents before children.

Kivy makes every widget at 100 x 100 px and lays out each layout on the clock, children before
parents, so a label made inside a new screen or a new button was first laid out into a box a
fraction of its width (the home screen's title into 49 px, a category button's words into 90 of
266), where its text shrinks size by size to fit, loading the typeface at each size (~1.5 MB
resident a size, benchmark 2b) and rendering what it then throws away. Laid out from the top as
soon as they are added, the labels' first lay-out is at their own width.
"""

from __future__ import annotations

from typing import Any

from kivy.uix.layout import Layout


def lay_out_now(widget: Any) -> None:
    """`widget` and the layouts under it, top down (walk is parents first)."""
    for inner in widget.walk(restrict=True):
        if isinstance(inner, Layout):
            inner.do_layout()
