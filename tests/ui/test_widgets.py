"""The shared widgets as drawn on the real window (kiosk.ui.widgets, widgets.kv)."""

from __future__ import annotations

from kivy.graphics import Line

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
