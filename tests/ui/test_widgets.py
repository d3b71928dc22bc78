"""The shared widgets as drawn on the real window (kiosk.ui.widgets, widgets.kv)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kivy.graphics import Line
from kivy.graphics.instructions import Canvas

from kiosk.ui.app import SCREENS
from kiosk.ui.widgets import BigButton
from tests.fixtures.residents import button_on
from tests.ui.helpers import Kiosk


def _border(button: BigButton) -> Line:
    return next(i for i in button.canvas.before.children if isinstance(i, Line))


def test_a_chosen_phrase_has_a_thick_border_an_unchosen_one_a_thin_one_and_a_coloured_button_none(
    kiosk: Kiosk,
):
    tap = kiosk.driver.tap
    tap(kiosk.screen("home").ids["door_feedback"])
    tap(button_on(kiosk, "feedback", "property-repair"))
    tap(button_on(kiosk, "feedback_what", 0))
    kiosk.driver.frames(2)
    chosen, other = button_on(kiosk, "feedback_what", 0), button_on(kiosk, "feedback_what", 1)
    go_on = kiosk.screen("feedback_what").ids["next"]
    assert (chosen.active, other.active, go_on.kind) == (True, False, "primary")

    # The choice shows by its border's thickness as well as its colour (colour vision).
    assert _border(chosen).width >= 4 * _border(other).width
    assert _border(chosen).points
    assert _border(other).points
    # A filled button draws no border at all, not an invisible one: each border is geometry
    # the renderer walks every frame (Kivy's defaults made ~90 points with a round joint of
    # 10 triangles at each: on llvmpipe a third of a frame's rendering).
    assert _border(go_on).points == []
    assert len(_border(other).points) // 2 <= 40


def _lines(canvas: Any) -> Iterator[Line]:
    for instruction in getattr(canvas, "children", []):
        if isinstance(instruction, Line):
            yield instruction
        elif not isinstance(instruction, Canvas):  # a child widget's canvas: walked as its own
            yield from _lines(instruction)


def test_no_line_on_any_screen_is_drawn_with_kivys_many_segment_corners(kiosk: Kiosk):
    """A rounded line at Kivy's defaults is ~90 points, each with a joint of 10 triangles: the
    staff panel's two red borders alone were ~4,000 triangles a frame."""
    kiosk.wait_for(lambda: not kiosk.app.missing_screens())
    for name in SCREENS:
        kiosk.app.go(name)
        kiosk.driver.frames(2)
        for widget in kiosk.screen(name).walk():
            for canvas in (widget.canvas.before, widget.canvas, widget.canvas.after):
                for line in _lines(canvas):
                    assert len(line.points) // 2 <= 40, (name, type(widget).__name__)
