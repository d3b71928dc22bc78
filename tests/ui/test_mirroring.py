"""Uyghur reads right to left: forward arrows point left, side-by-side buttons follow the reading
order in every orientation, scroll bars keep off the start of the lines, and a masked phone number
reads *******5678 in both languages."""

from __future__ import annotations

import pytest

from kiosk.domain.text import LRI, PDI
from kiosk.ui.app import SCREENS
from kiosk.ui.icons import MIRRORED
from kiosk.ui.widgets import Pictogram
from tests.fixtures.residents import report_a_repair
from tests.ui.helpers import LANDSCAPE, PORTRAIT, Kiosk

DISPLAYS = {"landscape": LANDSCAPE, "portrait": PORTRAIT}


def _fill_form(kiosk: Kiosk) -> None:
    form = kiosk.app.services.form
    form.choose_category("property-repair")
    form.toggle_phrase(0)
    for digit in "13912345678":
        form.press_digit(digit)


@pytest.mark.parametrize("display", DISPLAYS)
def test_in_uyghur_only_mirrored_direction_pictograms_are_drawn(kiosk: Kiosk, display: str):
    kiosk.driver.set_display(DISPLAYS[display])
    _fill_form(kiosk)
    for lang, wrong in (("ug", set(MIRRORED)), ("zh", set(MIRRORED.values()))):
        kiosk.app.set_language(lang)
        for name in SCREENS:
            kiosk.app.go(name)
            kiosk.driver.frames(2)
            drawn = {w.drawn for w in kiosk.screen(name).walk() if isinstance(w, Pictogram)}
            assert not drawn & wrong, f"{name} in {lang} draws {sorted(drawn & wrong)}"
        kiosk.app.go_home()


@pytest.mark.parametrize("name", ["feedback_what", "feedback_where"])
def test_next_points_left_in_uyghur_and_right_in_chinese(kiosk: Kiosk, name: str):
    _fill_form(kiosk)
    kiosk.app.go(name)
    kiosk.driver.frames(2)
    icon = kiosk.screen(name).ids["next"].ids["icon"]
    assert icon.drawn == "next-step"
    kiosk.app.set_language("ug")
    kiosk.driver.frames(2)
    assert icon.drawn == "next-step-rtl"
    back = kiosk.screen(name).walk()
    assert "back-rtl" in {w.drawn for w in back if isinstance(w, Pictogram)}


@pytest.mark.parametrize("lang", ["zh", "ug"])
def test_change_and_submit_sit_in_reading_order_in_portrait(kiosk: Kiosk, lang: str):
    kiosk.driver.set_display(PORTRAIT)
    kiosk.app.set_language(lang)
    _fill_form(kiosk)
    kiosk.app.go("feedback_confirm")
    kiosk.driver.frames(3)
    ids = kiosk.screen("feedback_confirm").ids
    change = ids["change"].to_window(*ids["change"].pos)[0]
    submit = ids["submit"].to_window(*ids["submit"].pos)[0]
    assert (change > submit) == (lang == "ug"), "Change comes first in the reading direction"


@pytest.mark.parametrize("display", DISPLAYS)
def test_scroll_bars_sit_on_the_left_in_uyghur(kiosk: Kiosk, display: str):
    from kivy.uix.scrollview import ScrollView

    kiosk.driver.set_display(DISPLAYS[display])
    _fill_form(kiosk)
    for lang, side in (("ug", "left"), ("zh", "right")):
        kiosk.app.set_language(lang)
        for name in SCREENS:
            kiosk.app.go(name)
            kiosk.driver.frames(1)
            for view in kiosk.screen(name).walk():
                if isinstance(view, ScrollView):
                    assert view.bar_pos_y == side, f"{name} in {lang}"
        kiosk.app.go_home()


def test_red_post_lock_is_clear_of_the_scroll_bar_in_uyghur(kiosk: Kiosk):
    """Also a screen first made in Uyghur: its rows are mirrored from the start."""
    from kivy.uix.scrollview import ScrollView

    kiosk.app.set_language("ug")
    kiosk.app.go("red_post")
    kiosk.driver.frames(3)
    screen = kiosk.screen("red_post")
    view = next(w for w in screen.walk() if isinstance(w, ScrollView))
    lock = next(
        w for w in screen.walk() if isinstance(w, Pictogram) and w.icon in ("open", "closed")
    )
    bar_left = view.x if view.bar_pos_y == "left" else view.right - view.bar_width
    lock_left, _ = lock.to_window(lock.x, lock.y)
    bar_x, _ = view.to_window(bar_left, view.y)
    assert not (bar_x < lock_left + lock.width and lock_left < bar_x + view.bar_width)


def test_the_masked_phone_reads_the_same_on_the_pad_and_the_confirm_screen_in_uyghur(
    kiosk: Kiosk,
):
    kiosk.app.set_language("ug")
    kiosk.driver.frames(2)  # the home screen mirrors its rows
    report_a_repair(kiosk)
    run = f"{LRI}*******5678{PDI}"
    assert kiosk.screen("feedback_phone").shown == run
    summary = kiosk.screen("feedback_confirm").summary
    assert run in summary, "isolated as a left-to-right run inside the Uyghur line"
    kiosk.app.set_language("zh")
    assert "*******5678" in kiosk.screen("feedback_confirm").summary
    assert LRI not in kiosk.screen("feedback_confirm").summary
